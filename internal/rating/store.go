package rating

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const ratingColumns = `id, district_code, case_kind, case_id, case_no, case_title, rater_id, department, point,
	invited_at, level, tags, comment, rated_at`

// errNoInvitation says a case has no rating invitation (yet).
var errNoInvitation = apperr.NotFound("没有找到可评价的办件")

func scanRating(r interface{ Scan(...any) error }) (Rating, error) {
	var x Rating
	var tags string
	var rated sql.NullTime
	err := r.Scan(&x.ID, &x.District, &x.CaseKind, &x.CaseID, &x.CaseNo, &x.CaseTitle, &x.RaterID, &x.Department,
		&x.Point, &x.InvitedAt, &x.Level, &tags, &x.Comment, &rated)
	if err != nil {
		return Rating{}, err
	}
	x.InvitedAt, x.RatedAt = x.InvitedAt.UTC(), rated.Time.UTC()
	x.Tags, x.LevelName = splitTags(tags), x.Level.Name()
	return x, nil
}

// loadRating reads the invitation of a case, or errNoInvitation.
func loadRating(ctx context.Context, q querier, kind CaseKind, caseID int64) (Rating, error) {
	r, err := scanRating(q.QueryRow(ctx, `SELECT `+ratingColumns+` FROM ratings WHERE case_kind = ? AND case_id = ?`,
		kind, caseID))
	if errors.Is(err, sql.ErrNoRows) {
		return Rating{}, errNoInvitation
	}
	if err != nil {
		return Rating{}, fmt.Errorf("rating: load %s %d: %w", kind, caseID, err)
	}
	return r, nil
}

// loadRatingByID reads a rating by its id.
func loadRatingByID(ctx context.Context, q querier, id int64) (Rating, error) {
	r, err := scanRating(q.QueryRow(ctx, `SELECT `+ratingColumns+` FROM ratings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Rating{}, apperr.NotFound("评价不存在")
	}
	if err != nil {
		return Rating{}, fmt.Errorf("rating: load %d: %w", id, err)
	}
	return r, nil
}

func splitTags(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

package rating

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// maxList bounds the lists; the newest come first.
const maxList = 200

// Mine lists the actor's invitations and ratings, the newest first.
func (s *Service) Mine(ctx context.Context, actor *authz.Actor) ([]Rating, error) {
	if err := authz.Check(actor, actRate, selfOf(actor)); err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, `SELECT `+ratingColumns+` FROM ratings WHERE rater_id = ?
		ORDER BY invited_at DESC, id DESC LIMIT ?`, actor.AccountID, maxList)
	if err != nil {
		return nil, fmt.Errorf("rating: mine: %w", err)
	}
	defer rows.Close()
	out := []Rating{}
	for rows.Next() {
		r, err := scanRating(rows)
		if err != nil {
			return nil, fmt.Errorf("rating: mine: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Get returns the actor's rating (or invitation) of a case; someone
// else's case is not found.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, kind CaseKind, caseID int64) (Rating, error) {
	if err := authz.Check(actor, actRate, selfOf(actor)); err != nil {
		return Rating{}, err
	}
	if !kind.Valid() {
		return Rating{}, apperr.Invalid("kind", "评价对象类型不正确")
	}
	r, err := loadRating(ctx, s.DB, kind, caseID)
	if err == nil && r.RaterID != actor.AccountID {
		err = errNoInvitation
	}
	if err == errNoInvitation {
		return Rating{}, s.notOpen(ctx, actor, kind, caseID)
	}
	return r, err
}

// Filter selects rectification cases; an empty State lists all.
type Filter struct {
	State State `json:"state"`
}

// ListRectifications lists the cases of the actor's units (all of the
// district for those holding it), the earliest due first.
func (s *Service) ListRectifications(ctx context.Context, actor *authz.Actor, f Filter) ([]Rectification, error) {
	if err := mayAny(actor, actView); err != nil {
		return nil, err
	}
	if f.State != "" && f.State.Name() == "" {
		return nil, apperr.Invalid("state", "整改状态不正确")
	}
	conds, args := []string{"district_code = ?"}, []any{actor.District}
	if f.State != "" {
		conds, args = append(conds, "state = ?"), append(args, f.State)
	}
	units, uargs := unitConds(actor)
	conds, args = append(conds, units), append(args, uargs...)
	rows, err := s.DB.Query(ctx, `SELECT `+rectColumns+` FROM rating_rectifications WHERE `+strings.Join(conds, " AND ")+
		` ORDER BY CASE state WHEN 'closed' THEN 1 ELSE 0 END, due_at, id LIMIT ?`, append(args, maxList)...)
	if err != nil {
		return nil, fmt.Errorf("rating: rectifications: %w", err)
	}
	var out []Rectification
	for rows.Next() {
		x, err := scanRect(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("rating: rectifications: %w", err)
		}
		out = append(out, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return s.withRatings(ctx, out)
}

// unitConds is the SQL condition keeping the cases under the actor's
// scopes for viewing, as mayCase decides: a prefix match on the unit codes
// (as Scope.Covers), inspections' cases only for grants over the whole
// district or for inspectors (actTeam), over the street.
func unitConds(actor *authz.Actor) (string, []any) {
	var ors []string
	var args []any
	for _, g := range actor.Grants {
		if g.Scope.Code == "" || g.Scope.Kind == authz.ScopeSelf {
			continue
		}
		switch {
		case actView.Allows(g.Role) && g.Scope.Kind == authz.ScopeDistrict:
			ors = append(ors, "department LIKE ? OR point LIKE ?")
			args = append(args, g.Scope.Code+"%", g.Scope.Code+"%")
		case actView.Allows(g.Role):
			ors = append(ors, "("+caseKindOf+" <> ? AND (department LIKE ? OR point LIKE ?))")
			args = append(args, CaseInspection, g.Scope.Code+"%", g.Scope.Code+"%")
		}
		if actTeam.Allows(g.Role) {
			ors = append(ors, "("+caseKindOf+" = ? AND department LIKE ?)")
			args = append(args, CaseInspection, g.Scope.Code+"%")
		}
	}
	if len(ors) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(ors, " OR ") + ")", args
}

// caseKindOf is the kind of a rectification case's rated case, in SQL.
const caseKindOf = `(SELECT case_kind FROM ratings WHERE ratings.id = rating_rectifications.rating_id)`

// withRatings fills in each case's rating and its overdue mark.
func (s *Service) withRatings(ctx context.Context, xs []Rectification) ([]Rectification, error) {
	out := make([]Rectification, 0, len(xs))
	now := s.now()
	for _, x := range xs {
		r, err := loadRatingByID(ctx, s.DB, x.Rating.ID)
		if err != nil {
			return nil, err
		}
		x.Rating, x.Overdue, x.Callbacks = r, x.State == StateOpen && now.After(x.DueAt), []Callback{}
		out = append(out, x)
	}
	return out, nil
}

package rating

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

const rectColumns = `id, rating_id, district_code, department, point, state, opened_at, due_at, measures,
	submitted_at, submitted_by, returns, review_note, reviewed_at, reviewed_by`

// openRectification opens the case of a bad rating, due at the end of the
// configured number of working days.
func (s *Service) openRectification(ctx context.Context, tx *db.Tx, r Rating) error {
	due := s.Calendar.DeadlineAfterWorkdays(tx.Now(), s.RectifyDays, calendar.OfficeHours{})
	id, err := tx.InsertID(ctx, `INSERT INTO rating_rectifications (rating_id, district_code, department, point, state,
		opened_at, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, r.ID, r.District, r.Department, r.Point,
		StateOpen, tx.Now(), due.UTC(), tx.Now())
	if err != nil {
		return fmt.Errorf("rating: open rectification: %w", err)
	}
	return audit.Append(ctx, tx, audit.Entry{Actor: authz.System(r.District), Action: "rating.rectification.open",
		ObjectType: "rating_rectification", ObjectID: strconv.FormatInt(id, 10),
		After: map[string]any{"rating": r.ID, "due_at": due.UTC()}})
}

func scanRect(r interface{ Scan(...any) error }) (Rectification, error) {
	var x Rectification
	var submittedAt, reviewedAt sql.NullTime
	var submittedBy, reviewedBy sql.NullInt64
	err := r.Scan(&x.ID, &x.Rating.ID, &x.District, &x.Department, &x.Point, &x.State, &x.OpenedAt, &x.DueAt,
		&x.Measures, &submittedAt, &submittedBy, &x.Returns, &x.ReviewNote, &reviewedAt, &reviewedBy)
	if err != nil {
		return Rectification{}, err
	}
	x.OpenedAt, x.DueAt = x.OpenedAt.UTC(), x.DueAt.UTC()
	x.SubmittedAt, x.ReviewedAt = submittedAt.Time.UTC(), reviewedAt.Time.UTC()
	x.SubmittedBy, x.ReviewedBy = submittedBy.Int64, reviewedBy.Int64
	x.StateName = x.State.Name()
	return x, nil
}

// loadRect reads a case with its rating and callbacks.
func (s *Service) loadRect(ctx context.Context, q querier, id int64) (Rectification, error) {
	x, err := scanRect(q.QueryRow(ctx, `SELECT `+rectColumns+` FROM rating_rectifications WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Rectification{}, apperr.NotFound("整改件不存在")
	}
	if err != nil {
		return Rectification{}, fmt.Errorf("rating: load rectification %d: %w", id, err)
	}
	if x.Rating, err = loadRatingByID(ctx, q, x.Rating.ID); err != nil {
		return Rectification{}, err
	}
	if x.Callbacks, err = loadCallbacks(ctx, q, id); err != nil {
		return Rectification{}, err
	}
	x.Overdue = x.State == StateOpen && s.DB.Clock.Now().After(x.DueAt)
	return x, nil
}

func loadCallbacks(ctx context.Context, q querier, id int64) ([]Callback, error) {
	rows, err := q.Query(ctx, `SELECT id, called_by, called_at, reached, note FROM rating_callbacks
		WHERE rectification_id = ? ORDER BY called_at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("rating: callbacks: %w", err)
	}
	defer rows.Close()
	out := []Callback{}
	for rows.Next() {
		var c Callback
		if err := rows.Scan(&c.ID, &c.CalledBy, &c.CalledAt, &c.Reached, &c.Note); err != nil {
			return nil, fmt.Errorf("rating: callbacks: %w", err)
		}
		c.CalledAt = c.CalledAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// moveRect changes a case's state from `from`, with the extra assignments
// in set; a case no longer in `from` (another reviewer was first) is a
// conflict.
func moveRect(ctx context.Context, tx *db.Tx, id int64, from, to State, set string, args ...any) error {
	q := `UPDATE rating_rectifications SET state = ?, updated_at = ?` + set + ` WHERE id = ? AND state = ?`
	res, err := tx.Exec(ctx, q, append(append([]any{to, tx.Now()}, args...), id, from)...)
	if err != nil {
		return fmt.Errorf("rating: rectification %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.Conflict("整改件状态已变化，请刷新后重试")
	}
	return nil
}

// now is the service clock's time in UTC.
func (s *Service) now() time.Time { return s.DB.Clock.Now().UTC() }

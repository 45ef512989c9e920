package approval

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Summary is one application in a list, without its personal data.
type Summary struct {
	ID          int64     `json:"id"`
	Number      string    `json:"number"`
	ItemCode    string    `json:"item_code"`
	ItemName    string    `json:"item_name"`
	State       State     `json:"state"`
	StateName   string    `json:"state_name"`
	ClaimedBy   int64     `json:"claimed_by,omitempty"`
	SubmittedAt time.Time `json:"submitted_at,omitzero"`
	AcceptedAt  time.Time `json:"accepted_at,omitzero"`
	UpdatedAt   time.Time `json:"updated_at"`
	Credit      string    `json:"credit_outcome,omitempty"`
	// DaysLeft is the working days left: of pre-review for a submitted
	// application, of the promised limit once accepted.
	DaysLeft int      `json:"days_left"`
	Standing Standing `json:"standing"`
}

// Page selects a slice of a list.
type Page struct{ Limit, Offset int }

// MaxLimit is the longest page.
const MaxLimit = 200

func (p Page) normal() Page {
	if p.Limit <= 0 || p.Limit > MaxLimit {
		p.Limit = 50
	}
	p.Offset = max(p.Offset, 0)
	return p
}

const summaryColumns = `id, COALESCE(number, ''), item_code, item_name, state, COALESCE(claimed_by, 0),
	submitted_at, accepted_at, updated_at, credit_outcome, legal_days, promised_days`

// Mine lists the actor's own applications, newest first.
func (s *Service) Mine(ctx context.Context, actor *authz.Actor, p Page) ([]Summary, error) {
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return nil, err
	}
	p = p.normal()
	return s.summaries(ctx, `SELECT `+summaryColumns+` FROM applications WHERE district = ? AND applicant_id = ?
		ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?`, actor.District, actor.AccountID, p.Limit, p.Offset)
}

// QueueFilter selects the front desks' shared queue.
type QueueFilter struct {
	Item    string // an item code
	Mine    bool   // only what the actor has claimed
	Waiting bool   // only what nobody has claimed
}

// Queue is the district's shared pre-review queue (区街同权): every
// submitted application, oldest first, so the one nearest to acceptance by
// law (Art. 32) comes first.
func (s *Service) Queue(ctx context.Context, actor *authz.Actor, f QueueFilter, p Page) ([]Summary, error) {
	if err := authz.Check(actor, actPreReview, authz.Scope{}); err != nil {
		return nil, err
	}
	p = p.normal()
	q := `SELECT ` + summaryColumns + ` FROM applications WHERE district = ? AND state = ?`
	args := []any{actor.District, StateSubmitted}
	if f.Item != "" {
		if len(f.Item) > 40 {
			return nil, apperr.Invalid("item", "事项编码不正确")
		}
		q, args = q+` AND item_code = ?`, append(args, f.Item)
	}
	switch {
	case f.Mine:
		q, args = q+` AND claimed_by = ?`, append(args, actor.AccountID)
	case f.Waiting:
		q += ` AND claimed_by IS NULL`
	}
	return s.summaries(ctx, q+` ORDER BY submitted_at, id LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
}

// summaries runs a list query and computes each row's clock.
func (s *Service) summaries(ctx context.Context, q string, args ...any) ([]Summary, error) {
	rows, err := s.DB.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("approval: list: %w", err)
	}
	defer rows.Close()
	now := s.DB.Clock.Now()
	out := []Summary{}
	for rows.Next() {
		var x Summary
		var sub, acc sql.NullTime
		var legal, promised int
		if err := rows.Scan(&x.ID, &x.Number, &x.ItemCode, &x.ItemName, &x.State, &x.ClaimedBy, &sub, &acc,
			&x.UpdatedAt, &x.Credit, &legal, &promised); err != nil {
			return nil, fmt.Errorf("approval: list: %w", err)
		}
		x.SubmittedAt, x.AcceptedAt, x.StateName = sub.Time, acc.Time, x.State.Name()
		s.clockOf(&x, promised, now)
		out = append(out, x)
	}
	return out, rows.Err()
}

// clockOf fills the days left of a listed application. Suspensions are
// left out of lists (the detail view counts them); a suspended application
// shows its state instead of a standing.
func (s *Service) clockOf(x *Summary, promised int, now time.Time) {
	switch x.State {
	case StateSubmitted:
		l := Limit{Days: PreReviewDays, Start: x.SubmittedAt}
		x.DaysLeft, x.Standing = l.DaysLeft(s.Calendar, now), l.Standing(s.Calendar, now)
	case StateAccepted:
		l := Limit{Days: promised, Start: x.AcceptedAt}
		x.DaysLeft, x.Standing = l.DaysLeft(s.Calendar, now), l.Standing(s.Calendar, now)
	}
}

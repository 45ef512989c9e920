package approval

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// InboxEntry is an active task of the approver's departments with its
// application's clock.
type InboxEntry struct {
	Task     Task     `json:"task"`
	Number   string   `json:"number"`
	ItemName string   `json:"item_name"`
	Credit   string   `json:"credit_outcome,omitempty"`
	DaysLeft int      `json:"days_left"`
	Standing Standing `json:"standing"`
}

// Inbox lists the active tasks of the actor's departments, the most urgent
// first: mine, then unclaimed, each by days left.
func (s *Service) Inbox(ctx context.Context, actor *authz.Actor) ([]InboxEntry, error) {
	if err := authz.Check(actor, actApprove, authz.Scope{}); err != nil {
		return nil, err
	}
	var conds []string
	args := []any{actor.District, TaskActive, StateAccepted}
	for _, sc := range actor.ScopesFor(authz.RoleApprover) {
		conds, args = append(conds, "t.department LIKE ?"), append(args, sc.Code+"%")
	}
	rows, err := s.DB.Query(ctx, `SELECT `+prefixed("t.", taskColumns)+`, COALESCE(a.number, ''), a.item_name,
		a.credit_outcome, a.accepted_at, a.promised_days, a.id
		FROM approval_tasks t JOIN applications a ON a.id = t.application_id
		WHERE a.district = ? AND t.state = ? AND a.state = ? AND (`+strings.Join(conds, " OR ")+`)
		ORDER BY t.id LIMIT 500`, args...)
	if err != nil {
		return nil, fmt.Errorf("approval: inbox: %w", err)
	}
	defer rows.Close()
	now := s.DB.Clock.Now()
	var out []InboxEntry
	for rows.Next() {
		var e InboxEntry
		var accepted time.Time
		var promised int
		var appID int64
		t, err := scanTask(scanner(func(dest ...any) error {
			return rows.Scan(append(dest, &e.Number, &e.ItemName, &e.Credit, &accepted, &promised, &appID)...)
		}))
		if err != nil {
			return nil, fmt.Errorf("approval: inbox: %w", err)
		}
		e.Task = t
		l := Limit{Days: promised, Start: accepted}
		e.DaysLeft, e.Standing = l.DaysLeft(s.Calendar, now), l.Standing(s.Calendar, now)
		out = append(out, e)
	}
	sortInbox(out, actor.AccountID)
	return out, rows.Err()
}

// scanner adapts a function to the Scan interface scanTask takes.
type scanner func(dest ...any) error

// Scan calls the function.
func (f scanner) Scan(dest ...any) error { return f(dest...) }

// prefixed qualifies a column list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

package supervision

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Notifier queues a notice (SMS, in-app) to an account inside a
// transaction, sent once the transaction commits (identity's
// NotifyAccountTx). Texts carry no personal data: application numbers,
// dates and outcomes only.
type Notifier func(ctx context.Context, tx *db.Tx, accountID int64, text string) error

// Staff names the people a step concerns. The organisation's staff posts
// carry titles, not roles, so who inspects a street or approves for a
// department is told by the accounts' role grants (see GrantStaff).
type Staff interface {
	// InspectorsOf lists the accounts inspecting a street (its code).
	InspectorsOf(ctx context.Context, street string) ([]int64, error)
	// ApproversOf lists the accounts approving for a department (its code).
	ApproversOf(ctx context.Context, department string) ([]int64, error)
}

// VisitDone is what a VisitedHook learns of a recorded visit.
type VisitDone struct {
	District      string
	TaskID        int64
	TaskKind      string
	ApplicationID int64
	ApplicationNo string
	ItemName      string
	Street        string // the street whose enforcement team visited
	ApplicantID   int64  // the person served; 0 when not known (older tasks)
	InspectorID   int64
	Outcome       string
	RectifyBy     string // YYYY-MM-DD, for OutcomeRectify
	VisitedAt     time.Time
}

// VisitedHook runs inside the visit's transaction: an error undoes the
// visit. Ratings use it to invite the person served.
type VisitedHook func(ctx context.Context, tx *db.Tx, v VisitDone) error

// OnVisited registers hooks; call it while wiring, before serving.
func (s *Service) OnVisited(hooks ...VisitedHook) { s.visited = append(s.visited, hooks...) }

// runVisited calls every hook in tx.
func (s *Service) runVisited(ctx context.Context, tx *db.Tx, v VisitDone) error {
	for _, h := range s.visited {
		if err := h(ctx, tx, v); err != nil {
			return fmt.Errorf("supervision: visit hook: %w", err)
		}
	}
	return nil
}

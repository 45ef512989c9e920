package approval

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// DeemedAcceptanceArgs is the durable timer of 行政许可法 Art. 32: if an
// application submitted at Revision is still waiting for pre-review when
// the job runs, it counts as accepted from its submission. It carries ids
// only: job arguments are stored in clear.
type DeemedAcceptanceArgs struct {
	ApplicationID int64  `json:"application_id"`
	District      string `json:"district"`
	SubmittedAt   string `json:"submitted_at"` // RFC 3339; a resubmission schedules a new timer
}

// Kind names the job.
func (DeemedAcceptanceArgs) Kind() string { return "approval.deemed_acceptance" }

// scheduleDeemedAcceptance inserts the timer in the submission's tx.
func (s *Service) scheduleDeemedAcceptance(ctx context.Context, tx *db.Tx, a *Application) error {
	at := s.deemedAt(a.SubmittedAt)
	args := DeemedAcceptanceArgs{ApplicationID: a.ID, District: a.District, SubmittedAt: a.SubmittedAt.UTC().Format(timeFormat)}
	return s.Jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{ScheduledAt: at})
}

const timeFormat = "2006-01-02T15:04:05.999999999Z07:00"

// DeemedAcceptanceWorker accepts, by law, applications nobody pre-reviewed
// in time.
type DeemedAcceptanceWorker struct {
	river.WorkerDefaults[DeemedAcceptanceArgs]
	s *Service
}

// Work accepts the application if it is still waiting from the same
// submission; anything else means a person acted in time.
func (w *DeemedAcceptanceWorker) Work(ctx context.Context, job *jobs.Job[DeemedAcceptanceArgs]) error {
	return w.s.AcceptByLaw(ctx, job.Args.District, job.Args.ApplicationID, job.Args.SubmittedAt)
}

// AcceptByLaw accepts an application whose pre-review time ran out
// (Art. 32), as the system, at the district centre.
func (s *Service) AcceptByLaw(ctx context.Context, district string, id int64, submittedAt string) error {
	sys := authz.System(district)
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.loadApp(ctx, tx, id, tx.Engine().ForUpdate())
		if apperr.CodeOf(err) == apperr.CodeNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		if a.State != StateSubmitted || a.SubmittedAt.UTC().Format(timeFormat) != submittedAt {
			return nil
		}
		if s.Calendar.WorkdaysBetween(a.SubmittedAt, tx.Now()) < PreReviewDays {
			return fmt.Errorf("approval: deemed acceptance of %d ran early", id)
		}
		return s.accept(ctx, tx, sys, &a, "", "逾期未预审，依据《行政许可法》第三十二条自收到申请之日起即为受理")
	})
}

// RegisterWorkers adds the module's workers to q.
func RegisterWorkers(q *jobs.Queue, s *Service) {
	jobs.Register(q, &DeemedAcceptanceWorker{s: s})
	jobs.Register(q, &ClockWorker{s: s})
}

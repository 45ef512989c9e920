package supervision

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// PushArgs is the same-day push of one approval. It carries ids only: the
// form holds personal data, which job rows must not keep in clear.
type PushArgs struct {
	ApplicationID int64  `json:"application_id"`
	District      string `json:"district"`
	// Commitment lists the items approved on a 告知承诺.
	Commitment []string `json:"commitment,omitempty"`
}

// Kind names the job.
func (PushArgs) Kind() string { return "supervision.push" }

// QueueInspection is the approval.DecidedHook of this module: for an
// approval it inserts, in the decision's transaction, the job that creates
// the inspection tasks and pushes the approval to the credit registry.
// Refusals need no inspection.
func (s *Service) QueueInspection(ctx context.Context, tx *db.Tx, d approval.Decided) error {
	if d.Application.Decision != "approved" {
		return nil
	}
	args := PushArgs{ApplicationID: d.Application.ID, District: d.Application.District, Commitment: d.Commitment}
	return s.Jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{
		UniqueOpts: river.UniqueOpts{ByArgs: true}, // a retried decision pushes once
	})
}

// PushWorker creates the tasks and queues the credit push.
type PushWorker struct {
	river.WorkerDefaults[PushArgs]
	s *Service
}

// Work creates the tasks of one approval; running it again changes nothing.
func (w *PushWorker) Work(ctx context.Context, job *jobs.Job[PushArgs]) error {
	_, err := w.s.Push(ctx, job.Args)
	return err
}

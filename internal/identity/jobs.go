package identity

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// WelcomeStaffArgs is the job queued, in the same transaction, when a staff
// account is created. It carries only the account id: job arguments are
// stored in clear in river_job, so no personal data goes in them.
type WelcomeStaffArgs struct {
	AccountID int64  `json:"account_id"`
	District  string `json:"district"`
}

// Kind names the job.
func (WelcomeStaffArgs) Kind() string { return "identity.welcome_staff" }

// WelcomeStaffWorker greets a new colleague by SMS when the account has a
// phone number, and logs a notice otherwise. A failed send is retried by
// River with backoff.
type WelcomeStaffWorker struct {
	river.WorkerDefaults[WelcomeStaffArgs]
	s *Service
}

// Work sends the welcome message.
func (w *WelcomeStaffWorker) Work(ctx context.Context, job *jobs.Job[WelcomeStaffArgs]) error {
	return w.s.smsAccount(ctx, job.Args.AccountID, "welcome staff", "no welcome SMS sent", func(acc *accountRow) string {
		return fmt.Sprintf(smsWelcomeStaff, acc.displayName, acc.username.String)
	})
}

// smsAccount sends the text made by text to an account's own phone. A
// vanished account cancels the job; an account without a phone is logged
// (noPhone says what was skipped) and the job ends; a failed send returns
// the error so River retries.
func (s *Service) smsAccount(ctx context.Context, id int64, what, noPhone string, text func(*accountRow) string) error {
	acc, err := accountByID(ctx, s.d, s.d.Engine, id, false)
	if apperr.CodeOf(err) == apperr.CodeNotFound {
		return river.JobCancel(fmt.Errorf("identity: %s: account %d is gone", what, id))
	}
	if err != nil {
		return err
	}
	phone, err := s.open(ctxPhone, acc.phoneEnc)
	if err != nil {
		return err
	}
	if phone == "" {
		s.log.InfoContext(ctx, "identity: account has no phone; "+noPhone, "account_id", acc.id, "district", acc.district)
		return nil
	}
	if err := s.sms.Send(ctx, phone, text(acc)); err != nil {
		return fmt.Errorf("identity: %s %d (%s): %w", what, acc.id, sensitivePhone(phone).Masked(), err)
	}
	return nil
}

// CleanupArgs is the periodic job that removes expired sessions, SMS codes
// and rate-limit windows (Service.Cleanup).
type CleanupArgs struct{}

// Kind names the job.
func (CleanupArgs) Kind() string { return "identity.cleanup" }

// CleanupWorker runs Service.Cleanup.
type CleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	s *Service
}

// Work removes expired rows.
func (w *CleanupWorker) Work(ctx context.Context, _ *jobs.Job[CleanupArgs]) error {
	r, err := w.s.Cleanup(ctx)
	if err != nil {
		return err
	}
	w.s.log.DebugContext(ctx, "identity: cleanup", "sessions", r.Sessions, "sms_codes", r.SMSCodes,
		"rate_limits", r.RateLimits)
	return nil
}

// RegisterWorkers adds the identity module's workers to q. Call it before
// q.Start.
func RegisterWorkers(q *jobs.Queue, s *Service) {
	jobs.Register(q, &WelcomeStaffWorker{s: s})
	jobs.Register(q, &CleanupWorker{s: s})
	jobs.Register(q, &NotifyAccountWorker{s: s})
}

// CleanupEvery is how often the cleanup job runs.
const CleanupEvery = 15 * time.Minute

// PeriodicJobs returns the module's periodic jobs, for the River client of
// the working nodes (River lets only its elected leader insert them, so N
// nodes still run each once per interval).
func PeriodicJobs() []*river.PeriodicJob {
	return []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(CleanupEvery),
		func() (river.JobArgs, *river.InsertOpts) { return CleanupArgs{}, nil },
		&river.PeriodicJobOpts{ID: "identity.cleanup", RunOnStart: true})}
}

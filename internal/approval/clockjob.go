package approval

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// The time-limit flags of an accepted application.
const (
	FlagWarning = "warning" // WarnDays or fewer working days left
	FlagOverdue = "overdue" // past the promised limit
)

// ClockArgs is the durable timer that flags an accepted application as
// near its promised limit or past it, and reminds the people holding its
// tasks (催办). A suspension moves the limit, so the job recomputes it when
// it runs and waits again if the moment has moved.
type ClockArgs struct {
	ApplicationID int64  `json:"application_id"`
	District      string `json:"district"`
	Flag          string `json:"flag"`
}

// Kind names the job.
func (ClockArgs) Kind() string { return "approval.clock" }

// scheduleClock inserts both timers at acceptance, in tx.
func (s *Service) scheduleClock(ctx context.Context, tx *db.Tx, a *Application) error {
	if a.PromisedDays == 0 {
		return nil // 即办件: done on the spot, nothing to watch
	}
	for _, flag := range []string{FlagWarning, FlagOverdue} {
		at := s.flagAt(Limit{Days: a.PromisedDays, Start: a.AcceptedAt}, flag, tx.Now())
		args := ClockArgs{ApplicationID: a.ID, District: a.District, Flag: flag}
		if err := s.Jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{ScheduledAt: at}); err != nil {
			return err
		}
	}
	return nil
}

// flagAt is when a limit reaches a flag: the start of the warning window,
// or the first moment after the due day.
func (s *Service) flagAt(l Limit, flag string, now time.Time) time.Time {
	due := l.Due(s.Calendar, now)
	if flag == FlagWarning {
		return s.Calendar.AddWorkdays(due, -WarnDays)
	}
	return due.Add(24 * time.Hour)
}

// ClockWorker raises the flags.
type ClockWorker struct {
	river.WorkerDefaults[ClockArgs]
	s *Service
}

// Work flags the application when its moment has come, or waits again.
func (w *ClockWorker) Work(ctx context.Context, job *jobs.Job[ClockArgs]) error {
	wait, err := w.s.RaiseFlag(ctx, job.Args.District, job.Args.ApplicationID, job.Args.Flag)
	if err != nil || wait <= 0 {
		return err
	}
	return river.JobSnooze(wait)
}

// RaiseFlag sets flag on an accepted application if its limit has reached
// it, records it and reminds the task holders. It returns how long to wait
// when the moment has not come (suspended, or the limit moved); zero when
// done.
func (s *Service) RaiseFlag(ctx context.Context, district string, id int64, flag string) (time.Duration, error) {
	var wait time.Duration
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		a, err := s.loadApp(ctx, tx, id, tx.Engine().ForUpdate())
		if apperr.CodeOf(err) == apperr.CodeNotFound {
			return nil
		}
		if err != nil {
			return err
		}
		switch a.State {
		case StateSuspended:
			wait = 24 * time.Hour
			return nil
		case StateAccepted:
		default:
			return nil // decided: nothing to flag
		}
		l, err := s.acceptedLimit(ctx, tx, &a, true)
		if err != nil {
			return err
		}
		if at := s.flagAt(l, flag, tx.Now()); at.After(tx.Now()) {
			wait = at.Sub(tx.Now())
			return nil
		}
		return s.raise(ctx, tx, &a, flag)
	})
	return wait, err
}

// raise records the flag and reminds whoever holds the open tasks.
func (s *Service) raise(ctx context.Context, tx *db.Tx, a *Application, flag string) error {
	if a.flagRank() >= flagRank(flag) {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE applications SET sla_flag = ? WHERE id = ?`, flag, a.ID); err != nil {
		return fmt.Errorf("approval: flag: %w", err)
	}
	note := "即将超过承诺时限，请抓紧办理（催办）"
	if flag == FlagOverdue {
		note = "已超过承诺时限"
	}
	if err := addEvent(ctx, tx, a, authz.System(a.District), "clock_"+flag, a.State, note, true); err != nil {
		return err
	}
	return s.remindHolders(ctx, tx, a, "办件"+a.Number+note+"。")
}

// remindHolders notifies the approvers holding the application's active
// tasks.
func (s *Service) remindHolders(ctx context.Context, tx *db.Tx, a *Application, text string) error {
	if s.Gates.Notify == nil {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT assignee_id FROM approval_tasks
		WHERE application_id = ? AND state = ? AND assignee_id IS NOT NULL`, a.ID, TaskActive)
	if err != nil {
		return fmt.Errorf("approval: holders: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	for _, id := range ids {
		if err := s.Gates.Notify.Notify(ctx, tx, id, text); err != nil {
			return err
		}
	}
	return nil
}

// flagRank orders the flags.
func flagRank(f string) int {
	switch f {
	case FlagWarning:
		return 1
	case FlagOverdue:
		return 2
	}
	return 0
}

// flagRank is the rank of the application's current flag.
func (a *Application) flagRank() int { return flagRank(a.SLAFlag) }

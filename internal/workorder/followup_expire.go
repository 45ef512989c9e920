package workorder

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// ExpireEvery is how often resolved orders past their follow-up period
// are closed.
const ExpireEvery = time.Hour

// maxExpire bounds the orders one run closes; the rest at the next run.
const maxExpire = 500

// ExpireFollowUpsArgs is the periodic closing of unanswered orders.
type ExpireFollowUpsArgs struct{}

// Kind names the job.
func (ExpireFollowUpsArgs) Kind() string { return "workorder.followup.expire" }

// ExpireFollowUpsWorker closes resolved orders nobody answered in time.
type ExpireFollowUpsWorker struct {
	river.WorkerDefaults[ExpireFollowUpsArgs]
	s *Service
}

// Work closes once.
func (w *ExpireFollowUpsWorker) Work(ctx context.Context, _ *jobs.Job[ExpireFollowUpsArgs]) error {
	_, err := w.s.ExpireFollowUps(ctx)
	return err
}

// RegisterHandlingJobs adds the handling part's worker to q and schedules
// it; River runs periodic jobs on its leader node only. Call it before
// q.Start.
func RegisterHandlingJobs(q *jobs.Queue, s *Service) {
	jobs.Register(q, &ExpireFollowUpsWorker{s: s})
	q.AddPeriodic(river.NewPeriodicJob(river.PeriodicInterval(ExpireEvery),
		func() (river.JobArgs, *river.InsertOpts) { return ExpireFollowUpsArgs{}, nil },
		&river.PeriodicJobOpts{ID: "workorder.followup.expire", RunOnStart: true}))
}

// ExpireFollowUps closes the resolved orders whose follow-up period has
// ended without an answer (event closed, by the system); their outcome
// stays. It returns how many it closed. An order changed meanwhile (an
// answer, a reopening) is left as it is.
func (s *Service) ExpireFollowUps(ctx context.Context) (int, error) {
	cutoff := s.DB.Clock.Now().Add(-s.rules().FollowUpWindow)
	rows, err := s.DB.Query(ctx, `SELECT id FROM workorders WHERE state = ? AND resolved_at < ? ORDER BY resolved_at
		LIMIT ?`, StateResolved, cutoff, maxExpire)
	if err != nil {
		return 0, fmt.Errorf("workorder: expire follow-ups: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, fmt.Errorf("workorder: expire follow-ups: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	closed := 0
	for _, id := range ids {
		ok, err := s.expireOne(ctx, id, cutoff)
		if err != nil {
			return closed, err
		}
		if ok {
			closed++
		}
	}
	return closed, nil
}

// expireOne closes one order if it is still resolved before cutoff.
func (s *Service) expireOne(ctx context.Context, id int64, cutoff time.Time) (bool, error) {
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		o, err := loadOrder(ctx, tx, `id = ?`, id)
		if err != nil {
			return wrap("expire follow-up", err)
		}
		if o.State != StateResolved || o.ResolvedAt == nil || !o.ResolvedAt.Before(cutoff) {
			return errSkip
		}
		_, err = s.record(ctx, tx, authz.System(o.District), &o, Change{Kind: EventClosed,
			Note: "回访期满未收到评价，自动关闭"})
		return err
	})
	switch {
	case errors.Is(err, errSkip), apperr.CodeOf(err) == apperr.CodeConflict:
		return false, nil // changed meanwhile
	case err != nil:
		return false, err
	}
	return true, nil
}

// errSkip rolls back a transaction that found nothing to do.
var errSkip = errors.New("workorder: nothing to do")

package web

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// PurgeIdempotencyArgs is the hourly job that deletes Idempotency-Key
// results older than their replay window.
type PurgeIdempotencyArgs struct{}

// Kind names the job.
func (PurgeIdempotencyArgs) Kind() string { return "web.idempotency.purge" }

// PurgeIdempotencyWorker works PurgeIdempotencyArgs.
type PurgeIdempotencyWorker struct {
	river.WorkerDefaults[PurgeIdempotencyArgs]
	DB  *db.DB
	TTL time.Duration
}

// Work deletes the expired keys.
func (w *PurgeIdempotencyWorker) Work(ctx context.Context, _ *jobs.Job[PurgeIdempotencyArgs]) error {
	_, err := PurgeIdempotencyKeys(ctx, w.DB, w.DB.Clock.Now().Add(-w.TTL))
	return err
}

// RegisterIdempotencyPurge adds the worker and schedules it every hour;
// ttl is the router's IdempotencyTTL (24 h when zero).
func RegisterIdempotencyPurge(q *jobs.Queue, d *db.DB, ttl time.Duration) {
	if ttl <= 0 {
		ttl = 24 * time.Hour
	}
	jobs.Register(q, &PurgeIdempotencyWorker{DB: d, TTL: ttl})
	q.AddPeriodic(river.NewPeriodicJob(river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return PurgeIdempotencyArgs{}, nil },
		&river.PeriodicJobOpts{ID: "web.idempotency.purge"}))
}

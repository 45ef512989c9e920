// Package jobs runs Shanzhi's durable background work (SLA timers,
// reminders, pushes between modules, notifications) on River, on either
// engine.
//
// A job that must follow a change is inserted in the same transaction as the
// change (InsertTx): if the transaction rolls back the job is gone with it;
// if it commits the job is stored and will run, on any node.
//
// Both engines use River drivers built on database/sql (riversqlite, and
// riverdatabasesql with a pgx listener on PostgreSQL) so that a job joins the
// very *sql.Tx the service is writing with. (riverpgxv5 would need a pgx.Tx,
// which the database/sql store code cannot hand it.)
package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Args is what a job carries; every job kind is a type implementing it.
type Args = river.JobArgs

// InsertOpts tunes one insert (queue, priority, scheduled time, uniqueness).
type InsertOpts = river.InsertOpts

// Job is a job being worked.
type Job[T Args] = river.Job[T]

// Queue inserts jobs in transactions and, once started, works them.
type Queue struct {
	d        *db.DB
	log      *slog.Logger
	workers  *river.Workers
	inserter *river.Client[*sql.Tx]
	worker   atomic.Pointer[river.Client[*sql.Tx]]
	listener *pgxpool.Pool
	periodic []*river.PeriodicJob
	mu       sync.Mutex
}

// Options tune a Queue.
type Options struct {
	// Logger receives River's warnings and errors (New).
	Logger *slog.Logger
	// MaxWorkers is the number of jobs worked at once on this node (Start).
	MaxWorkers int
	// PollInterval is how often idle nodes look for new jobs (Start).
	PollInterval time.Duration
	// Events, when set, is told about every job outcome, e.g. for metrics (Start).
	Events *Events
}

// New returns a Queue on d. Workers are added with Register before Start.
func New(d *db.DB, opts Options) (*Queue, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	q := &Queue{d: d, log: opts.Logger, workers: river.NewWorkers()}
	inserter, err := river.NewClient(q.driver(nil), &river.Config{Logger: q.riverLogger()})
	if err != nil {
		return nil, fmt.Errorf("jobs: new inserter: %w", err)
	}
	q.inserter = inserter
	return q, nil
}

// Register adds the worker for one job kind. Call it before Start.
func Register[T Args](q *Queue, w river.Worker[T]) {
	river.AddWorker(q.workers, w)
}

// AddPeriodic schedules jobs that recur (cleanups, monthly ratings). Call
// it before Start; River runs each on one leader node only.
func (q *Queue) AddPeriodic(periodic ...*river.PeriodicJob) {
	q.periodic = append(q.periodic, periodic...)
}

// InsertTx inserts a job in the caller's transaction.
func (q *Queue) InsertTx(ctx context.Context, tx *db.Tx, args Args, opts *InsertOpts) error {
	client := q.inserter
	if w := q.worker.Load(); w != nil {
		// The working client also wakes its own fetch loop at once.
		client = w
	}
	if _, err := client.InsertTx(ctx, tx.SQL(), args, opts); err != nil {
		return fmt.Errorf("jobs: insert %s: %w", args.Kind(), err)
	}
	return nil
}

// driver returns the River driver for the engine; listener is used for
// LISTEN/NOTIFY on PostgreSQL when given.
func (q *Queue) driver(listener *pgxpool.Pool) riverdriver.Driver[*sql.Tx] {
	if q.d.Engine == db.Postgres {
		if listener != nil {
			return riverdatabasesql.NewWithPgxListener(q.d.Write, listener)
		}
		return riverdatabasesql.New(q.d.Write)
	}
	return riversqlite.New(q.d.Write)
}

// riverLogger keeps River's own chatter at warnings and above.
func (q *Queue) riverLogger() *slog.Logger {
	return slog.New(levelFilter{q.log.Handler(), slog.LevelWarn})
}

// Migrate creates or upgrades River's tables.
func Migrate(ctx context.Context, d *db.DB) error {
	q := &Queue{d: d}
	m, err := rivermigrate.New(q.driver(nil), nil)
	if err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("jobs: migrate: %w", err)
	}
	return nil
}

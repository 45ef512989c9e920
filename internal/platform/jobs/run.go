package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Start begins working jobs on this node with the registered workers.
func (q *Queue) Start(ctx context.Context, opts Options) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.worker.Load() != nil {
		return fmt.Errorf("jobs: start: already started")
	}
	listener, err := q.openListener(ctx)
	if err != nil {
		return err
	}
	client, err := river.NewClient(q.driver(listener), q.workConfig(opts))
	if err != nil {
		closePool(listener)
		return fmt.Errorf("jobs: start: %w", err)
	}
	if opts.Events != nil {
		// Subscribe before starting so no early outcome is missed.
		opts.Events.follow(client)
	}
	if err := client.Start(ctx); err != nil {
		closePool(listener)
		return fmt.Errorf("jobs: start: %w", err)
	}
	q.listener = listener
	q.worker.Store(client)
	return nil
}

// Stop lets running jobs finish (until ctx ends) and stops working.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	client := q.worker.Swap(nil)
	if client == nil {
		return nil
	}
	err := client.Stop(ctx)
	closePool(q.listener)
	q.listener = nil
	return err
}

// workConfig is the River configuration of a working node.
func (q *Queue) workConfig(opts Options) *river.Config {
	maxWorkers := opts.MaxWorkers
	if maxWorkers <= 0 {
		maxWorkers = 10
	}
	poll := opts.PollInterval
	if poll <= 0 {
		poll = time.Second
	}
	return &river.Config{
		Logger:            q.riverLogger(),
		Workers:           q.workers,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: maxWorkers}},
		FetchCooldown:     min(100*time.Millisecond, poll),
		FetchPollInterval: poll,
		JobTimeout:        5 * time.Minute,
		PeriodicJobs:      q.periodic,
	}
}

// openListener opens the small pgx pool River uses for LISTEN/NOTIFY on
// PostgreSQL, so new jobs are picked up at once on every node.
func (q *Queue) openListener(ctx context.Context) (*pgxpool.Pool, error) {
	if q.d.Engine != db.Postgres {
		return nil, nil
	}
	cfg, err := pgxpool.ParseConfig(q.d.URL)
	if err != nil {
		return nil, fmt.Errorf("jobs: listener: %w", err)
	}
	cfg.MaxConns = 2
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("jobs: listener: %w", err)
	}
	return pool, nil
}

func closePool(p *pgxpool.Pool) {
	if p != nil {
		p.Close()
	}
}

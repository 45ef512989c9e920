package jobs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

type pingArgs struct {
	Note string `json:"note"`
}

func (pingArgs) Kind() string { return "test.ping" }

type pingWorker struct {
	river.WorkerDefaults[pingArgs]
	mu   sync.Mutex
	seen []string
	done chan string
}

func (w *pingWorker) Work(_ context.Context, job *jobs.Job[pingArgs]) error {
	w.mu.Lock()
	w.seen = append(w.seen, job.Args.Note)
	w.mu.Unlock()
	w.done <- job.Args.Note
	return nil
}

func TestRolledBackTransactionLeavesNoJob(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	q, err := jobs.New(d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	errRollback := errors.New("change refused")
	err = d.InTx(ctx, func(tx *db.Tx) error {
		if err := q.InsertTx(ctx, tx, pingArgs{Note: "lost"}, nil); err != nil {
			return err
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("InTx = %v", err)
	}
	if n := countJobs(t, d); n != 0 {
		t.Fatalf("%d jobs survived a rolled-back transaction", n)
	}
}

func TestCommittedJobRuns(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	q, err := jobs.New(d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := &pingWorker{done: make(chan string, 4)}
	jobs.Register(q, w)
	// Inserted before any worker runs: the job must wait in the table and
	// run once a node starts.
	if err := d.InTx(ctx, func(tx *db.Tx) error {
		return q.InsertTx(ctx, tx, pingArgs{Note: "kept"}, nil)
	}); err != nil {
		t.Fatal(err)
	}
	outcomes := make(chan string, 4)
	events := &jobs.Events{OnOutcome: func(kind, outcome string) { outcomes <- kind + ":" + outcome }}
	if err := q.Start(ctx, jobs.Options{PollInterval: 50 * time.Millisecond, Events: events}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = q.Stop(context.Background()) })
	select {
	case note := <-w.done:
		if note != "kept" {
			t.Fatalf("worked %q", note)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the committed job never ran")
	}
	select {
	case got := <-outcomes:
		if got != "test.ping:completed" {
			t.Fatalf("outcome %q", got)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no outcome event")
	}
}

func countJobs(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM river_job`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

package supervision

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// BenchmarkDecisionToTask decides b.N applications through the real
// approval service, from benchDeciders goroutines at once, with River
// working the push jobs as `shanzhi serve` does (default workers and poll
// interval), and reports the lag from each decision to its inspection task
// row (task created_at − application decided_at, both stamped by the
// database clock): p50 and p99 in milliseconds. Filing and accepting the
// applications is done before the timer starts.
//
// The baseline, in the same run and on the same queue, is the round trip
// of an empty job (inserted in its own transaction, worked by a no-op
// worker): idle before the decisions (ping-idle-*) and while they run
// (ping-load-*, one every 20 ms). Task lag minus the loaded ping is what
// the push itself costs.
func BenchmarkDecisionToTask(b *testing.B) {
	f := newFixtureOn(b, clock.System{}, nil)
	a := f.withApproval(b)
	ctx := context.Background()
	ids := make([]int64, b.N)
	for i := range ids {
		id, err := fileAndAccept(ctx, a, int64(1000+i))
		if err != nil {
			b.Fatal(err)
		}
		ids[i] = id
	}
	f.s.Register(f.s.Jobs)
	approval.RegisterWorkers(f.s.Jobs, a) // the SLA timers run too, as in serve
	p := newPinger(f)
	if err := f.s.Jobs.Start(ctx, jobs.Options{}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.s.Jobs.Stop(context.Background()) })
	idle := p.idle(b, 30)
	b.ResetTimer()
	stop := p.during(b)
	decideAll(b, ctx, a, ids)
	waitForTasks(b, f, len(ids)*2)
	b.StopTimer()
	loaded := stop()
	lags := taskLags(b, f)
	b.ReportMetric(percentile(lags, 50), "p50-ms")
	b.ReportMetric(percentile(lags, 99), "p99-ms")
	b.ReportMetric(percentile(lags, 100), "max-ms")
	b.ReportMetric(percentile(idle, 50), "ping-idle-p50-ms")
	b.ReportMetric(percentile(idle, 99), "ping-idle-p99-ms")
	b.ReportMetric(percentile(loaded, 50), "ping-load-p50-ms")
	b.ReportMetric(percentile(loaded, 99), "ping-load-p99-ms")
}

// benchDeciders is how many approvers decide at once.
const benchDeciders = 4

// decideAll approves the applications from benchDeciders goroutines.
func decideAll(b *testing.B, ctx context.Context, a *approval.Service, ids []int64) {
	next := make(chan int64)
	var wg sync.WaitGroup
	errs := make(chan error, benchDeciders)
	for range benchDeciders {
		wg.Go(func() {
			for id := range next {
				if err := approve(ctx, a, id); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for _, id := range ids {
		next <- id
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

// waitForTasks waits until n tasks exist, failing after a minute.
func waitForTasks(b *testing.B, f *fixture, n int) {
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		var got int
		if err := f.d.QueryRow(context.Background(), `SELECT COUNT(*) FROM inspection_tasks`).Scan(&got); err != nil {
			b.Fatal(err)
		}
		if got >= n {
			return
		}
		if time.Since(start) > time.Minute {
			b.Fatalf("only %d of %d tasks after a minute", got, n)
		}
	}
}

// taskLags reads each task's lag behind its decision, in milliseconds.
func taskLags(b *testing.B, f *fixture) []float64 {
	rows, err := f.d.Query(context.Background(), `SELECT decided_at, created_at FROM inspection_tasks`)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	var out []float64
	for rows.Next() {
		var d, c time.Time
		if err := rows.Scan(&d, &c); err != nil {
			b.Fatal(err)
		}
		out = append(out, float64(c.Sub(d).Microseconds())/1000)
	}
	slices.Sort(out)
	return out
}

// percentile of sorted values (nearest rank).
func percentile(sorted []float64, p int) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(i, 1)-1]
}

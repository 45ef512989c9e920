package supervision

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// pingArgs is an empty job: its round trip is the queue's baseline.
type pingArgs struct {
	At time.Time `json:"at"` // when it was inserted
}

func (pingArgs) Kind() string { return "supervision.bench_ping" }

// pinger inserts pings and collects their round trips in milliseconds.
type pinger struct {
	river.WorkerDefaults[pingArgs]
	f    *fixture
	mu   sync.Mutex
	lags []float64
	done chan struct{}
}

// newPinger registers the no-op worker; call it before the queue starts.
func newPinger(f *fixture) *pinger {
	p := &pinger{f: f, done: make(chan struct{}, 1024)}
	jobs.Register(f.s.Jobs, p)
	return p
}

// Work notes the round trip and does nothing else.
func (p *pinger) Work(_ context.Context, job *jobs.Job[pingArgs]) error {
	p.mu.Lock()
	p.lags = append(p.lags, float64(time.Since(job.Args.At).Microseconds())/1000)
	p.mu.Unlock()
	p.done <- struct{}{}
	return nil
}

// ping inserts one ping in its own transaction.
func (p *pinger) ping() error {
	return p.f.d.InTx(context.Background(), func(tx *db.Tx) error {
		return p.f.s.Jobs.InsertTx(context.Background(), tx, pingArgs{At: time.Now()}, nil)
	})
}

// take returns the round trips collected so far, sorted, and forgets them.
func (p *pinger) take() []float64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.lags
	p.lags = nil
	slices.Sort(out)
	return out
}

// idle pings n times, one after the other, on the idle queue, after a
// few unmeasured pings while the queue settles (leader election, first
// fetches).
func (p *pinger) idle(b *testing.B, n int) []float64 {
	for i := range n + 5 {
		if err := p.ping(); err != nil {
			b.Fatal(err)
		}
		p.wait(b, 1)
		if i == 4 {
			p.take()
		}
	}
	return p.take()
}

// during pings every 20 ms until the returned stop is called, which waits
// for the pings sent and returns their round trips.
func (p *pinger) during(b *testing.B) (stop func() []float64) {
	quit, sent := make(chan struct{}), make(chan int, 1)
	go func() {
		n := 0
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				sent <- n
				return
			case <-tick.C:
				if err := p.ping(); err != nil {
					b.Error(err) // Fatal belongs to the benchmark's goroutine
					continue
				}
				n++
			}
		}
	}()
	return func() []float64 {
		close(quit)
		p.wait(b, <-sent)
		return p.take()
	}
}

// wait waits for n pings to be worked, failing after a minute.
func (p *pinger) wait(b *testing.B, n int) {
	timeout := time.After(time.Minute)
	for range n {
		select {
		case <-p.done:
		case <-timeout:
			b.Fatalf("pings not worked after a minute")
		}
	}
}

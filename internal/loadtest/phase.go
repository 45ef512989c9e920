package loadtest

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// crew is the staff side of a scenario: its shared sessions, what one
// lifecycle does with them for a resident, and how to close them.
type crew interface {
	life(ctx context.Context, rec *Recorder, r *resident) error
	close()
}

// closeAll drops every client's idle connections.
func closeAll(st crew, workers [][]*resident) {
	st.close()
	for _, rs := range workers {
		for _, r := range rs {
			r.client.close()
		}
	}
}

// runPhase runs n lifecycles over the workers, each taking the next number
// until n are taken, and times the whole phase.
func runPhase(ctx context.Context, workers [][]*resident, st crew, n int) Phase {
	var next atomic.Int64
	recs := make([]*Recorder, len(workers))
	done, failed := make([]int, len(workers)), make([]int, len(workers))
	var wg sync.WaitGroup
	start := time.Now()
	for w, residents := range workers {
		recs[w] = NewRecorder()
		wg.Go(func() {
			for k := 0; ctx.Err() == nil; k++ {
				if next.Add(1) > int64(n) {
					return
				}
				if err := st.life(ctx, recs[w], residents[k%len(residents)]); err != nil {
					failed[w]++
					continue
				}
				done[w]++
			}
		})
	}
	wg.Wait()
	ph := Phase{Wall: time.Since(start), Recorder: NewRecorder()}
	for w := range workers {
		ph.Recorder.Merge(recs[w])
		ph.Done += done[w]
		ph.Failed += failed[w]
	}
	return ph
}

// baseline requests path from as many workers as the scenario had for d,
// on one shared anonymous client.
func baseline(ctx context.Context, base string, opts Options, d time.Duration) (Phase, error) {
	c, err := newClient(base, "", opts.Clients, opts.Timeout)
	if err != nil {
		return Phase{}, err
	}
	defer c.close()
	recs := make([]*Recorder, opts.Clients)
	var wg sync.WaitGroup
	start := time.Now()
	stop := start.Add(d)
	for w := range recs {
		recs[w] = NewRecorder()
		wg.Go(func() {
			for ctx.Err() == nil && time.Now().Before(stop) {
				_ = c.JSON(ctx, recs[w], "GET "+opts.Baseline, http.MethodGet, opts.Baseline, nil, nil)
			}
		})
	}
	wg.Wait()
	ph := Phase{Wall: time.Since(start), Recorder: NewRecorder()}
	for _, r := range recs {
		ph.Recorder.Merge(r)
	}
	ph.Done = ph.Recorder.All("").Count
	ph.Failed = ph.Recorder.ErrorTotal()
	return ph, nil
}

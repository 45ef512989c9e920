package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Options set the size of a run.
type Options struct {
	// Clients is the number of concurrent workers (default 50). Each owns
	// its residents and drives whole lifecycles, one after another.
	Clients int
	// Apps is the number of applications of the measured phase (default 500).
	Apps int
	// Warmup applications run first and are not measured (default: one per client).
	Warmup int
	// ResidentsPerClient is how many residents each worker owns (default 1);
	// they take turns filing.
	ResidentsPerClient int
	// Baseline is the path requested by the baseline phase (default /healthz).
	Baseline string
	// Timeout fails a call not answered in time (default 30 s).
	Timeout time.Duration
}

func (o Options) withDefaults() Options {
	if o.Clients <= 0 {
		o.Clients = 50
	}
	if o.Apps <= 0 {
		o.Apps = 500
	}
	if o.Warmup < 0 {
		o.Warmup = 0
	} else if o.Warmup == 0 {
		o.Warmup = o.Clients
	}
	if o.ResidentsPerClient <= 0 {
		o.ResidentsPerClient = 1
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.Baseline == "" {
		o.Baseline = "/healthz"
	}
	return o
}

// Phase is the outcome of one measured phase.
type Phase struct {
	Wall     time.Duration
	Done     int // lifecycles that reached a decision (or baseline requests)
	Failed   int // lifecycles abandoned at a failed call
	Recorder *Recorder
}

// Report is everything a run measured.
type Report struct {
	Options  Options
	Warmup   Phase
	Scenario Phase
	Baseline Phase
}

// Run signs the staff and the residents in, runs the warm-up, the
// measured lifecycles and then the baseline for as long as the lifecycles
// took, at the same concurrency.
func Run(ctx context.Context, site *Site, opts Options) (*Report, error) {
	opts = opts.withDefaults()
	if opts.Clients*opts.ResidentsPerClient > maxResidents {
		return nil, fmt.Errorf("loadtest: at most %d residents (clients × residents per client)", maxResidents)
	}
	setup := NewRecorder()
	st, err := signInStaffAll(ctx, site, setup, opts)
	if err != nil {
		return nil, err
	}
	workers, err := signInResidents(ctx, site, setup, opts)
	if err != nil {
		return nil, err
	}
	defer closeAll(st, workers)
	rep := &Report{Options: opts}
	rep.Warmup = lifecycles(ctx, workers, st, opts.Warmup)
	rep.Scenario = lifecycles(ctx, workers, st, opts.Apps)
	rep.Baseline, err = baseline(ctx, site.URL, opts, rep.Scenario.Wall)
	return rep, err
}

// signInStaffAll signs in the front desk and the two approvers, each one
// session shared by every worker.
func signInStaffAll(ctx context.Context, site *Site, rec *Recorder, opts Options) (staff, error) {
	st := staff{sms: site.SMS}
	for _, s := range []struct {
		to       **Client
		username string
		password string
	}{{&st.desk, deskUsername, demoPassword}, {&st.reviewer, reviewerUsername, site.staffPassword},
		{&st.checker, checkerUsername, site.staffPassword}} {
		c, err := newClient(site.URL, "", opts.Clients, opts.Timeout)
		if err != nil {
			return st, err
		}
		if err := signInStaff(ctx, c, rec, s.username, s.password); err != nil {
			return st, err
		}
		*s.to = c
	}
	return st, nil
}

// signInResidents signs in every worker's residents, each from its own
// loopback address.
func signInResidents(ctx context.Context, site *Site, rec *Recorder, opts Options) ([][]*resident, error) {
	workers := make([][]*resident, opts.Clients)
	for w := range workers {
		for k := range opts.ResidentsPerClient {
			i := w*opts.ResidentsPerClient + k
			c, err := newClient(site.URL, residentSource(i), 2, opts.Timeout)
			if err != nil {
				return nil, err
			}
			r := &resident{client: c, phone: residentPhone(i), name: residentName(i), idNumber: residentID(i)}
			if err := signInResident(ctx, c, rec, site.SMS, r.phone); err != nil {
				return nil, err
			}
			workers[w] = append(workers[w], r)
		}
	}
	return workers, nil
}

// closeAll drops every client's idle connections.
func closeAll(st staff, workers [][]*resident) {
	for _, c := range []*Client{st.desk, st.reviewer, st.checker} {
		c.close()
	}
	for _, rs := range workers {
		for _, r := range rs {
			r.client.close()
		}
	}
}

// lifecycles runs n lifecycles over the workers, each taking the next
// number until n are taken, and times the whole phase.
func lifecycles(ctx context.Context, workers [][]*resident, st staff, n int) Phase {
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
				if err := lifecycle(ctx, recs[w], residents[k%len(residents)], st); err != nil {
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

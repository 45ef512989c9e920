package loadtest

import (
	"context"
	"fmt"
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
	return run(ctx, site, opts, site.signInStaffAll)
}

// run is Run and RunWorkOrders: signIn signs the scenario's staff in,
// before the residents; the phases then drive the crew's lifecycles.
func run[C crew](ctx context.Context, site *Site, opts Options,
	signIn func(context.Context, *Recorder, Options) (C, error)) (*Report, error) {
	opts = opts.withDefaults()
	if opts.Clients*opts.ResidentsPerClient > maxResidents {
		return nil, fmt.Errorf("loadtest: at most %d residents (clients × residents per client)", maxResidents)
	}
	setup := NewRecorder()
	st, err := signIn(ctx, setup, opts)
	if err != nil {
		return nil, err
	}
	workers, err := signInResidents(ctx, site, setup, opts)
	if err != nil {
		return nil, err
	}
	defer closeAll(st, workers)
	rep := &Report{Options: opts}
	rep.Warmup = runPhase(ctx, workers, st, opts.Warmup)
	rep.Scenario = runPhase(ctx, workers, st, opts.Apps)
	rep.Baseline, err = baseline(ctx, site.URL, opts, rep.Scenario.Wall)
	return rep, err
}

// signInStaffAll signs in the front desk and the two approvers, each one
// session shared by every worker.
func (s *Site) signInStaffAll(ctx context.Context, rec *Recorder, opts Options) (staff, error) {
	st := staff{sms: s.SMS}
	for _, u := range []struct {
		to       **Client
		username string
		password string
	}{{&st.desk, deskUsername, demoPassword}, {&st.reviewer, reviewerUsername, s.staffPassword},
		{&st.checker, checkerUsername, s.staffPassword}} {
		c, err := newClient(s.URL, "", opts.Clients, opts.Timeout)
		if err != nil {
			return st, err
		}
		if err := signInStaff(ctx, c, rec, u.username, u.password); err != nil {
			return st, err
		}
		*u.to = c
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

// life is the approval lifecycle.
func (st staff) life(ctx context.Context, rec *Recorder, r *resident) error {
	return lifecycle(ctx, rec, r, st)
}

// close drops the staff's idle connections.
func (st staff) close() {
	for _, c := range []*Client{st.desk, st.reviewer, st.checker} {
		c.close()
	}
}

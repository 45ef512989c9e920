package loadtest

import (
	"slices"
	"time"
)

// Recorder keeps every call's latency by operation and the errors seen.
// Each worker owns one (no locking on the hot path); Merge joins them.
type Recorder struct {
	lat    map[string][]time.Duration
	errors map[errKey]*ErrorCount
}

// errKey groups errors by operation and HTTP status (0: no answer).
type errKey struct {
	op     string
	status int
}

// ErrorCount is how often one operation failed with one status, with the
// first body (or transport error) seen.
type ErrorCount struct {
	Op     string
	Status int
	Count  int
	First  string
}

// NewRecorder returns an empty recorder.
func NewRecorder() *Recorder {
	return &Recorder{lat: map[string][]time.Duration{}, errors: map[errKey]*ErrorCount{}}
}

// Observe records one successful call.
func (r *Recorder) Observe(op string, d time.Duration) {
	r.lat[op] = append(r.lat[op], d)
}

// Fail records one failed call: a non-2xx status with its body, or a
// transport error (status 0).
func (r *Recorder) Fail(op string, status int, body string) {
	k := errKey{op, status}
	e, ok := r.errors[k]
	if !ok {
		e = &ErrorCount{Op: op, Status: status, First: body}
		r.errors[k] = e
	}
	e.Count++
}

// Merge adds other's observations to r.
func (r *Recorder) Merge(other *Recorder) {
	for op, ds := range other.lat {
		r.lat[op] = append(r.lat[op], ds...)
	}
	for k, e := range other.errors {
		mine, ok := r.errors[k]
		if !ok {
			c := *e
			r.errors[k] = &c
			continue
		}
		mine.Count += e.Count
	}
}

// Stats summarises one operation's latencies.
type Stats struct {
	Op                 string
	Count              int
	P50, P95, P99, Max time.Duration
}

// Stats returns the summary of every operation: those named in order
// first, in that order (the lifecycle's), then the others alphabetically.
func (r *Recorder) Stats(order []string) []Stats {
	ops := make([]string, 0, len(r.lat))
	for op := range r.lat {
		ops = append(ops, op)
	}
	rank := func(op string) int {
		if i := slices.Index(order, op); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortFunc(ops, func(a, b string) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		if a < b {
			return -1
		}
		return 1
	})
	out := make([]Stats, 0, len(ops))
	for _, op := range ops {
		out = append(out, summarise(op, r.lat[op]))
	}
	return out
}

// All summarises every call of every operation together.
func (r *Recorder) All(name string) Stats {
	var all []time.Duration
	for _, ds := range r.lat {
		all = append(all, ds...)
	}
	return summarise(name, all)
}

// Errors returns the error counts, by operation then status.
func (r *Recorder) Errors() []ErrorCount {
	out := make([]ErrorCount, 0, len(r.errors))
	for _, e := range r.errors {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(a, b ErrorCount) int {
		if a.Op != b.Op {
			if a.Op < b.Op {
				return -1
			}
			return 1
		}
		return a.Status - b.Status
	})
	return out
}

// ErrorTotal is the number of failed calls.
func (r *Recorder) ErrorTotal() int {
	n := 0
	for _, e := range r.errors {
		n += e.Count
	}
	return n
}

// summarise sorts ds (in place) and reads its nearest-rank percentiles.
func summarise(op string, ds []time.Duration) Stats {
	s := Stats{Op: op, Count: len(ds)}
	if len(ds) == 0 {
		return s
	}
	slices.Sort(ds)
	s.P50, s.P95, s.P99, s.Max = rankOf(ds, 50), rankOf(ds, 95), rankOf(ds, 99), ds[len(ds)-1]
	return s
}

// rankOf is the nearest-rank p-th percentile of sorted ds.
func rankOf(ds []time.Duration, p int) time.Duration {
	i := (len(ds)*p + 99) / 100 // ceil(n·p/100), 1-based
	return ds[max(i, 1)-1]
}

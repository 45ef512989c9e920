package workorder

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// genSummary is what a generated database looks like, for comparing two
// runs and checking the variety.
type genSummary struct {
	orders, events, clocks, measures int
	states, outcomes                 map[string]int
	first, last                      string // numbers, by id
	lapsedOpen                       int
	satisfied                        int
}

func summarise(t *testing.T, r *rig) genSummary {
	t.Helper()
	s := genSummary{states: map[string]int{}, outcomes: map[string]int{}}
	q := func(query string, dst ...any) {
		t.Helper()
		if err := r.d.QueryRow(r.ctx, query).Scan(dst...); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
	}
	q(`SELECT COUNT(*) FROM workorders`, &s.orders)
	q(`SELECT COUNT(*) FROM workorder_events`, &s.events)
	q(`SELECT COUNT(*) FROM workorder_clocks`, &s.clocks)
	q(`SELECT COUNT(*) FROM workorder_measures`, &s.measures)
	q(`SELECT number FROM workorders ORDER BY id LIMIT 1`, &s.first)
	q(`SELECT number FROM workorders ORDER BY id DESC LIMIT 1`, &s.last)
	q(`SELECT COUNT(*) FROM workorder_clocks c JOIN workorders w ON w.id = c.order_id
		WHERE c.kind = 'resolution' AND c.state = 'lapsed' AND c.stopped_at IS NULL`, &s.lapsedOpen)
	q(`SELECT COUNT(*) FROM workorder_measures WHERE satisfaction >= 4`, &s.satisfied)
	rows, err := r.d.Query(r.ctx, `SELECT state, outcome FROM workorders`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var st, oc string
		if err := rows.Scan(&st, &oc); err != nil {
			t.Fatal(err)
		}
		s.states[st]++
		s.outcomes[oc]++
	}
	return s
}

func TestGenerateLoadWritesValidVariedOrders(t *testing.T) {
	r := newRig(t)
	const n = 3000
	g, err := r.s.GenerateLoad(r.ctx, district, n, 7)
	if err != nil {
		t.Fatal(err)
	}
	s := summarise(t, r)
	if g.Orders != n || s.orders != n || s.measures != n || s.clocks != 2*n || g.Events != s.events || g.Clocks != s.clocks {
		t.Fatalf("generated %+v, stored %+v", g, s)
	}
	if g.From.Before(testNow.AddDate(-1, 0, -1)) || !g.To.Before(testNow) {
		t.Errorf("filed from %v to %v, want the year before %v", g.From, g.To, testNow)
	}
	for _, st := range []string{"handling", "resolved", "closed"} {
		if s.states[st] == 0 {
			t.Errorf("no order is %s: %v", st, s.states)
		}
	}
	for _, oc := range []string{"fixed", "not_fixed", "not_ours", "duplicate", "referred", "cancelled"} {
		if s.outcomes[oc] == 0 {
			t.Errorf("no order ended %s: %v", oc, s.outcomes)
		}
	}
	if s.lapsedOpen == 0 || s.satisfied == 0 {
		t.Errorf("no open overdue order (%d) or no satisfied follow-up (%d)", s.lapsedOpen, s.satisfied)
	}
	checkHistories(t, r)
	// Generated numbers came from the day counters: a real order of the
	// last generated day (now) gets the next number, no collision.
	if _, err := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区")); err != nil {
		t.Fatalf("filing after the load: %v", err)
	}
}

// checkHistories replays every order's events through the state machine:
// seqs from 1 without gaps, every step allowed, ending in the order's
// state and version, never after now.
func checkHistories(t *testing.T, r *rig) {
	t.Helper()
	rows, err := r.d.Query(r.ctx, `SELECT e.order_id, e.seq, e.kind, e.state_from, e.state_to, e.outcome, e.at,
		w.state, w.version FROM workorder_events e JOIN workorders w ON w.id = e.order_id ORDER BY e.order_id, e.seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var last int64
	var seq int
	var state State
	var at time.Time
	bad := 0
	for rows.Next() {
		var id int64
		var e Event
		var st State
		var version int
		if err := rows.Scan(&id, &e.Seq, &e.Kind, &e.From, &e.To, &e.Outcome, &e.At, &st, &version); err != nil {
			t.Fatal(err)
		}
		if id != last {
			last, seq, state, at = id, 0, "", time.Time{}
		}
		to, err := Next(state, e.Kind, e.Outcome)
		if e.Seq != seq+1 || err != nil || to != e.To || e.From != state || e.At.Before(at) || e.At.After(testNow) {
			if bad++; bad < 5 {
				t.Errorf("order %d event %d %s: %s→%s (want from %s, seq %d): %v", id, e.Seq, e.Kind, e.From, e.To, state, seq+1, err)
			}
		}
		seq, state, at = e.Seq, e.To, e.At
		if e.Seq == version && e.To != st {
			t.Errorf("order %d ends %s but is %s", id, e.To, st)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestGenerateLoadIsRepeatable(t *testing.T) {
	a, b := newRig(t), newRig(t)
	for _, r := range []*rig{a, b} {
		if _, err := r.s.GenerateLoad(r.ctx, district, 500, 42); err != nil {
			t.Fatal(err)
		}
	}
	sa, sb := summarise(t, a), summarise(t, b)
	if fmt.Sprint(sa) != fmt.Sprint(sb) {
		t.Errorf("same seed, different loads:\n%+v\n%+v", sa, sb)
	}
	c := newRig(t)
	if _, err := c.s.GenerateLoad(c.ctx, district, 500, 43); err != nil {
		t.Fatal(err)
	}
	if sc := summarise(t, c); fmt.Sprint(sc) == fmt.Sprint(sa) {
		t.Error("another seed gave the same load")
	}
}

func TestGenerateLoadNeedsAPublishedTree(t *testing.T) {
	r := newRig(t)
	_, err := r.s.GenerateLoad(r.ctx, "320114", 10, 1)
	if err == nil {
		t.Fatal("a district without a category tree was loaded")
	}
	cancelled, cancel := context.WithCancel(r.ctx)
	cancel()
	if _, err := r.s.GenerateLoad(cancelled, district, 10, 1); err == nil {
		t.Error("a cancelled load reported success")
	}
}

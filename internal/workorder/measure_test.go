package workorder

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// step is one change recorded on an order at an offset from its filing.
type step struct {
	after   time.Duration
	kind    EventKind
	outcome Outcome
	unit    string
	payload any
}

// measured is a rig with a scripted set of orders (see newMeasured).
type measured struct {
	*rig
	xh, yh  string // 仙鹤 and 尧化 communities
	xs, ys  string // their streets
	unit    string // 仙鹤 as a unit
	numbers map[string]string
}

// play files an order in community as a resident, then records the
// steps as a grid worker of the community at their times, and gives the order a resolution
// deadline after due (0: no clock).
func (m *measured) play(t *testing.T, name, community string, due time.Duration, steps ...step) {
	t.Helper()
	m.clock.Set(testNow)
	f, err := m.s.File(m.ctx, resident(7), m.parkingRequest(community))
	if err != nil {
		t.Fatal(err)
	}
	m.numbers[name] = f.Order.Number
	if due > 0 {
		m.setDue(t, f.Order.ID, testNow.Add(due))
	}
	handler := staff(60, authz.RoleGridWorker, communityScope(m.communities[community].Code))
	for _, st := range steps {
		m.clock.Set(testNow.Add(st.after))
		err := m.d.InTx(m.ctx, func(tx *db.Tx) error {
			o, err := loadOrder(m.ctx, tx, `id = ?`, f.Order.ID)
			if err != nil {
				return err
			}
			_, err = m.s.record(m.ctx, tx, handler, &o, Change{Kind: st.kind, Outcome: st.outcome,
				Unit: st.unit, Payload: st.payload})
			return err
		})
		if err != nil {
			t.Fatalf("%s: %s: %v", name, st.kind, err)
		}
	}
}

// setDue gives an order a running resolution clock due at due (the clock
// part's row, written here as it would be).
func (m *measured) setDue(t *testing.T, orderID int64, due time.Time) {
	t.Helper()
	err := m.d.InTx(m.ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(m.ctx, `UPDATE workorder_clocks SET due_at = ? WHERE order_id = ? AND kind = 'resolution'`,
			due, orderID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return nil
		}
		_, err = tx.Exec(m.ctx, `INSERT INTO workorder_clocks (order_id, kind, basis, limit_value, started_at, warn_at,
			due_at, state) VALUES (?, 'resolution', 'hours', 48, ?, ?, ?, 'running')`, orderID, testNow,
			due.Add(-6*time.Hour), due)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// newMeasured scripts five orders filed on Monday 2 March 2026:
//
//	A 仙鹤: dispatched, accepted after 1 h, fixed after 20 h (due 48 h), 回访 5
//	B 仙鹤: accepted after 3 h, parked 24 h, not fixed after 60 h (due 48 h: late), 回访 2
//	C 尧化: cancelled after 5 minutes (not counted)
//	D 仙鹤: accepted after 30 min, still open, due after 24 h (overdue at 72 h)
//	E 仙鹤: merged into another after 2 h (not counted)
//
// and sets the clock 72 hours after filing.
func newMeasured(t *testing.T) *measured { return scriptOrders(t, newRig(t)) }

// scriptOrders plays newMeasured's orders on r.
func scriptOrders(t *testing.T, r *rig) *measured {
	m := &measured{rig: r, numbers: map[string]string{}}
	m.xh, m.yh = m.communities["仙鹤社区"].Code, m.communities["尧化社区"].Code
	m.xs, m.ys = m.communities["仙鹤社区"].StreetCode, m.communities["尧化社区"].StreetCode
	m.unit = "community:" + m.xh
	u := m.unit
	m.play(t, "A", "仙鹤社区", 48*time.Hour, step{after: 10 * time.Minute, kind: EventDispatched, unit: u},
		step{after: time.Hour, kind: EventAccepted, unit: u},
		step{after: 20 * time.Hour, kind: EventResolved, outcome: OutcomeFixed, unit: u},
		step{after: 30 * time.Hour, kind: EventFollowedUp, payload: FollowUpPayload{Satisfaction: 5}})
	m.play(t, "B", "仙鹤社区", 48*time.Hour, step{after: time.Hour, kind: EventDispatched, unit: u},
		step{after: 3 * time.Hour, kind: EventAccepted, unit: u},
		step{after: 5 * time.Hour, kind: EventParked, unit: u}, step{after: 29 * time.Hour, kind: EventUnparked, unit: u},
		step{after: 60 * time.Hour, kind: EventResolved, outcome: OutcomeNotFixed, unit: u},
		step{after: 61 * time.Hour, kind: EventFollowedUp, payload: FollowUpPayload{Satisfaction: 2}})
	m.play(t, "C", "尧化社区", 0, step{after: 5 * time.Minute, kind: EventCancelled, outcome: OutcomeCancelled})
	m.play(t, "D", "仙鹤社区", 24*time.Hour, step{after: 10 * time.Minute, kind: EventDispatched, unit: u},
		step{after: 30 * time.Minute, kind: EventAccepted, unit: u})
	m.play(t, "E", "仙鹤社区", 48*time.Hour, step{after: 2 * time.Hour, kind: EventMerged, outcome: OutcomeDuplicate})
	m.clock.Set(testNow.Add(72 * time.Hour))
	return m
}

// day is the China date of the scripted filings.
const day = "2026-03-02"

func ratePtr(f float64) *float64 { return &f }

// sameRate compares a rate with a want (nil: not measured).
func sameRate(got, want *float64) bool {
	if got == nil || want == nil {
		return got == want
	}
	return math.Abs(*got-*want) < 1e-9
}

func TestMeasuresFromEvents(t *testing.T) {
	m := newMeasured(t)
	got, err := m.s.Measures(m.ctx, admin, MeasureQuery{By: ByStreet, From: day, To: day})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Rows) != 2 || got.Total.Received != 5 || got.Total.Counted != 3 {
		t.Fatalf("rows %+v total %+v", got.Rows, got.Total)
	}
	xh := got.Rows[0]
	if xh.Key != m.xs || xh.Name != "仙林街道" {
		t.Fatalf("first row %s %s, want 仙林街道 of 仙鹤社区 (most orders)", xh.Key, xh.Name)
	}
	want := MeasureRow{Received: 4, Counted: 3, Responded: 3, Resolved: 2, Fixed: 1, NotFixed: 1, OnTime: 1, Late: 1,
		Overdue: 1, Answered: 2, Satisfied: 1}
	if c := countsOf(xh); c != countsOf(want) {
		t.Errorf("仙鹤 counts %+v\nwant %+v", c, countsOf(want))
	}
	rates := []struct {
		name      string
		got, want *float64
	}{
		{"response rate", xh.ResponseRate, ratePtr(1)}, {"resolution rate", xh.ResolutionRate, ratePtr(0.5)},
		{"on-time rate", xh.OnTimeRate, ratePtr(1.0 / 3)}, {"satisfaction rate", xh.SatisfactionRate, ratePtr(0.5)},
		{"average response hours", xh.AvgResponseHours, ratePtr(1.5)},
		{"average handling hours (parked day left out)", xh.AvgHandlingHours, ratePtr(28)},
		{"尧化 response rate (nothing counted)", got.Rows[1].ResponseRate, nil},
		{"total resolution rate", got.Total.ResolutionRate, ratePtr(0.5)},
	}
	for _, r := range rates {
		if !sameRate(r.got, r.want) {
			t.Errorf("%s = %v, want %v", r.name, deref(r.got), deref(r.want))
		}
	}
	if s := xh.Percent(xh.OnTimeRate) + " " + xh.Hours(xh.AvgHandlingHours) + " " + got.Rows[1].Percent(nil); s != "33.3% 28.0 —" {
		t.Errorf("shown as %q", s)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// countsOf keeps a row's counts, for comparing.
func countsOf(r MeasureRow) string {
	return fmt.Sprint(r.Received, r.Counted, r.Responded, r.Resolved, r.Fixed, r.NotFixed, r.NotOurs, r.Referred,
		r.OnTime, r.Late, r.Overdue, r.Answered, r.Satisfied)
}

func TestMeasuresByEveryDimension(t *testing.T) {
	m := newMeasured(t)
	cases := []struct {
		q    MeasureQuery
		keys map[string]int // key → received
	}{
		{MeasureQuery{By: ByCommunity}, map[string]int{m.xh: 4, m.yh: 1}},
		{MeasureQuery{By: ByUnit}, map[string]int{m.unit: 3, "": 2}},
		{MeasureQuery{By: ByCategory}, map[string]int{"WY-01": 5}},
		{MeasureQuery{By: ByDay}, map[string]int{day: 5}},
		{MeasureQuery{By: ByWeek}, map[string]int{"2026-W10": 5}},
		{MeasureQuery{By: ByMonth}, map[string]int{"2026-03": 5}},
		{MeasureQuery{By: ByCommunity, Street: m.ys}, map[string]int{m.yh: 1}},
		{MeasureQuery{By: ByStreet, Community: m.xh}, map[string]int{m.xs: 4}},
		{MeasureQuery{By: ByStreet, Category: "WY"}, map[string]int{m.xs: 4, m.ys: 1}},
		{MeasureQuery{By: ByStreet, Category: "CG"}, map[string]int{}},
		{MeasureQuery{By: ByStreet, Unit: m.unit}, map[string]int{m.xs: 3}},
	}
	for _, c := range cases {
		c.q.From, c.q.To = "2026-02-01", "2026-03-31"
		got, err := m.s.Measures(m.ctx, admin, c.q)
		if err != nil {
			t.Fatalf("%+v: %v", c.q, err)
		}
		keys := map[string]int{}
		for _, r := range got.Rows {
			keys[r.Key] = r.Received
		}
		if fmt.Sprint(keys) != fmt.Sprint(c.keys) {
			t.Errorf("%+v: %v, want %v", c.q, keys, c.keys)
		}
	}
	names, err := m.s.Measures(m.ctx, admin, MeasureQuery{By: ByUnit, From: day, To: day})
	if err != nil || names.Rows[0].Name != "仙鹤社区" || names.Rows[1].Name != "未派单" {
		t.Errorf("unit names: %+v %v", names.Rows, err)
	}
	week, err := m.s.Measures(m.ctx, admin, MeasureQuery{By: ByWeek, From: day, To: day})
	if err != nil || week.Rows[0].Name != "2026年第10周" {
		t.Errorf("week name: %+v %v", week.Rows, err)
	}
}

func TestMeasuresRecomputeGivesTheSameRows(t *testing.T) {
	m := newMeasured(t)
	if _, err := m.s.GenerateLoad(m.ctx, district, 300, 3); err != nil {
		t.Fatal(err)
	}
	before := measureRowsDump(t, m.rig)
	// Spoil every row: recomputing must rebuild them from the events.
	if err := m.d.InTx(m.ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(m.ctx, `UPDATE workorder_measures SET counted = 0, satisfaction = 0, unit = 'x', on_time = NULL`)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	n, err := m.s.RecomputeMeasures(m.ctx, admin)
	if err != nil || n != 305 {
		t.Fatalf("recomputed %d: %v", n, err)
	}
	if after := measureRowsDump(t, m.rig); after != before {
		t.Errorf("recomputed rows differ from the rows kept after each event:\n%s\n---\n%s", before, after)
	}
	// A year is summed in parts at once: the parts add up to the months.
	year, err := m.s.Measures(m.ctx, admin, MeasureQuery{By: ByMonth, From: "2025-03-06", To: "2026-03-05"})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := m.d.Query(m.ctx, `SELECT filed_month, COUNT(*), SUM(satisfaction) FROM workorder_measures
		WHERE filed_day BETWEEN '2025-03-06' AND '2026-03-05' GROUP BY filed_month ORDER BY filed_month`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []string
	total := 0
	for rows.Next() {
		var month string
		var n, sat int
		if err := rows.Scan(&month, &n, &sat); err != nil {
			t.Fatal(err)
		}
		want, total = append(want, fmt.Sprint(month, n)), total+n
	}
	var got []string
	for _, r := range year.Rows {
		got = append(got, fmt.Sprint(r.Key, r.Received))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || year.Total.Received != total || len(got) < 12 {
		t.Errorf("a year by month: %v (total %d), want %v (%d)", got, year.Total.Received, want, total)
	}
	leader := staff(23, authz.RoleLeader, authz.District(district))
	if _, err := m.s.RecomputeMeasures(m.ctx, leader); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("a leader recomputed: %v", err)
	}
}

// measureRowsDump is the whole measures table as text.
func measureRowsDump(t *testing.T, r *rig) string {
	t.Helper()
	rows, err := r.d.Query(r.ctx, `SELECT `+measureColumns+` FROM workorder_measures ORDER BY order_id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := ""
	for rows.Next() {
		vals := make([]any, measurePerRow)
		ptrs := make([]any, measurePerRow)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if tm, ok := v.(time.Time); ok {
				vals[i] = tm.UTC().Format(time.RFC3339Nano)
			}
		}
		out += fmt.Sprintln(vals...)
	}
	return out
}

package workorder

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

func TestClockMeter(t *testing.T) {
	cal := calendar.Default()
	hours := clockMeter{basis: UnitHours, cal: cal}
	days := clockMeter{basis: UnitWorkdays, cal: cal}
	monday := cst(2026, 3, 2, 9, 30)
	cases := []struct {
		name  string
		m     clockMeter
		start time.Time
		limit Limit
		due   time.Time
	}{
		{"48 hours on the wall clock", hours, monday, Limit{48, UnitHours}, cst(2026, 3, 4, 9, 30)},
		{"one working day ends with the next working day", days, monday, Limit{1, UnitWorkdays}, cst(2026, 3, 4, 0, 0)},
		{"filed on Friday, one working day is Monday", days, cst(2026, 3, 6, 16, 0), Limit{1, UnitWorkdays}, cst(2026, 3, 10, 0, 0)},
		{"filed on Saturday", days, cst(2026, 3, 7, 11, 0), Limit{1, UnitWorkdays}, cst(2026, 3, 10, 0, 0)},
		// 国庆: 10-01…10-07 off, 10-10 (Saturday) a make-up working day.
		{"three working days over National Day", days, cst(2026, 9, 30, 10, 0), Limit{3, UnitWorkdays}, cst(2026, 10, 11, 0, 0)},
	}
	for _, c := range cases {
		got := c.m.times(c.start, c.m.budget(c.start, c.limit), 0, 0, DefaultClockPolicy)
		if !got.due.Equal(c.due) {
			t.Errorf("%s: due %v, want %v", c.name, got.due.In(chinaZone), c.due.In(chinaZone))
		}
	}
	// Warnings come at three quarters of the counted time: 38.5 h of
	// working-day time from Monday 09:30 to Tuesday 24:00.
	b := days.budget(monday, Limit{1, UnitWorkdays})
	if w := days.times(monday, b, 0, 0, DefaultClockPolicy).warn; b != 38*time.Hour+30*time.Minute ||
		!w.Equal(cst(2026, 3, 3, 14, 22).Add(30*time.Second)) {
		t.Errorf("budget %v, warning %v", b, w.In(chinaZone))
	}
	lead := ClockPolicy{WarnLead: 2 * time.Hour}
	if w := hours.times(monday, 48*time.Hour, 0, 0, lead).warn; !w.Equal(cst(2026, 3, 4, 7, 30)) {
		t.Errorf("lead warning %v", w.In(chinaZone))
	}
	// A pause over a weekend costs a working-day clock nothing, an hours
	// clock its length.
	fri, mon := cst(2026, 3, 6, 18, 0), cst(2026, 3, 9, 0, 0)
	if d := days.between(fri, mon); d != 6*time.Hour {
		t.Errorf("working time Friday 18:00 to Monday 00:00: %v", d)
	}
	if d := hours.between(fri, mon); d != 54*time.Hour {
		t.Errorf("wall time: %v", d)
	}
}

func TestClocksStartWhenFiled(t *testing.T) {
	r := newClockRig(t)
	o := r.fileOrder(t, UrgencyNormal)
	resp, res := r.clocks(t, o)
	if resp.Kind != ClockResponse || resp.Limit != (Limit{2, UnitHours}) || !resp.DueAt.Equal(testNow.Add(2*time.Hour)) ||
		!resp.WarnAt.Equal(testNow.Add(90*time.Minute)) || resp.State != ClockRunning {
		t.Errorf("response clock %+v", resp)
	}
	if res.Limit != (Limit{48, UnitHours}) || !res.DueAt.Equal(testNow.Add(48*time.Hour)) {
		t.Errorf("resolution clock %+v", res)
	}
	for _, cl := range []Clock{resp, res} {
		w, l := r.jobsOf(t, cl, StepWarn), r.jobsOf(t, cl, StepLapse)
		if len(w) != 1 || len(l) != 1 || !w[0].at.Equal(cl.WarnAt) || !l[0].at.Equal(cl.DueAt) ||
			w[0].args.Epoch != cl.Epoch {
			t.Errorf("%s jobs: %+v %+v", cl.Kind, w, l)
		}
	}
	// An urgent 电梯 request gets the urgency's shorter limits; a 城管
	// matter is counted in working days.
	in := r.parkingRequest("仙鹤社区")
	in.Category, in.Urgency, in.Fields = "WY-02", UrgencyCritical, map[string]any{"building": "5栋", "fault": "trapped"}
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	if _, res := r.clocks(t, f.Order); res.Limit != (Limit{4, UnitHours}) {
		t.Errorf("critical elevator limit %v", res.Limit)
	}
	in = r.parkingRequest("仙鹤社区")
	in.Category, in.Fields = "CG-03", map[string]any{"kind": "vendor"}
	f, err = r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	resp, res = r.clocks(t, f.Order)
	if resp.Limit != (Limit{1, UnitWorkdays}) || !resp.DueAt.Equal(cst(2026, 3, 4, 0, 0)) ||
		!res.DueAt.Equal(cst(2026, 3, 6, 0, 0)) {
		t.Errorf("working-day clocks: due %v and %v", resp.DueAt.In(chinaZone), res.DueAt.In(chinaZone))
	}
}

func TestFirstHandlerActionMeetsTheResponseClock(t *testing.T) {
	r := newClockRig(t)
	o := r.fileOrder(t, UrgencyNormal)
	xh := "community:" + r.communities["仙鹤社区"].Code
	// Dispatching is not a response, nor is the system's note.
	r.change(t, &o, nil, Change{Kind: EventNote, Note: "系统记录"})
	if resp, _ := r.clocks(t, o); resp.State != ClockRunning {
		t.Fatalf("after a system note: %s", resp.State)
	}
	r.clock.Advance(time.Hour)
	r.change(t, &o, r.handler(), Change{Kind: EventNote, Unit: xh, Note: "已联系物业"})
	resp, res := r.clocks(t, o)
	if resp.State != ClockMet || resp.StoppedAt == nil || !resp.StoppedAt.Equal(testNow.Add(time.Hour)) {
		t.Errorf("response clock after the first note: %+v", resp)
	}
	if res.State != ClockRunning {
		t.Errorf("resolution clock %s", res.State)
	}
	// Its pending jobs are now outdated: they do nothing.
	if wait := r.tick(t, resp, StepLapse); wait != 0 {
		t.Errorf("outdated lapse job waits %v", wait)
	}
	if resp2, _ := r.clocks(t, o); resp2.State != ClockMet {
		t.Errorf("outdated job changed the clock: %s", resp2.State)
	}
	// A late first response is recorded as lapsed.
	late := r.fileOrder(t, UrgencyNormal)
	r.clock.Advance(3 * time.Hour)
	r.change(t, &late, r.handler(), Change{Kind: EventResponded, Unit: xh, Note: "已收到"})
	if resp, _ := r.clocks(t, late); resp.State != ClockLapsed || resp.LapsedAt == nil {
		t.Errorf("late response: %+v", resp)
	}
}

func TestWarningLapseEscalationAndReminders(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	_, res := r.clocks(t, o)
	// Too early: the job waits exactly until the warning.
	if wait := r.tick(t, res, StepWarn); wait != 36*time.Hour {
		t.Fatalf("early warning waits %v", wait)
	}
	r.clock.Set(res.WarnAt)
	if wait := r.tick(t, res, StepWarn); wait != 0 {
		t.Fatalf("warning waits %v", wait)
	}
	if r.sent.count(handlerID, "临期预警") != 1 || r.sent.count(deskID, "临期预警") != 1 ||
		r.sent.count(supervisorID, "临期预警") != 0 {
		t.Errorf("warnings sent: %v", r.sent.sent)
	}
	// Running the same job again sends nothing more.
	if _, err := r.c.Tick(r.ctx, r.jobsOf(t, res, StepWarn)[0].args); err != nil || r.sent.count(handlerID, "临期预警") != 1 {
		t.Errorf("warning repeated: %v", err)
	}
	r.clock.Set(res.DueAt.Add(time.Minute))
	if wait := r.tick(t, res, StepLapse); wait != 0 {
		t.Fatalf("lapse waits %v", wait)
	}
	_, res = r.clocks(t, o)
	if res.State != ClockLapsed || !res.LapsedAt.Equal(res.DueAt) || res.EscalatedAt == nil || res.Reminders != 1 {
		t.Fatalf("lapsed clock %+v", res)
	}
	if r.sent.count(supervisorID, "超时升级") != 1 || r.sent.count(handlerID, "第1次催办") != 1 {
		t.Errorf("lapse notices: %v", r.sent.sent)
	}
	// Reminders follow daily, three in all.
	for n := 2; n <= DefaultClockPolicy.MaxUrges; n++ {
		urges := r.jobsOf(t, res, StepUrge)
		if len(urges) != n-1 || !urges[n-2].at.Equal(res.DueAt.Add(time.Duration(n-1)*24*time.Hour)) {
			t.Fatalf("urge jobs before reminder %d: %+v", n, urges)
		}
		if wait := r.tick(t, res, StepUrge); wait <= 0 {
			t.Fatalf("reminder %d did not wait", n)
		}
		r.clock.Set(urges[n-2].at)
		if wait := r.tick(t, res, StepUrge); wait != 0 {
			t.Fatalf("reminder %d waits %v", n, wait)
		}
		_, res = r.clocks(t, o)
	}
	if len(r.jobsOf(t, res, StepUrge)) != DefaultClockPolicy.MaxUrges-1 || r.sent.count(handlerID, "第3次催办") != 1 {
		t.Errorf("reminders: %d jobs, %v", len(r.jobsOf(t, res, StepUrge)), r.sent.sent[handlerID])
	}
	// The response clock was met at acceptance: every clock event is the
	// resolution clock's.
	count := map[EventKind]int{}
	for _, k := range r.kinds(t, o) {
		count[k]++
	}
	if count[EventWarned] != 1 || count[EventEscalated] != 1 || count[EventUrged] != 3 {
		t.Errorf("clock events %v", count)
	}
}

func TestClocksPauseStopAndReopenWithTheOrder(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	_, res := r.clocks(t, o)
	due := res.DueAt
	// Verification (核查) pauses the resolution clock; failing it resumes.
	r.clock.Advance(10 * time.Hour)
	r.change(t, &o, r.handler(), Change{Kind: EventReported, Outcome: OutcomeFixed})
	if _, res = r.clocks(t, o); res.State != ClockPaused || res.PausedAt == nil {
		t.Fatalf("verifying: %+v", res)
	}
	r.clock.Advance(5 * time.Hour)
	r.change(t, &o, nil, Change{Kind: EventVerifyFailed})
	if _, res = r.clocks(t, o); res.State != ClockRunning || !res.DueAt.Equal(due.Add(5*time.Hour)) {
		t.Fatalf("after verification: %s, due %v (was %v)", res.State, res.DueAt, due)
	}
	if js := r.jobsOf(t, res, StepLapse); len(js) != 2 || !js[1].at.Equal(res.DueAt) || js[1].args.Epoch != res.Epoch {
		t.Errorf("lapse jobs after resuming: %+v", js)
	}
	// Resolved in time: met; reopened two hours later, the time resolved
	// does not count.
	r.clock.Advance(time.Hour)
	r.change(t, &o, r.handler(), Change{Kind: EventResolved, Outcome: OutcomeFixed})
	if _, res = r.clocks(t, o); res.State != ClockMet {
		t.Fatalf("resolved: %s", res.State)
	}
	r.clock.Advance(2 * time.Hour)
	r.change(t, &o, resident(7), Change{Kind: EventReopened})
	if _, res = r.clocks(t, o); res.State != ClockRunning || !res.DueAt.Equal(due.Add(7*time.Hour)) {
		t.Fatalf("reopened: %s, due %v", res.State, res.DueAt)
	}
	// Merged away: the clock is cancelled, not lapsed.
	r.change(t, &o, r.handler(), Change{Kind: EventMerged, Outcome: OutcomeDuplicate})
	if resp, res := r.clocks(t, o); res.State != ClockCancelled || resp.State != ClockMet {
		t.Fatalf("merged: %s / %s", resp.State, res.State)
	}
	// A cancelled order's unanswered clocks are cancelled too.
	c := r.fileOrder(t, UrgencyNormal)
	if _, err := r.s.Cancel(r.ctx, resident(7), c.Number, "已解决"); err != nil {
		t.Fatal(err)
	}
	if resp, res := r.clocks(t, c); resp.State != ClockCancelled || res.State != ClockCancelled {
		t.Errorf("cancelled order: %s / %s", resp.State, res.State)
	}
}

func TestRecategorisingChangesTheLimits(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	// 停车管理 (48 hours) turns out to be 占道经营 (3 working days), after a
	// parked weekend: the pause is measured again in working days.
	r.clock.Set(cst(2026, 3, 6, 18, 0))
	r.change(t, &o, r.handler(), Change{Kind: EventParked})
	r.clock.Set(cst(2026, 3, 9, 0, 0))
	r.change(t, &o, r.handler(), Change{Kind: EventUnparked})
	_, res := r.clocks(t, o)
	if res.Paused != 54*time.Hour {
		t.Fatalf("paused %v on the wall clock", res.Paused)
	}
	if _, err := r.d.Write.ExecContext(r.ctx, r.d.Rebind(`UPDATE workorders SET category_code = 'CG-03' WHERE id = ?`),
		o.ID); err != nil {
		t.Fatal(err)
	}
	r.change(t, &o, staff(20, authz.RoleFrontDesk, authz.District(district)), Change{Kind: EventRecategorised})
	_, res = r.clocks(t, o)
	// Three working days after Monday 2 March end on Thursday 5 March at
	// 24:00; six hours of working-day time were paused on Friday evening,
	// so the deadline is Friday 06:00, past already: the lapse job runs at
	// once.
	if res.Limit != (Limit{3, UnitWorkdays}) || res.Paused != 6*time.Hour || !res.DueAt.Equal(cst(2026, 3, 6, 6, 0)) {
		t.Errorf("relimited: %v, paused %v, due %v", res.Limit, res.Paused, res.DueAt.In(chinaZone))
	}
	if wait := r.tick(t, res, StepLapse); wait != 0 {
		t.Fatalf("lapse waits %v", wait)
	}
	if _, res = r.clocks(t, o); res.State != ClockLapsed || !res.LapsedAt.Equal(cst(2026, 3, 6, 6, 0)) {
		t.Errorf("after the lapse job: %+v", res)
	}
}

package workorder

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// wantCode fails unless err has the code ("" for none).
func wantCode(t *testing.T, what string, err error, code apperr.Code) {
	t.Helper()
	if code == "" && err != nil || code != "" && apperr.CodeOf(err) != code {
		t.Errorf("%s: %v, want %q", what, err, code)
	}
}

func TestExtensionRequestAndDecision(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	good := ExtensionInput{Reason: "需等待配件到货", NewDue: "2026-03-06"}
	other := staff(33, authz.RoleGridWorker, communityScope(r.communities["尧化社区"].Code))
	bad := []struct {
		name   string
		actor  *authz.Actor
		in     ExtensionInput
		code   apperr.Code
		fields []string
	}{
		{"nothing given", r.handler(), ExtensionInput{}, apperr.CodeInvalid, []string{"reason", "new_due"}},
		{"a date before the deadline", r.handler(), ExtensionInput{Reason: "x", NewDue: "2026-03-03"}, apperr.CodeInvalid, []string{"new_due"}},
		{"more than a year", r.handler(), ExtensionInput{Reason: "x", NewDue: "2027-06-01"}, apperr.CodeInvalid, []string{"new_due"}},
		{"a garbled date", r.handler(), ExtensionInput{Reason: "x", NewDue: "下周五"}, apperr.CodeInvalid, []string{"new_due"}},
		{"a worker of another community", other, good, apperr.CodeNotFound, nil},
		{"a leader may not ask", r.leader(), good, apperr.CodeForbidden, nil},
		{"the requester may not ask", resident(7), good, apperr.CodeForbidden, nil},
	}
	for _, c := range bad {
		_, err := r.c.RequestExtension(r.ctx, c.actor, o.Number, c.in)
		wantCode(t, c.name, err, c.code)
		for _, f := range c.fields {
			if e, ok := apperr.As(err); !ok || e.Fields[f] == "" {
				t.Errorf("%s: no message for %s: %v", c.name, f, err)
			}
		}
	}
	x, err := r.c.RequestExtension(r.ctx, r.handler(), o.Number, good)
	// From Wednesday 09:30 to Saturday 00:00: 62.5 hours, 63 rounded up.
	if err != nil || x.State != TimePending || x.Amount != 63 || x.Basis != UnitHours ||
		!x.RequestedDue.Equal(cst(2026, 3, 7, 0, 0)) || x.Unit != "community:"+r.communities["仙鹤社区"].Code {
		t.Fatalf("request: %+v, %v", x, err)
	}
	if r.sent.count(supervisorID, "延期申请") != 1 {
		t.Errorf("supervisor not told: %v", r.sent.sent)
	}
	_, err = r.c.RequestExtension(r.ctx, r.handler(), o.Number, good)
	wantCode(t, "a second pending request", err, apperr.CodeConflict)

	leaderElsewhere := staff(42, authz.RoleLeader, streetScope(r.streets["尧化街道"]))
	refuse := TimeDecision{Approve: false}
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		d     TimeDecision
		code  apperr.Code
	}{
		{"the handler may not decide", r.handler(), TimeDecision{Approve: true}, apperr.CodeForbidden},
		{"a leader of another street", leaderElsewhere, TimeDecision{Approve: true}, apperr.CodeNotFound},
		{"a refusal needs a reason", r.leader(), refuse, apperr.CodeInvalid},
	} {
		_, err := r.c.DecideExtension(r.ctx, c.actor, x.ID, c.d)
		wantCode(t, c.name, err, c.code)
	}
	x, err = r.c.DecideExtension(r.ctx, r.leader(), x.ID, TimeDecision{Approve: true, Note: "同意"})
	if err != nil || x.State != TimeApproved || x.DecidedAt == nil {
		t.Fatalf("approve: %+v, %v", x, err)
	}
	if _, res := r.clocks(t, o); !res.DueAt.Equal(cst(2026, 3, 7, 0, 0)) || res.Extended != 62*time.Hour+30*time.Minute {
		t.Errorf("extended clock: due %v, extended %v", res.DueAt.In(chinaZone), res.Extended)
	}
	if r.sent.count(handlerID, "已批准") != 1 {
		t.Errorf("asker not told: %v", r.sent.sent[handlerID])
	}
	_, err = r.c.DecideExtension(r.ctx, r.leader(), x.ID, TimeDecision{Approve: true})
	wantCode(t, "deciding twice", err, apperr.CodeConflict)
	kinds := r.kinds(t, o)
	if kinds[len(kinds)-2] != EventExtensionAsked || kinds[len(kinds)-1] != EventExtensionDecided {
		t.Errorf("events %v", kinds)
	}
}

func TestExtensionAfterALapseAndSelfApproval(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	_, res := r.clocks(t, o)
	r.clock.Set(res.DueAt.Add(time.Hour))
	r.tick(t, res, StepLapse)
	// Someone both handling and leading may ask, not decide their own.
	both := &authz.Actor{AccountID: 50, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{
		{Role: authz.RoleGridWorker, Scope: communityScope(r.communities["仙鹤社区"].Code)},
		{Role: authz.RoleLeader, Scope: streetScope(r.streets["仙林街道"])}}}
	x, err := r.c.RequestExtension(r.ctx, both, o.Number, ExtensionInput{Reason: "施工队延误", NewDue: "2026-03-10T17:30"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.c.DecideExtension(r.ctx, both, x.ID, TimeDecision{Approve: true})
	wantCode(t, "approving one's own request", err, apperr.CodeForbidden)
	if _, err := r.c.DecideExtension(r.ctx, r.leader(), x.ID, TimeDecision{Approve: true}); err != nil {
		t.Fatal(err)
	}
	// The lapsed clock is back inside its (new) limit.
	if _, res = r.clocks(t, o); res.State != ClockRunning || res.LapsedAt != nil || res.Reminders != 0 ||
		!res.DueAt.Equal(cst(2026, 3, 10, 17, 30)) {
		t.Errorf("after the extension: %+v", res)
	}
}

func TestParkingRequestDecisionReviewAndResume(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	for _, c := range []struct {
		name string
		in   ParkingInput
		bad  string
	}{
		{"no reason", ParkingInput{ReviewOn: "2026-04-01"}, "reason"},
		{"review today", ParkingInput{Reason: "x", ReviewOn: "2026-03-02"}, "review_on"},
		{"review in two years", ParkingInput{Reason: "x", ReviewOn: "2028-03-02"}, "review_on"},
		{"not a date", ParkingInput{Reason: "x", ReviewOn: "4月1日"}, "review_on"},
	} {
		_, err := r.c.RequestParking(r.ctx, r.handler(), o.Number, c.in)
		if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeInvalid || e.Fields[c.bad] == "" {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	in := ParkingInput{Reason: "涉及小区整体改造，需纳入明年计划", ReviewOn: "2026-04-01"}
	_, err := r.c.RequestParking(r.ctx, r.leader(), o.Number, in)
	wantCode(t, "a leader may not ask", err, apperr.CodeForbidden)
	p, err := r.c.RequestParking(r.ctx, r.handler(), o.Number, in)
	if err != nil || p.State != TimePending {
		t.Fatalf("request: %+v %v", p, err)
	}
	_, err = r.c.RequestParking(r.ctx, r.handler(), o.Number, in)
	wantCode(t, "a second request", err, apperr.CodeConflict)
	// Refused: the order goes on.
	if p, err = r.c.DecideParking(r.ctx, r.leader(), p.ID, TimeDecision{Note: "请先协调物业"}); err != nil || p.State != TimeRefused {
		t.Fatalf("refuse: %+v %v", p, err)
	}
	if got, _ := r.s.Get(r.ctx, r.handler(), o.Number); got.State != StateHandling || r.sent.count(handlerID, "未获批准") != 1 {
		t.Errorf("after refusal: %s, %v", got.State, r.sent.sent[handlerID])
	}
	// Approved: parked, clocks paused, a reminder on the review date.
	p, _ = r.c.RequestParking(r.ctx, r.handler(), o.Number, in)
	r.clock.Advance(time.Hour)
	if p, err = r.c.DecideParking(r.ctx, r.leader(), p.ID, TimeDecision{Approve: true}); err != nil || p.State != TimeApproved {
		t.Fatalf("approve: %+v %v", p, err)
	}
	_, res := r.clocks(t, o)
	if got, _ := r.s.Get(r.ctx, r.handler(), o.Number); got.State != StateParked || res.State != ClockPaused {
		t.Fatalf("parked: %s, clock %s", got.State, res.State)
	}
	review := ParkReviewArgs{ParkingID: p.ID, District: district}
	if wait, err := r.c.RemindReview(r.ctx, review); err != nil || !testNow.Add(time.Hour+wait).Equal(cst(2026, 4, 1, 9, 0)) {
		t.Fatalf("review waits %v, %v", wait, err)
	}
	r.clock.Set(cst(2026, 4, 1, 9, 0))
	for range 2 {
		if wait, err := r.c.RemindReview(r.ctx, review); err != nil || wait != 0 {
			t.Fatalf("review: %v %v", wait, err)
		}
	}
	if r.sent.count(handlerID, "挂账复核") != 1 || r.sent.count(supervisorID, "挂账复核") != 1 {
		t.Errorf("review reminders: %v", r.sent.sent)
	}
	// Resumed: the parking ends, the deadline moves by the time parked.
	err = r.c.Unpark(r.ctx, staff(33, authz.RoleGridWorker, communityScope(r.communities["尧化社区"].Code)), o.Number, "")
	wantCode(t, "a worker of another community resumes", err, apperr.CodeNotFound)
	if err := r.c.Unpark(r.ctx, r.handler(), o.Number, "改造提前启动"); err != nil {
		t.Fatal(err)
	}
	_, after := r.clocks(t, o)
	parked := cst(2026, 4, 1, 9, 0).Sub(testNow.Add(time.Hour))
	if after.State != ClockRunning || !after.DueAt.Equal(res.DueAt.Add(parked)) {
		t.Errorf("resumed: %s, due %v, want %v", after.State, after.DueAt, res.DueAt.Add(parked))
	}
	v, err := r.c.Time(r.ctx, r.handler(), o.Number)
	if err != nil || len(v.Parkings) != 2 || v.Parkings[1].State != TimeEnded || v.Parkings[1].EndedAt == nil {
		t.Errorf("time view: %+v %v", v.Parkings, err)
	}
	if wait, err := r.c.RemindReview(r.ctx, review); err != nil || wait != 0 {
		t.Errorf("review after resuming: %v %v", wait, err)
	}
}

func TestPendingRequestsEndWithTheOrder(t *testing.T) {
	r := newClockRig(t)
	o := r.acceptedOrder(t)
	x, err := r.c.RequestExtension(r.ctx, r.handler(), o.Number, ExtensionInput{Reason: "等待配件", NewDue: "2026-03-06"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.c.RequestParking(r.ctx, r.handler(), o.Number, ParkingInput{Reason: "待改造", ReviewOn: "2026-05-01"})
	if err != nil {
		t.Fatal(err)
	}
	pending, err := r.c.PendingRequests(r.ctx, r.leader())
	if err != nil || len(pending.Extensions) != 1 || len(pending.Parkings) != 1 {
		t.Fatalf("pending: %+v %v", pending, err)
	}
	if other, err := r.c.PendingRequests(r.ctx, staff(42, authz.RoleLeader, streetScope(r.streets["尧化街道"]))); err != nil ||
		len(other.Extensions)+len(other.Parkings) != 0 {
		t.Errorf("another street's leader sees %+v, %v", other, err)
	}
	_, err = r.c.PendingRequests(r.ctx, r.handler())
	wantCode(t, "a handler lists requests", err, apperr.CodeForbidden)
	r.change(t, &o, r.handler(), Change{Kind: EventResolved, Outcome: OutcomeFixed})
	if x, _ = extensionTable.byID(r.ctx, r.d, x.ID, ""); x.State != TimeRefused || !strings.Contains(x.DecisionNote, "已办结") {
		t.Errorf("extension after resolution: %+v", x)
	}
	if p, _ = parkingTable.byID(r.ctx, r.d, p.ID, ""); p.State != TimeWithdrawn {
		t.Errorf("parking after resolution: %+v", p)
	}
	_, err = r.c.DecideExtension(r.ctx, r.leader(), x.ID, TimeDecision{Approve: true})
	wantCode(t, "deciding a lapsed request", err, apperr.CodeConflict)
	_, err = r.c.RequestExtension(r.ctx, r.handler(), o.Number, ExtensionInput{Reason: "x", NewDue: "2026-03-06"})
	wantCode(t, "asking on a resolved order", err, apperr.CodeConflict)
}

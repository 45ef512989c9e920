package workorder

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// resolved files a parking request as resident id and resolves it fixed
// by the community's grid worker (returned).
func (h *handleRig) resolved(t *testing.T, id int64) (Order, *authz.Actor) {
	t.Helper()
	o := h.file(t, id, h.parkingRequest("仙鹤社区"))
	h.assign(t, o.Number, h.community("仙鹤社区"))
	worker := staff(21, authz.RoleGridWorker, communityScope(h.communities["仙鹤社区"].Code))
	if _, err := h.s.Close(h.ctx, worker, o.Number, CloseInput{Outcome: OutcomeFixed, Note: "已清理外来车辆"}); err != nil {
		t.Fatal(err)
	}
	return h.order(t, o.Number), worker
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestFollowUpByTheRequester(t *testing.T) {
	h := newHandleRig(t)
	o, _ := h.resolved(t, 7)
	if n := h.noticesOf(7); len(n) == 0 || !strings.Contains(n[len(n)-1], "已办结：已解决") || !strings.Contains(n[len(n)-1], "7天内") {
		t.Errorf("resolution notice: %q", n)
	}
	v, err := h.s.Get(h.ctx, resident(7), o.Number)
	if err != nil || !v.Handling.Can.FollowUp || !v.Handling.Can.Reopen || v.PublicState != "已办结" {
		t.Fatalf("requester's view: %v %+v", err, v.Handling)
	}
	for _, c := range []struct {
		name   string
		in     FollowUpInput
		field  string
		reason Reason
	}{
		{"without fixed", FollowUpInput{Satisfaction: Satisfied}, "fixed", ReasonRequired},
		{"without satisfaction", FollowUpInput{Fixed: yes()}, "satisfaction", ReasonRequired},
		{"satisfaction 6", FollowUpInput{Fixed: yes(), Satisfaction: 6}, "satisfaction", ReasonRequired},
		{"long comment", FollowUpInput{Fixed: yes(), Satisfaction: Satisfied, Comment: strings.Repeat("好", 501)}, "comment", ReasonTooLong},
	} {
		_, err := h.s.FollowUp(h.ctx, resident(7), o.Number, c.in)
		wantReason(t, c.name, err, c.field, c.reason)
	}
	_, err = h.s.FollowUp(h.ctx, resident(8), o.Number, FollowUpInput{Fixed: yes(), Satisfaction: VerySatisfied})
	wantCode(t, "another resident", err, apperr.CodeNotFound)
	v, err = h.s.FollowUp(h.ctx, resident(7), o.Number, FollowUpInput{Fixed: no(), Satisfaction: Dissatisfied, Comment: "又有车停了"})
	if err != nil || v.State != StateClosed || v.Outcome != OutcomeFixed || v.Handling.Can.FollowUp {
		t.Fatalf("answer: %v %s %s %+v", err, v.State, v.Outcome, v.Handling)
	}
	if len(v.Handling.FollowUps) != 1 || v.Handling.FollowUps[0].Satisfaction != Dissatisfied || v.Handling.FollowUps[0].Fixed {
		t.Errorf("follow-ups %+v", v.Handling.FollowUps)
	}
	_, err = h.s.FollowUp(h.ctx, resident(7), o.Number, FollowUpInput{Fixed: yes(), Satisfaction: VerySatisfied})
	wantCode(t, "answering twice", err, apperr.CodeConflict)
	var sat, fixed int
	if err := h.d.QueryRow(h.ctx, `SELECT satisfaction, COUNT(*) FROM workorder_followups WHERE order_id = ? AND channel = ?
		GROUP BY satisfaction`, o.ID, FollowOnline).Scan(&sat, &fixed); err != nil || sat != 2 || fixed != 1 {
		t.Errorf("stored follow-up: %d %d %v", sat, fixed, err)
	}
}

func TestReopenWindow(t *testing.T) {
	h := newHandleRig(t)
	o, worker := h.resolved(t, 7)
	_, err := h.s.Reopen(h.ctx, resident(7), o.Number, "")
	wantReason(t, "without a reason", err, "reason", ReasonRequired)
	_, err = h.s.Reopen(h.ctx, resident(8), o.Number, "还是有车")
	wantCode(t, "another resident", err, apperr.CodeNotFound)
	_, err = h.s.Reopen(h.ctx, worker, o.Number, "还是有车")
	wantCode(t, "the handler", err, apperr.CodeForbidden)
	// Six days on the requester reopens; the unit takes it up again.
	h.clock.Advance(6 * 24 * time.Hour)
	v, err := h.s.Reopen(h.ctx, resident(7), o.Number, "外来车辆又停进来了")
	if err != nil || v.State != StateHandling || v.Outcome != "" {
		t.Fatalf("reopen: %v %s %s", err, v.State, v.Outcome)
	}
	if _, err := h.s.AddNote(h.ctx, worker, o.Number, NoteInput{Text: "再次处理"}); err != nil {
		t.Errorf("the unit after reopening: %v", err)
	}
	// Resolved again; the window counts from this resolution, and ends.
	if _, err := h.s.Close(h.ctx, worker, o.Number, CloseInput{Outcome: OutcomeFixed, Note: "已加装道闸"}); err != nil {
		t.Fatal(err)
	}
	h.clock.Advance(7*24*time.Hour + time.Minute)
	_, err = h.s.Reopen(h.ctx, resident(7), o.Number, "又坏了")
	wantCode(t, "reopen after the window", err, apperr.CodeConflict)
	if err == nil || !strings.Contains(err.Error(), "7天") {
		t.Errorf("refusal: %v", err)
	}
	_, err = h.s.FollowUp(h.ctx, resident(7), o.Number, FollowUpInput{Fixed: yes(), Satisfaction: Satisfied})
	wantCode(t, "follow-up after the window", err, apperr.CodeConflict)
	if v, _ := h.s.Get(h.ctx, resident(7), o.Number); v.Handling.Can.Reopen || v.Handling.Can.FollowUp {
		t.Errorf("offered after the window: %+v", v.Handling.Can)
	}
	// The job closes it, once.
	if n, err := h.s.ExpireFollowUps(h.ctx); err != nil || n != 1 {
		t.Fatalf("expire: %d %v", n, err)
	}
	if n, err := h.s.ExpireFollowUps(h.ctx); err != nil || n != 0 {
		t.Errorf("expire again: %d %v", n, err)
	}
	if got := h.order(t, o.Number); got.State != StateClosed || got.Outcome != OutcomeFixed {
		t.Errorf("expired: %s %s", got.State, got.Outcome)
	}
	// A configurable window: 30 days lets the requester in again.
	h.s.Handling.ReopenWindow = 30 * 24 * time.Hour
	if _, err := h.s.Reopen(h.ctx, resident(7), o.Number, "又坏了"); err != nil {
		t.Errorf("reopen within a 30-day window: %v", err)
	}
	// Orders closed otherwise are not reopened.
	c := h.file(t, 7, h.parkingRequest("仙鹤社区"))
	if _, err := h.s.Cancel(h.ctx, resident(7), c.Number, "不需要了"); err != nil {
		t.Fatal(err)
	}
	_, err = h.s.Reopen(h.ctx, resident(7), c.Number, "还是需要")
	wantCode(t, "reopen a cancelled order", err, apperr.CodeConflict)
}

func TestStaffFollowUp(t *testing.T) {
	h := newHandleRig(t)
	xh := h.communities["仙鹤社区"].Code
	desk := staff(20, authz.RoleFrontDesk, authz.District(district))
	in := h.parkingRequest("仙鹤社区")
	in.Channel, in.Requester = ChannelHotline, RequesterInput{Name: "李四", Phone: "13900001111"}
	f, err := h.s.File(h.ctx, desk, in)
	if err != nil {
		t.Fatal(err)
	}
	h.assign(t, f.Order.Number, h.community("仙鹤社区"))
	worker := staff(21, authz.RoleGridWorker, communityScope(xh))
	if _, err := h.s.Close(h.ctx, worker, f.Order.Number, CloseInput{Outcome: OutcomeNotFixed, Note: "车主联系不上"}); err != nil {
		t.Fatal(err)
	}
	caller := staff(25, authz.RoleGridWorker, communityScope(xh))
	good := FollowUpInput{Fixed: no(), Satisfaction: Fair, Channel: FollowPhone, Comment: "希望继续跟进"}
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		in    FollowUpInput
		code  apperr.Code
	}{
		{"without a channel", caller, FollowUpInput{Fixed: no(), Satisfaction: Fair}, apperr.CodeInvalid},
		{"grid worker of another community", staff(27, authz.RoleGridWorker, communityScope(h.communities["尧化社区"].Code)), good, apperr.CodeNotFound},
		{"property staff", staff(22, authz.RoleProperty, communityScope(xh)), good, apperr.CodeForbidden},
		{"leader", staff(23, authz.RoleLeader, authz.District(district)), good, apperr.CodeForbidden},
		{"a resident who did not file it", resident(7), good, apperr.CodeNotFound},
		{"grid worker of the community", caller, good, ""},
	} {
		_, err := h.s.FollowUp(h.ctx, c.actor, f.Order.Number, c.in)
		wantCode(t, c.name, err, c.code)
	}
	v, err := h.s.Get(h.ctx, caller, f.Order.Number)
	if err != nil || v.State != StateClosed || len(v.Handling.FollowUps) != 1 || v.Handling.FollowUps[0].Channel != FollowPhone ||
		v.Handling.FollowUps[0].Comment != "希望继续跟进" {
		t.Fatalf("recorded: %v %s %+v", err, v.State, v.Handling)
	}
	// The caller asked on the phone to reopen: staff record it.
	if v, err := h.s.Reopen(h.ctx, caller, f.Order.Number, "电话回访中诉求人要求继续办理"); err != nil || v.State != StateHandling {
		t.Errorf("reopen for the caller: %v %s", err, v.State)
	}
}

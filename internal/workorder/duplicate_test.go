package workorder

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// at is a parking request of 仙鹤社区 at a position.
func (h *handleRig) at(lat, lng float64) FileInput {
	in := h.parkingRequest("仙鹤社区")
	in.Lat, in.Lng = ptr(lat), ptr(lng)
	return in
}

func numbers(l []Summary) string {
	var out []string
	for _, s := range l {
		out = append(out, s.Number)
	}
	return strings.Join(out, ",")
}

func TestDuplicateSuggestions(t *testing.T) {
	h := newHandleRig(t)
	desk := staff(20, authz.RoleFrontDesk, streetScope(h.streets["仙林街道"]))
	a := h.file(t, 7, h.at(32.1000, 118.9200))
	h.clock.Advance(time.Hour)
	near := h.file(t, 8, h.at(32.1009, 118.9200)) // about 100 m north
	far := h.file(t, 9, h.at(32.1045, 118.9200))  // about 500 m
	other := h.at(32.1000, 118.9200)
	other.Category, other.Fields = "WY-07", map[string]any{"fee": "parking_fee"}
	otherKind := h.file(t, 10, other)
	h.clock.Advance(72 * time.Hour)
	late := h.file(t, 11, h.at(32.1000, 118.9200)) // same place, three days on
	got, err := h.s.Duplicates(h.ctx, desk, a.Number)
	if err != nil || numbers(got) != near.Number {
		t.Fatalf("duplicates of %s: %s %v (far %s, other %s, late %s)", a.Number, numbers(got), err, far.Number,
			otherKind.Number, late.Number)
	}
	if got, _ := h.s.Duplicates(h.ctx, desk, near.Number); numbers(got) != a.Number {
		t.Errorf("duplicates of the near one: %s", numbers(got))
	}
	// The district sets its own distance and time.
	h.s.Handling.DuplicateRadiusM = 600
	h.s.Handling.DuplicateWindow = 96 * time.Hour
	if got, _ := h.s.Duplicates(h.ctx, desk, a.Number); numbers(got) != near.Number+","+far.Number+","+late.Number {
		t.Errorf("with 600 m and 96 h: %s", numbers(got))
	}
	// Shown on the staff page; not to handlers, nor across streets.
	v, err := h.s.Get(h.ctx, desk, a.Number)
	if err != nil || !v.Handling.Can.Merge || len(v.Handling.Duplicates) != 3 {
		t.Errorf("staff page: %v %+v", err, v.Handling)
	}
	_, err = h.s.Duplicates(h.ctx, staff(22, authz.RoleProperty, communityScope(a.Place.Community)), a.Number)
	wantCode(t, "property staff", err, apperr.CodeForbidden)
	_, err = h.s.Duplicates(h.ctx, staff(28, authz.RoleFrontDesk, streetScope(h.streets["尧化街道"])), a.Number)
	wantCode(t, "another street's desk", err, apperr.CodeNotFound)
	// Orders with only an address match on the community and address.
	byAddr := h.parkingRequest("仙鹤社区")
	b1, b2 := h.file(t, 7, byAddr), h.file(t, 8, byAddr)
	if got, _ := h.s.Duplicates(h.ctx, desk, b1.Number); !strings.Contains(numbers(got), b2.Number) {
		t.Errorf("by address: %s", numbers(got))
	}
}

func TestMerge(t *testing.T) {
	h := newHandleRig(t)
	desk := staff(20, authz.RoleFrontDesk, streetScope(h.streets["仙林街道"]))
	surv := h.file(t, 7, h.at(32.1000, 118.9200))
	dup := h.file(t, 8, h.at(32.1005, 118.9201))
	dup2 := h.file(t, 9, h.at(32.1003, 118.9202))
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		in    MergeInput
		code  apperr.Code
		into  Reason
	}{
		{"no survivor", desk, MergeInput{}, apperr.CodeInvalid, ReasonRequired},
		{"into itself", desk, MergeInput{Into: dup.Number}, apperr.CodeInvalid, ReasonInvalid},
		{"unknown survivor", desk, MergeInput{Into: "GD20990101000001"}, apperr.CodeInvalid, ReasonInvalid},
		{"another street's desk", staff(28, authz.RoleFrontDesk, streetScope(h.streets["尧化街道"])), MergeInput{Into: surv.Number}, apperr.CodeNotFound, ""},
		{"property staff", staff(22, authz.RoleProperty, communityScope(dup.Place.Community)), MergeInput{Into: surv.Number}, apperr.CodeForbidden, ""},
		{"the requester", resident(8), MergeInput{Into: surv.Number}, apperr.CodeForbidden, ""},
	} {
		_, err := h.s.Merge(h.ctx, c.actor, dup.Number, c.in)
		wantCode(t, c.name, err, c.code)
		if c.into != "" {
			wantReason(t, c.name, err, "into", c.into)
		}
	}
	v, err := h.s.Merge(h.ctx, desk, dup.Number, MergeInput{Into: surv.Number, Note: "同一停车问题"})
	if err != nil || v.State != StateClosed || v.Outcome != OutcomeDuplicate || v.Handling.MergedInto != surv.Number {
		t.Fatalf("merge: %v %s %s %+v", err, v.State, v.Outcome, v.Handling)
	}
	if n := h.noticesOf(8); len(n) != 1 || !strings.Contains(n[0], "已合并办理") || !strings.Contains(n[0], surv.Number) {
		t.Errorf("merged requester's notice: %q", n)
	}
	_, err = h.s.Merge(h.ctx, desk, dup2.Number, MergeInput{Into: dup.Number})
	wantCode(t, "into a merged order", err, apperr.CodeConflict)
	if _, err := h.s.Merge(h.ctx, desk, dup2.Number, MergeInput{Into: surv.Number}); err != nil {
		t.Fatal(err)
	}
	// Every requester follows the survivor: its progress on their own
	// page (nothing of the other person's request), its notices.
	h.assign(t, surv.Number, h.community("仙鹤社区"))
	worker := staff(21, authz.RoleGridWorker, communityScope(surv.Place.Community))
	if _, err := h.s.Close(h.ctx, worker, surv.Number, CloseInput{Outcome: OutcomeFixed, Note: "已施划禁停线"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{7, 8, 9} {
		n := h.noticesOf(id)
		if len(n) == 0 || !strings.Contains(n[len(n)-1], "已办结：已解决") || !strings.Contains(n[len(n)-1], surv.Number) {
			t.Errorf("requester %d's notices: %q", id, n)
		}
	}
	mine, err := h.s.Get(h.ctx, resident(8), dup.Number)
	if err != nil || mine.Handling.Survivor == nil || mine.Handling.Survivor.PublicState != "已办结" ||
		mine.Handling.Survivor.OutcomeName != "已解决" || !mine.Handling.Can.FollowUp || !mine.Handling.Can.Reopen {
		t.Fatalf("follower's page: %v %+v", err, mine.Handling)
	}
	if _, err := h.s.Get(h.ctx, resident(8), surv.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("a follower reads the survivor itself: %v", err)
	}
	// Each requester answers once, for the survivor; the first closes it.
	if _, err := h.s.FollowUp(h.ctx, resident(8), dup.Number, FollowUpInput{Fixed: yes(), Satisfaction: Satisfied}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.s.FollowUp(h.ctx, resident(7), surv.Number, FollowUpInput{Fixed: yes(), Satisfaction: VerySatisfied}); err != nil {
		t.Fatal(err)
	}
	_, err = h.s.FollowUp(h.ctx, resident(8), dup.Number, FollowUpInput{Fixed: yes(), Satisfaction: Satisfied})
	wantCode(t, "a follower answering twice", err, apperr.CodeConflict)
	if n := h.count(t, `SELECT COUNT(*) FROM workorder_followups WHERE order_id = ?`, surv.ID); n != 2 {
		t.Errorf("%d answers for the survivor", n)
	}
	if o := h.order(t, surv.Number); o.State != StateClosed {
		t.Errorf("survivor %s", o.State)
	}
	// A follower may reopen the survivor through their own order.
	v, err = h.s.Reopen(h.ctx, resident(9), dup2.Number, "又有车停在消防通道")
	if err != nil || v.Number != dup2.Number || v.Handling.Survivor.PublicState != "处理中" {
		t.Fatalf("follower reopens: %v %+v", err, v.Handling)
	}
	if o := h.order(t, surv.Number); o.State != StateHandling {
		t.Errorf("survivor after a follower's reopening: %s", o.State)
	}
	// Merged again later, its followers move along.
	last := h.file(t, 10, h.at(32.1001, 118.9200))
	if _, err := h.s.Merge(h.ctx, desk, surv.Number, MergeInput{Into: last.Number}); err != nil {
		t.Fatal(err)
	}
	if n := h.count(t, `SELECT COUNT(*) FROM workorder_followers WHERE order_id = ?`, last.ID); n != 3 {
		t.Errorf("%d followers after the second merge", n)
	}
	if mine, _ := h.s.Get(h.ctx, resident(8), dup.Number); mine.Handling.MergedInto != last.Number {
		t.Errorf("follower follows %s", mine.Handling.MergedInto)
	}
}

package workorder

import (
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestCoUnitSignsRecordsAndFinishes follows a 主办/协办 order: 电梯管理 in
// 仙鹤社区 goes to the estate's property company with the community's
// social workers assisting. The co-unit signs its part, records notes
// (not replies: the lead answers the requester), and finishes with its
// opinion; others may not act for it.
func TestCoUnitSignsRecordsAndFinishes(t *testing.T) {
	r := newDispatchRig(t, true)
	xh := r.communities["仙鹤社区"].Code
	o := r.file(t, "WY-02", "仙鹤社区")
	property := staff(61, authz.RoleProperty, communityScope(xh))
	worker := staff(62, authz.RoleGridWorker, communityScope(xh))
	outsider := staff(63, authz.RoleGridWorker, communityScope(r.communities["尧化社区"].Code))

	q, err := r.s.Queue(r.ctx, worker)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(q.Assigned, func(it QueueItem) bool { return it.Number == o.Number })
	if i < 0 || q.Assigned[i].Role != RoleAssist || !q.Assigned[i].MayAccept || q.Assigned[i].MayReturn {
		t.Fatalf("the co-unit's queue: %+v", q.Assigned)
	}
	if _, err := r.s.AcceptAssist(r.ctx, property, o.Number); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("the lead signs as a co-unit: %v", err)
	}
	if _, err := r.s.AcceptAssist(r.ctx, outsider, o.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another community signs: %v", err)
	}
	if _, err := r.s.AddNote(r.ctx, worker, o.Number, NoteInput{Text: "已到现场"}); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("a note before signing: %v", err)
	}
	if _, err := r.s.AcceptAssist(r.ctx, worker, o.Number); err != nil {
		t.Fatal(err)
	}
	if _, err := r.s.AcceptAssist(r.ctx, worker, o.Number); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("signing twice: %v", err)
	}
	if o2 := r.order(t, o.Number); o2.State != StateAssigned {
		t.Errorf("the co-unit's signature moved the order to %s", o2.State)
	}
	if _, err := r.s.AddNote(r.ctx, worker, o.Number, NoteInput{Text: "已联系电梯维保单位"}); err != nil {
		t.Errorf("the co-unit's note: %v", err)
	}
	if _, err := r.s.AddNote(r.ctx, worker, o.Number, NoteInput{Text: "电梯已修好", Reply: true}); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("the co-unit replies to the requester: %v", err)
	}
	if _, err := r.s.FinishAssist(r.ctx, worker, o.Number, ""); !isInvalid(err, "opinion") {
		t.Errorf("finishing without an opinion: %v", err)
	}
	if _, err := r.s.FinishAssist(r.ctx, worker, o.Number, "已督促维保单位当日修复"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.s.AddNote(r.ctx, worker, o.Number, NoteInput{Text: "补充"}); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("a note after the co-unit finished: %v", err)
	}
	v, err := r.s.Get(r.ctx, property, o.Number)
	if err != nil || len(v.Hops) != 2 || v.Hops[0].Role != RoleLead || v.Hops[1].Role != RoleAssist ||
		v.Hops[1].State != AssignDone {
		t.Errorf("the lead reads the hops %+v (%v)", v.Hops, err)
	}
	if v, err := r.s.Get(r.ctx, resident(7), o.Number); err != nil || v.Hops != nil {
		t.Errorf("the requester reads hops %+v (%v)", v.Hops, err)
	}
	kinds := r.kinds(t, o)
	for _, want := range []EventKind{EventAssistAccepted, EventNote, EventAssistDone} {
		if !slices.Contains(kinds, want) {
			t.Errorf("events %v lack %s", kinds, want)
		}
	}
}

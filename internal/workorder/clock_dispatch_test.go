package workorder

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestDispatchTellsTheUnitsStaff checks that an order finds its handlers:
// the staff of the unit it is dispatched to are told at filing, again
// when a dispatcher re-assigns it to them, and the dispatcher who sends
// it is not told of their own step.
func TestDispatchTellsTheUnitsStaff(t *testing.T) {
	r := newClockRig(t)
	r.s.EnableDispatch()
	o := r.fileOrder(t, UrgencyNormal)
	lead, ok, err := r.s.AssignedUnit(r.ctx, o)
	if err != nil || !ok {
		t.Fatalf("the order was not dispatched: %v", err)
	}
	for _, id := range []int64{handlerID, deskID} {
		if n := r.sent.count(id, "【新派工单】工单"+o.Number); n != 1 {
			t.Errorf("account %d got %d dispatch notices for %s (%s), want 1", id, n, o.Number, lead.Unit.Ref())
		}
	}
	if n := r.sent.count(supervisorID, o.Number); n != 0 {
		t.Errorf("the supervisor got %d notices of a plain dispatch", n)
	}
	dispatcher := staff(deskID, authz.RoleFrontDesk, streetScope(r.streets["仙林街道"]))
	if _, err := r.s.Assign(r.ctx, dispatcher, o.Number, AssignInput{Unit: &Target{Kind: KindCommunity},
		Note: "属社区职责，改派社区办理"}); err != nil {
		t.Fatal(err)
	}
	if n := r.sent.count(handlerID, "【改派工单】工单"+o.Number); n != 1 {
		t.Errorf("the handler got %d re-assignment notices, want 1", n)
	}
	if n := r.sent.count(deskID, "【改派工单】"); n != 0 {
		t.Errorf("the dispatcher was told of their own re-assignment %d times", n)
	}
}

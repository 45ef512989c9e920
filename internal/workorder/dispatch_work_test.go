package workorder

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestConcurrentGrab: workers of the pool grab the same order at once;
// exactly one wins, the others are told it is gone, and one grabbed event
// is recorded (both engines: SQLite's single writer, PostgreSQL's row
// locks under the conditional UPDATE).
func TestConcurrentGrab(t *testing.T) {
	r := newDispatchRig(t, true)
	for round := range 3 {
		o := r.file(t, "WY-03", "仙鹤社区") // repairs: the property company's grab pool
		if o.State != StatePooled {
			t.Fatalf("state %s", o.State)
		}
		winner := grabAtOnce(t, r, o, 8, int64(100+10*round))
		got := r.order(t, o.Number)
		hops := r.hops(t, got)
		if got.State != StateHandling || len(hops) != 1 || hops[0].AccountID != winner || hops[0].State != AssignAccepted {
			t.Errorf("state %s hops %+v", got.State, hops)
		}
		if k := r.kinds(t, got); slices.Index(k, EventGrabbed) != len(k)-1 || countKind(k, EventGrabbed) != 1 {
			t.Errorf("events %v", k)
		}
	}
}

// grabAtOnce lets n property workers (accounts from first on) grab o at
// the same moment and returns the one winner; the others must be told it
// is gone.
func grabAtOnce(t *testing.T, r *rig, o Order, n int, first int64) int64 {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, errs[i] = r.s.Grab(r.ctx, staff(first+int64(i), authz.RoleProperty, communityScope(o.Place.Community)), o.Number)
		}()
	}
	close(start)
	wg.Wait()
	winner := int64(-1)
	for i, err := range errs {
		switch {
		case err == nil && winner >= 0:
			t.Fatalf("two winners: %d and %d", winner, first+int64(i))
		case err == nil:
			winner = first + int64(i)
		case apperr.CodeOf(err) != apperr.CodeConflict:
			t.Errorf("loser %d: %v", i, err)
		}
	}
	if winner < 0 {
		t.Fatal("nobody won")
	}
	return winner
}

func countKind(ks []EventKind, k EventKind) int {
	n := 0
	for _, x := range ks {
		if x == k {
			n++
		}
	}
	return n
}

// TestPool: pool orders are seen and taken only by available members of
// the pool near the order.
func TestPool(t *testing.T) {
	r := newDispatchRig(t, true)
	xh := r.communities["仙鹤社区"]
	o := r.file(t, "WY-03", "仙鹤社区")
	near := staff(101, authz.RoleProperty, communityScope(xh.Code))
	far := staff(102, authz.RoleProperty, communityScope(xh.Code))
	off := staff(103, authz.RoleProperty, communityScope(xh.Code))
	other := staff(104, authz.RoleProperty, communityScope(r.communities["尧化社区"].Code))
	grid := staff(105, authz.RoleGridWorker, communityScope(xh.Code))
	// 龙潭 is some 15 km from 仙林.
	if _, err := r.s.SetAvailability(r.ctx, far, AvailabilityInput{Available: true, Lat: ptr(32.17), Lng: ptr(119.05)}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.s.SetAvailability(r.ctx, off, AvailabilityInput{Available: false}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		sees  bool
		code  apperr.Code
	}{
		{"far away", far, false, apperr.CodeForbidden},
		{"not taking orders", off, false, apperr.CodeForbidden},
		{"property staff of another community", other, false, apperr.CodeNotFound},
		{"grid worker of the community (not the pool)", grid, false, apperr.CodeForbidden},
		{"near, at the post's centre", near, true, ""},
	} {
		q, err := r.s.Queue(r.ctx, c.actor)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if sees := slices.ContainsFunc(q.Pool, func(it QueueItem) bool { return it.Number == o.Number }); sees != c.sees {
			t.Errorf("%s sees the pool order: %v", c.name, sees)
		}
		_, err = r.s.Grab(r.ctx, c.actor, o.Number)
		if c.code == "" && err != nil || c.code != "" && apperr.CodeOf(err) != c.code {
			t.Errorf("%s grabs: %v, want %q", c.name, err, c.code)
		}
	}
	// Gone from the pool, in the winner's assigned list.
	q, err := r.s.Queue(r.ctx, near)
	if err != nil || len(q.Pool) != 0 || len(q.Assigned) != 1 || !q.Assigned[0].Mine || q.Assigned[0].MayAccept {
		t.Errorf("queue after grab %+v %v", q, err)
	}
	if _, err := r.s.SetAvailability(r.ctx, near, AvailabilityInput{Available: true, Lat: ptr(31.2), Lng: ptr(121.4)}); !isInvalid(err, "location") {
		t.Errorf("a position in Shanghai: %v", err)
	}
}

// TestAcceptReturnReview walks a direct order through signing, a return
// upheld, a second return and a re-assignment, every hop an event.
func TestAcceptReturnReview(t *testing.T) {
	r := newDispatchRig(t, true)
	xh, yh := r.communities["仙鹤社区"], r.communities["尧化社区"]
	o := r.file(t, "MS-05", "仙鹤社区") // default handler: the community
	worker := staff(21, authz.RoleGridWorker, communityScope(xh.Code))
	stranger := staff(27, authz.RoleGridWorker, communityScope(yh.Code))
	desk := streetDesk(40, xh.StreetCode)
	if _, err := r.s.Accept(r.ctx, stranger, o.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("a worker of another community signs: %v", err)
	}
	if _, err := r.s.Accept(r.ctx, resident(7), o.Number); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("a resident signs: %v", err)
	}
	v, err := r.s.Accept(r.ctx, worker, o.Number)
	if err != nil || v.State != StateHandling || !v.Hops[0].Mine {
		t.Fatalf("accept: %+v %v", v, err)
	}
	if _, err := r.s.Accept(r.ctx, worker, o.Number); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("signing twice: %v", err)
	}
	for _, bad := range []string{"", "   ", strings.Repeat("长", 501)} {
		if _, err := r.s.Return(r.ctx, worker, o.Number, bad); !isInvalid(err, "reason") {
			t.Errorf("return with reason %q: %v", bad[:min(len(bad), 5)], err)
		}
	}
	if _, err := r.s.Return(r.ctx, stranger, o.Number, "不是我们的"); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("a stranger returns: %v", err)
	}
	if _, err := r.s.Return(r.ctx, worker, o.Number, "政策咨询应由街道答复"); err != nil {
		t.Fatal(err)
	}
	q, err := r.s.Reviews(r.ctx, desk)
	if err != nil || len(q.Returned) != 1 || q.Returned[0].Reason != "政策咨询应由街道答复" || q.Returned[0].UnitName != "仙鹤社区" {
		t.Fatalf("review queue %+v %v", q, err)
	}
	if _, err := r.s.Uphold(r.ctx, desk, o.Number, ""); !isInvalid(err, "note") {
		t.Errorf("uphold without reason: %v", err)
	}
	if v, err = r.s.Uphold(r.ctx, desk, o.Number, "属于社区职责，请继续办理"); err != nil || v.State != StateAssigned {
		t.Fatalf("uphold: %+v %v", v, err)
	}
	if _, err := r.s.Uphold(r.ctx, desk, o.Number, "再次维持"); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("uphold without a return: %v", err)
	}
	if _, err := r.s.Return(r.ctx, worker, o.Number, "确非社区职责"); err != nil {
		t.Fatal(err)
	}
	same := Target{Kind: KindCommunity}
	if _, err := r.s.Assign(r.ctx, desk, o.Number, AssignInput{Unit: &same, Note: "改派"}); !isInvalid(err, "unit") {
		t.Errorf("re-assign to the same unit: %v", err)
	}
	if _, err := r.s.Assign(r.ctx, desk, o.Number, AssignInput{Unit: &Target{Kind: KindStreet}}); !isInvalid(err, "note") {
		t.Errorf("re-assign without a note: %v", err)
	}
	v, err = r.s.Assign(r.ctx, desk, o.Number, AssignInput{Unit: &Target{Kind: KindStreet}, Note: "改派街道答复"})
	if err != nil || v.State != StateAssigned {
		t.Fatalf("re-assign: %+v %v", v, err)
	}
	got := r.order(t, o.Number)
	want := []EventKind{EventFiled, EventDispatched, EventAccepted, EventReturned, EventReturnUpheld, EventReturned, EventReassigned}
	if k := r.kinds(t, got); !slices.Equal(k, want) {
		t.Errorf("events %v", k)
	}
	hops := r.hops(t, got)
	reviews := []string{}
	for _, h := range hops {
		reviews = append(reviews, string(h.State)+"/"+h.ReviewResult)
	}
	if !slices.Equal(reviews, []string{"returned/upheld", "returned/reassigned", "pending/"}) || hops[2].Unit.Kind != KindStreet {
		t.Errorf("hops %v", reviews)
	}
	p := payloadOf(t, r.lastEvent(t, got))
	if p.Previous == nil || *p.Previous != (Target{Kind: KindCommunity, Code: xh.Code}) || p.Source != sourceManual {
		t.Errorf("payload %+v", p)
	}
}

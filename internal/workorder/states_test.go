package workorder

import (
	"context"
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestMachineIsComplete(t *testing.T) {
	seen := map[EventKind]bool{}
	reach := map[State]bool{}
	for _, tr := range Machine {
		if seen[tr.Kind] {
			t.Errorf("%s appears twice", tr.Kind)
		}
		seen[tr.Kind] = true
		if tr.Kind.Name() == string(tr.Kind) {
			t.Errorf("%s has no Chinese name", tr.Kind)
		}
		if len(tr.From) == 0 {
			t.Errorf("%s is allowed nowhere", tr.Kind)
		}
		reach[tr.To] = true
	}
	for k := range eventNames {
		if !seen[k] {
			t.Errorf("event kind %s has no transition", k)
		}
	}
	for _, s := range States {
		if !reach[s] {
			t.Errorf("state %s cannot be reached", s)
		}
	}
	// Only closing and resolving events set outcomes, and every outcome
	// can be reached.
	got := map[Outcome]bool{}
	for _, tr := range Machine {
		for _, o := range tr.Outcomes {
			got[o] = true
		}
	}
	for _, o := range Outcomes {
		if !got[o] {
			t.Errorf("outcome %s cannot be set", o)
		}
	}
}

func TestNext(t *testing.T) {
	cases := []struct {
		from    State
		kind    EventKind
		outcome Outcome
		want    State
		code    apperr.Code
	}{
		{StateFiled, EventDispatched, "", StateAssigned, ""},
		{StateAssigned, EventAccepted, "", StateHandling, ""},
		{StatePooled, EventGrabbed, "", StateHandling, ""},
		{StateHandling, EventNote, "", StateHandling, ""},
		{StateHandling, EventResolved, OutcomeFixed, StateResolved, ""},
		{StateHandling, EventResolved, OutcomeNotFixed, StateResolved, ""},
		{StateResolved, EventReopened, "", StateHandling, ""},
		{StateFiled, EventMerged, OutcomeDuplicate, StateClosed, ""},
		{StateFiled, EventCancelled, OutcomeCancelled, StateClosed, ""},
		// Refusals: the wrong state, a missing or wrong outcome, an outcome
		// where none belongs, an unknown kind.
		{StateHandling, EventCancelled, OutcomeCancelled, "", apperr.CodeConflict},
		{StateClosed, EventNote, "", "", apperr.CodeConflict},
		{StateHandling, EventResolved, "", "", apperr.CodeInvalid},
		{StateHandling, EventResolved, OutcomeDuplicate, "", apperr.CodeInvalid},
		{StateHandling, EventNote, OutcomeFixed, "", apperr.CodeInvalid},
		{StateFiled, EventKind("teleported"), "", "", apperr.CodeInvalid},
	}
	for _, c := range cases {
		got, err := Next(c.from, c.kind, c.outcome)
		if c.code != "" {
			if apperr.CodeOf(err) != c.code {
				t.Errorf("%s %s %s: err %v, want %s", c.from, c.kind, c.outcome, err, c.code)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %s %s = %s %v, want %s", c.from, c.kind, c.outcome, got, err, c.want)
		}
	}
}

func TestRecordAndHistory(t *testing.T) {
	r := newRig(t)
	f, err := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区"))
	if err != nil {
		t.Fatal(err)
	}
	var seen []EventKind
	r.s.OnEvent(func(_ context.Context, _ *db.Tx, o Order, e Event) error {
		seen = append(seen, e.Kind)
		return nil
	})
	sys := authz.System(district)
	o := f.Order
	stale := o
	steps := []Change{{Kind: EventDispatched, Unit: o.Place.Community}, {Kind: EventAccepted, Unit: o.Place.Community},
		{Kind: EventNote, Note: "已联系物业"}, {Kind: EventResolved, Outcome: OutcomeFixed}}
	for _, ch := range steps {
		if err := r.d.InTx(r.ctx, func(tx *db.Tx) error { _, err := r.s.record(r.ctx, tx, sys, &o, ch); return err }); err != nil {
			t.Fatalf("%s: %v", ch.Kind, err)
		}
	}
	if o.State != StateResolved || o.Outcome != OutcomeFixed || o.Version != 5 {
		t.Errorf("after the steps: %s %s v%d", o.State, o.Outcome, o.Version)
	}
	if !slices.Equal(seen, []EventKind{EventDispatched, EventAccepted, EventNote, EventResolved}) {
		t.Errorf("hooks saw %v", seen)
	}
	// A change based on a stale read loses.
	err = r.d.InTx(r.ctx, func(tx *db.Tx) error {
		_, err := r.s.record(r.ctx, tx, sys, &stale, Change{Kind: EventDispatched})
		return err
	})
	if apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("stale change: %v", err)
	}
	// The requester sees the public events only; staff see all.
	mine, _ := r.s.Get(r.ctx, resident(7), o.Number)
	if len(mine.Timeline) != 4 || mine.Timeline[3].Title != "办结：已解决" || mine.PublicState != "已办结" {
		t.Errorf("requester's timeline %+v", mine.Timeline)
	}
	desk := staff(20, authz.RoleFrontDesk, authz.District(district))
	all, _ := r.s.Get(r.ctx, desk, o.Number)
	if len(all.Timeline) != 5 {
		t.Errorf("staff timeline has %d lines", len(all.Timeline))
	}
	// History is append-only in the database itself.
	for _, q := range []string{`UPDATE workorder_events SET note = 'x'`, `DELETE FROM workorder_events`} {
		if _, err := r.d.Write.ExecContext(r.ctx, q); err == nil {
			t.Errorf("%s was allowed", q)
		}
	}
}

func TestCancel(t *testing.T) {
	r := newRig(t)
	f, err := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.s.Cancel(r.ctx, resident(8), f.Order.Number, ""); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another resident cancels: %v", err)
	}
	desk := staff(20, authz.RoleFrontDesk, authz.District(district))
	if _, err := r.s.Cancel(r.ctx, desk, f.Order.Number, ""); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("staff cancels: %v", err)
	}
	v, err := r.s.Cancel(r.ctx, resident(7), f.Order.Number, "已自行解决")
	if err != nil || v.State != StateClosed || v.Outcome != OutcomeCancelled || v.Cancellable {
		t.Fatalf("cancel: %+v %v", v, err)
	}
	if _, err := r.s.Cancel(r.ctx, resident(7), f.Order.Number, ""); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("cancel twice: %v", err)
	}
}

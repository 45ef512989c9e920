package delivery_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestPermissions gives every action a "may" and a "may not" case.
func TestPermissions(t *testing.T) {
	f := newFixture(t)
	mine := f.decide(t, 1, alice, aliceID)
	ent := f.decide(t, 2, enterprise, bobID)
	waiting := f.decide(t, 3, alice, aliceID)
	c := f.pickup(t, alice, waiting, pointA)
	own := func(a *authz.Actor, d delivery.Delivery) func() error {
		return func() error {
			_, err := f.s.ChoosePickup(f.ctx, a, d.ID, delivery.PickupInput{Point: pointA, Revision: d.Revision})
			return err
		}
	}
	desk := func(a *authz.Actor) func() error {
		return func() error { _, err := f.s.ForDesk(f.ctx, a, c.Delivery.ID); return err }
	}
	list := func(a *authz.Actor) func() error {
		return func() error { _, err := f.s.Waiting(f.ctx, a, ""); return err }
	}
	oversee := func(a *authz.Actor) func() error {
		return func() error { _, err := f.s.Overview(f.ctx, a); return err }
	}
	cases := []struct {
		action, who string
		do          func() error
		may         bool
	}{
		{"delivery.own", "the applicant", own(alice, mine), true},
		{"delivery.own", "an enterprise user, their own", own(enterprise, ent), true},
		{"delivery.own", "another resident", own(bob, mine), false},
		{"delivery.own", "the front desk", own(frontA, mine), false},
		{"delivery.own", "an administrator", own(admin, mine), false},
		{"delivery.own", "nobody", own(nil, mine), false},
		{"delivery.handover", "the front desk of the chosen point", desk(frontA), true},
		{"delivery.handover", "the front desk of the point lists", list(frontA), true},
		{"delivery.handover", "the front desk of another point", desk(frontB), false},
		{"delivery.handover", "a street's front desk without a point", desk(frontSt), false},
		{"delivery.handover", "an approver", list(approver), false},
		{"delivery.handover", "a leader", desk(leader), false},
		{"delivery.handover", "the applicant", list(alice), false},
		{"delivery.oversee", "a leader", oversee(leader), true},
		{"delivery.oversee", "an administrator", oversee(admin), true},
		{"delivery.oversee", "the front desk", oversee(frontA), false},
		{"delivery.oversee", "an approver", oversee(approver), false},
		{"delivery.oversee", "a resident", oversee(alice), false},
		{"delivery.oversee", "nobody", oversee(nil), false},
	}
	for _, c := range cases {
		err := c.do()
		if c.may && err != nil {
			t.Errorf("%s by %s: %v", c.action, c.who, err)
		}
		if !c.may && err == nil {
			t.Errorf("%s by %s: allowed", c.action, c.who)
		}
	}
	other := staff(30, authz.RoleLeader, authz.District("320114"))
	other.District = "320114"
	if o, err := f.s.Overview(f.ctx, other); err != nil || o.Total != 0 {
		t.Errorf("another district's leader sees %+v, %v", o, err)
	}
}

// TestOverview counts by state and by point.
func TestOverview(t *testing.T) {
	f := newFixture(t)
	f.decide(t, 1, alice, aliceID)
	a := f.decide(t, 2, alice, aliceID)
	b := f.decide(t, 3, bob, bobID)
	ca := f.pickup(t, alice, a, pointA)
	f.pickup(t, bob, b, pointA)
	if _, err := f.s.Handover(f.ctx, frontA, a.ID, delivery.HandoverInput{Code: ca.PickupCode, IDNumber: aliceID}); err != nil {
		t.Fatal(err)
	}
	o, err := f.s.Overview(f.ctx, leader)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[delivery.State]int{}
	for _, s := range o.States {
		counts[s.State] = s.Count
	}
	if o.Total != 3 || counts[delivery.StateAwaiting] != 1 || counts[delivery.StatePickup] != 1 ||
		counts[delivery.StateHandedOver] != 1 || len(o.States) != len(delivery.States) {
		t.Fatalf("states = %+v", o)
	}
	if len(o.Points) != 1 || o.Points[0].Point != pointA || o.Points[0].Waiting != 1 || o.Points[0].HandedOver != 1 ||
		o.Points[0].Name == pointA {
		t.Fatalf("points = %+v", o.Points)
	}
}

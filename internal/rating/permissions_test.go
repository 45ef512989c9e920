package rating_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestPermissions gives every action a "may" and a "may not" case.
func TestPermissions(t *testing.T) {
	f := newFixture(t)
	for id := int64(1); id <= 4; id++ {
		f.decide(t, id, alice, deptA)
	}
	enterprise := &authz.Actor{AccountID: alice.AccountID, Kind: authz.KindEnterprise, District: district,
		Grants: []authz.Grant{{Role: authz.RoleEnterprise, Scope: authz.Self(alice.AccountID)}}}
	x := f.badCase(t, 5)
	rate := func(a *authz.Actor, id int64) error {
		_, err := f.s.Rate(f.ctx, a, rating.CaseApplication, id, rating.Input{Level: rating.Satisfied})
		return err
	}
	view := func(a *authz.Actor) error { _, err := f.s.GetRectification(f.ctx, a, x.ID); return err }
	call := func(a *authz.Actor) error {
		_, err := f.s.AddCallback(f.ctx, a, x.ID, rating.CallbackInput{Reached: true, Note: "回访"})
		return err
	}
	review := func(a *authz.Actor) error {
		_, err := f.s.Review(f.ctx, a, x.ID, rating.ReviewInput{Outcome: rating.Returned, Note: "退回"})
		return err
	}
	cases := []struct {
		action, who string
		do          func() error
		may         bool
	}{
		{"rating.rate", "the applicant", func() error { return rate(alice, 1) }, true},
		{"rating.rate", "the applicant as an enterprise user", func() error { return rate(enterprise, 2) }, true},
		{"rating.rate", "another resident", func() error { return rate(bob, 3) }, false},
		{"rating.rate", "staff", func() error { return rate(admin, 3) }, false},
		{"rating.rate", "nobody", func() error { return rate(nil, 3) }, false},
		{"rating.rectification.view", "approver of the department", func() error { return view(approverA) }, true},
		{"rating.rectification.view", "front desk of the point's street", func() error { return view(frontA) }, true},
		{"rating.rectification.view", "leader", func() error { return view(leader) }, true},
		{"rating.rectification.view", "approver of another department", func() error { return view(approverB) }, false},
		{"rating.rectification.view", "front desk of another street", func() error { return view(frontB) }, false},
		{"rating.rectification.view", "inspector", func() error { return view(inspector) }, false},
		{"rating.rectification.view", "the rater", func() error { return view(alice) }, false},
		{"rating.rectification.handle", "front desk of the point's street", func() error { return call(frontA) }, true},
		{"rating.rectification.handle", "approver of the department", func() error { return call(approverA) }, true},
		{"rating.rectification.handle", "admin", func() error { return call(admin) }, true},
		{"rating.rectification.handle", "approver of another department", func() error { return call(approverB) }, false},
		{"rating.rectification.handle", "front desk of another street", func() error { return call(frontB) }, false},
		{"rating.rectification.handle", "leader", func() error { return call(leader) }, false},
		{"rating.rectification.review", "approver of the department", func() error { return review(approverA) }, false},
		{"rating.rectification.review", "front desk", func() error { return review(frontA) }, false},
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
	if _, err := f.s.Submit(f.ctx, approverA, x.ID, rating.SubmitInput{Measures: "整改"}); err != nil {
		t.Fatal(err)
	}
	if err := review(leader); err != nil {
		t.Errorf("rating.rectification.review by leader: %v", err)
	}
}

// TestListScopes: unit staff list their units' cases only; leaders all.
func TestListScopes(t *testing.T) {
	f := newFixture(t)
	f.badCase(t, 1)
	f.decide(t, 2, bob, deptB)
	if _, err := f.s.Rate(f.ctx, bob, rating.CaseApplication, 2, rating.Input{Level: rating.Dissatisfied}); err != nil {
		t.Fatal(err)
	}
	count := func(a *authz.Actor) int {
		xs, err := f.s.ListRectifications(f.ctx, a, rating.Filter{State: rating.StateOpen})
		if err != nil {
			t.Fatal(err)
		}
		return len(xs)
	}
	for who, want := range map[*authz.Actor]int{leader: 2, admin: 2, approverA: 1, approverB: 1, frontA: 2, frontB: 0} {
		if got := count(who); got != want {
			t.Errorf("actor %d lists %d cases, want %d", who.AccountID, got, want)
		}
	}
	if _, err := f.s.ListRectifications(f.ctx, alice, rating.Filter{}); err == nil {
		t.Error("a resident listed rectification cases")
	}
}

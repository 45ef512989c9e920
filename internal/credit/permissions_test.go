package credit_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestPermissions gives every action a "may" and a "may not" case.
func TestPermissions(t *testing.T) {
	f := newFixture(t)
	own := personID(77)
	f.own[resident.AccountID] = []string{own}
	seq := 0
	load := func(a *authz.Actor, dept string) error {
		seq++
		in := rec(personID(100+seq), "perm-"+string(rune('a'+seq)), credit.General)
		in.Department = dept
		_, err := f.s.AddRecord(f.ctx, a, in)
		return err
	}
	target := f.record(t, rec(own, "perm-own", credit.General))
	view := func(a *authz.Actor) error { _, err := f.s.Lookup(f.ctx, a, own); return err }
	manage := func(a *authz.Actor) error {
		_, err := f.s.AddListEntry(f.ctx, a, credit.ListInput{SubjectCode: personID(300), List: credit.RedList,
			Department: deptA, Reason: "表彰", From: "2026-01-01"})
		return err
	}
	commit := func(a *authz.Actor) error {
		_, err := f.s.AddCommitment(f.ctx, a, credit.CommitmentInput{SubjectCode: personID(301), Text: "承诺"})
		return err
	}
	ownView := func(a *authz.Actor) error {
		ds, err := f.s.Own(f.ctx, a)
		if err == nil && (len(ds) != 1 || len(ds[0].Records) != 1 || ds[0].Records[0].ID != target.ID) {
			t.Errorf("own dossier: %+v", ds)
		}
		return err
	}
	cases := []struct {
		action string
		who    string
		do     func() error
		may    bool
	}{
		{"credit.record.load", "approver of the department", func() error { return load(approverA, deptA) }, true},
		{"credit.record.load", "admin", func() error { return load(admin, deptB) }, true},
		{"credit.record.load", "approver of another department", func() error { return load(approverA, deptB) }, false},
		{"credit.record.load", "front desk", func() error { return load(frontDesk, deptA) }, false},
		{"credit.subject.view", "front desk", func() error { return view(frontDesk) }, true},
		{"credit.subject.view", "approver", func() error { return view(approverA) }, true},
		{"credit.subject.view", "inspector", func() error { return view(inspector) }, true},
		{"credit.subject.view", "leader", func() error { return view(leader) }, true},
		{"credit.subject.view", "grid worker", func() error { return view(grid) }, false},
		{"credit.subject.view", "resident", func() error { return view(resident) }, false},
		{"credit.manage", "admin", func() error { return manage(admin) }, true},
		{"credit.manage", "approver", func() error { return manage(approverA) }, false},
		{"credit.manage", "repair by approver", func() error {
			_, err := f.s.Repair(f.ctx, approverA, target.ID, "2026-01-01", "x")
			return err
		}, false},
		{"credit.commitment.record", "front desk", func() error { return commit(frontDesk) }, true},
		{"credit.commitment.record", "grid worker", func() error { return commit(grid) }, false},
		{"credit.own.view", "resident", func() error { return ownView(resident) }, true},
		{"credit.own.view", "front desk", func() error { return ownView(frontDesk) }, false},
		{"credit.own.view", "nobody", func() error { return ownView(nil) }, false},
	}
	for _, c := range cases {
		err := c.do()
		switch {
		case c.may && err != nil:
			t.Errorf("%s by %s: %v", c.action, c.who, err)
		case !c.may && apperr.CodeOf(err) != apperr.CodeForbidden && apperr.CodeOf(err) != apperr.CodeUnauthorized:
			t.Errorf("%s by %s: error %v, want forbidden", c.action, c.who, err)
		}
	}
}

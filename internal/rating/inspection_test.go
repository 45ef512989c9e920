package rating_test

import (
	"context"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
	"github.com/shanzhi-gov/shanzhi/internal/supervision"
)

// streetA is the street whose enforcement team made the tests' visits.
const streetA = "320113001"

// Inspectors of streetA and of another street.
var (
	inspectorA = staff(20, authz.RoleInspector, authz.Scope{Kind: authz.ScopeStreet, Code: streetA})
	inspectorB = staff(21, authz.RoleInspector, authz.Scope{Kind: authz.ScopeStreet, Code: "320113002"})
)

// visit runs the hook as supervision does when task taskID is visited,
// in the visit's transaction.
func (f *fixture) visit(t testing.TB, taskID int64, applicant int64) {
	t.Helper()
	v := supervision.VisitDone{District: district, TaskID: taskID, TaskKind: supervision.KindCommitment,
		ApplicationID: 100 + taskID, ApplicationNo: "QX202603020099", ItemName: "食品经营许可", Street: streetA,
		ApplicantID: applicant, InspectorID: inspectorA.AccountID, Outcome: supervision.OutcomeCompliant,
		VisitedAt: start}
	if err := f.d.InTx(f.ctx, func(tx *db.Tx) error { return f.s.OpenInspectionRating(f.ctx, tx, v) }); err != nil {
		t.Fatalf("visit %d: %v", taskID, err)
	}
}

// TestVisitInvites: a recorded visit invites the applicant once, with the
// street's team answerable; a task with no known applicant invites nobody.
func TestVisitInvites(t *testing.T) {
	f := newFixture(t)
	f.visit(t, 7, alice.AccountID)
	f.visit(t, 7, alice.AccountID) // the hook run again changes nothing
	r, err := f.s.Get(f.ctx, alice, rating.CaseInspection, 7)
	if err != nil || r.Rated() || r.Department != streetA || r.Point != "" || r.CaseNo != "QX202603020099" {
		t.Fatalf("invitation = %+v, %v", r, err)
	}
	if len(f.notes.sent) != 1 || !strings.Contains(f.notes.sent[0].text, "QX202603020099的执法检查已完成") {
		t.Fatalf("notices = %+v", f.notes.sent)
	}
	f.visit(t, 8, 0)
	_, err = f.s.Get(f.ctx, alice, rating.CaseInspection, 8)
	wantCode(t, err, apperr.CodeNotFound)
}

// TestInspectionRatedOnce: the person served rates an inspection once; a
// second rating is refused and changes nothing; others cannot rate it.
func TestInspectionRatedOnce(t *testing.T) {
	f := newFixture(t)
	f.visit(t, 7, alice.AccountID)
	_, err := f.s.Rate(f.ctx, bob, rating.CaseInspection, 7, rating.Input{Level: rating.Fair})
	wantCode(t, err, apperr.CodeNotFound)
	if _, err := f.s.Rate(f.ctx, alice, rating.CaseInspection, 7, rating.Input{Level: rating.Satisfied}); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.Rate(f.ctx, alice, rating.CaseInspection, 7, rating.Input{Level: rating.VeryDissatisfied})
	wantCode(t, err, apperr.CodeConflict)
	r, err := f.s.Get(f.ctx, alice, rating.CaseInspection, 7)
	if err != nil || r.Level != rating.Satisfied {
		t.Fatalf("after the second rating: %+v, %v", r, err)
	}
	if xs, _ := f.s.ListRectifications(f.ctx, admin, rating.Filter{}); len(xs) != 0 {
		t.Fatalf("the refused bad rating opened %+v", xs)
	}
}

// TestInspectionRectificationTeam: a bad rating of an inspection is the
// street's enforcement team's: its inspectors see and handle it; the
// street's front desk, other streets' inspectors and approvers do not; an
// inspector sees no application's case.
func TestInspectionRectificationTeam(t *testing.T) {
	f := newFixture(t)
	f.visit(t, 7, alice.AccountID)
	if _, err := f.s.Rate(f.ctx, alice, rating.CaseInspection, 7, rating.Input{Level: rating.Dissatisfied}); err != nil {
		t.Fatal(err)
	}
	app := f.badCase(t, 1) // an application's case at pointA, in streetA
	xs, err := f.s.ListRectifications(f.ctx, admin, rating.Filter{})
	if err != nil || len(xs) != 2 {
		t.Fatalf("cases %+v, %v", xs, err)
	}
	insp := xs[0]
	if insp.Rating.CaseKind != rating.CaseInspection {
		insp = xs[1]
	}
	view := func(a *authz.Actor, id int64) error { _, err := f.s.GetRectification(f.ctx, a, id); return err }
	call := func(a *authz.Actor) error {
		_, err := f.s.AddCallback(f.ctx, a, insp.ID, rating.CallbackInput{Reached: true, Note: "已回访"})
		return err
	}
	cases := []struct {
		action, who string
		do          func() error
		may         bool
	}{
		{"rating.rectification.team", "inspector of the street views", func() error { return view(inspectorA, insp.ID) }, true},
		{"rating.rectification.team", "inspector of the street calls back", func() error { return call(inspectorA) }, true},
		{"rating.rectification.team", "inspector of another street views", func() error { return view(inspectorB, insp.ID) }, false},
		{"rating.rectification.team", "inspector of another street calls back", func() error { return call(inspectorB) }, false},
		{"rating.rectification.team", "inspector views an application's case", func() error { return view(inspectorA, app.ID) }, false},
		{"rating.rectification.view", "front desk of the street", func() error { return view(frontA, insp.ID) }, false},
		{"rating.rectification.view", "approver", func() error { return view(approverA, insp.ID) }, false},
		{"rating.rectification.view", "leader", func() error { return view(leader, insp.ID) }, true},
		{"rating.rectification.handle", "front desk of the street", func() error { return call(frontA) }, false},
		{"rating.rectification.handle", "admin", func() error { return call(admin) }, true},
	}
	for _, c := range cases {
		err := c.do()
		if c.may && err != nil {
			t.Errorf("%s: %s: %v", c.action, c.who, err)
		}
		if !c.may && err == nil {
			t.Errorf("%s: %s: allowed", c.action, c.who)
		}
	}
	for who, want := range map[*authz.Actor]int64{inspectorA: insp.ID, frontA: app.ID, approverA: app.ID} {
		xs, err := f.s.ListRectifications(f.ctx, who, rating.Filter{})
		if err != nil || len(xs) != 1 || xs[0].ID != want {
			t.Errorf("actor %d lists %+v, %v; want case %d only", who.AccountID, xs, err, want)
		}
	}
	if xs, err := f.s.ListRectifications(f.ctx, inspectorB, rating.Filter{}); err != nil || len(xs) != 0 {
		t.Errorf("inspector of another street lists %+v, %v", xs, err)
	}
}

// TestOrgUnitsNameStreetTeams: the units of inspections are named after
// their streets' enforcement teams.
func TestOrgUnitsNameStreetTeams(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t, clock.NewManual(start))
	if _, err := org.ImportDivisions(ctx, d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	names, err := rating.OrgUnits{Org: org.New(d)}.UnitNames(ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	if got := names[streetA]; !strings.HasSuffix(got, "街道综合执法大队") {
		t.Fatalf("street %s is named %q", streetA, got)
	}
}

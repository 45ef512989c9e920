package approval

import (
	"context"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// A valid ID number of a person born in Qixia (check digit computed per GB 11643).
const goodID = "320113199003070024"

func TestCreateDraftWithBundle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app, err := f.svc.CreateDraft(ctx, resident(11), itemSoleTrader, true)
	if err != nil {
		t.Fatal(err)
	}
	if app.State != StateDraft || len(app.Items) != 2 || len(app.Bundle) != 1 || app.Bundle[0].Code != itemFood {
		t.Fatalf("draft = %+v", app.Application)
	}
	if !strings.Contains(app.ItemName, "＋") || app.LegalDays < app.PromisedDays {
		t.Errorf("name %q, limits %d/%d", app.ItemName, app.LegalDays, app.PromisedDays)
	}
	got, err := f.svc.Get(ctx, resident(11), app.ID)
	if err != nil || got.Items[1].ImplCode != itemFood {
		t.Fatalf("get own draft: %v %+v", err, got.Bundle)
	}
}

func TestSaveDraft(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app, err := f.svc.CreateDraft(ctx, resident(11), itemFood, false)
	if err != nil {
		t.Fatal(err)
	}
	d := Draft{Form: map[string]any{"operator": "栖霞小馆"}, UseCommitment: true,
		Parties: []Party{{Role: PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: " " + goodID + " "}}}
	saved, err := f.svc.SaveDraft(ctx, resident(11), app.ID, app.Revision, d)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.svc.Get(ctx, resident(11), app.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Form["operator"] != "栖霞小馆" || !got.UseCommitment || len(got.Parties) != 1 || got.Parties[0].Code != goodID {
		t.Fatalf("saved = %+v", got.Application)
	}
	// A stale page saving over a newer revision is refused and changes nothing.
	_, err = f.svc.SaveDraft(ctx, resident(11), app.ID, app.Revision, Draft{Form: map[string]any{"operator": "旧"}})
	if apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("stale save: %v", err)
	}
	again, _ := f.svc.Get(ctx, resident(11), app.ID)
	if again.Form["operator"] != "栖霞小馆" || again.Revision != saved.Revision {
		t.Errorf("stale save changed the draft: %+v", again.Form)
	}
}

func TestSaveDraftBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app, err := f.svc.CreateDraft(ctx, resident(11), itemFood, false)
	if err != nil {
		t.Fatal(err)
	}
	badDigit := goodID[:17] + "1"
	cases := []struct {
		name  string
		d     Draft
		field string
	}{
		{"wrong check digit", Draft{Parties: []Party{{Role: PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: badDigit}}}, "parties[0].code"},
		{"no role", Draft{Parties: []Party{{SubjectKind: "person", Name: "王小栖", Code: goodID}}}, "parties[0].role"},
		{"empty name", Draft{Parties: []Party{{Role: PartyDirector, SubjectKind: "person", Code: goodID}}}, "parties[0].name"},
		{"long name", Draft{Parties: []Party{{Role: PartyDirector, SubjectKind: "person", Name: strings.Repeat("名", 61), Code: goodID}}}, "parties[0].name"},
		{"bad credit code", Draft{Parties: []Party{{Role: PartyShareholder, SubjectKind: "entity", Name: "某公司", Code: "'; DROP TABLE x;--"}}}, "parties[0].code"},
		{"huge form", Draft{Form: map[string]any{"x": strings.Repeat("a", maxDraftBytes)}}, "form"},
	}
	for _, c := range cases {
		_, err := f.svc.SaveDraft(ctx, resident(11), app.ID, app.Revision, c.d)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.CodeInvalid || e.Fields[c.field] == "" {
			t.Errorf("%s: err = %v, want invalid naming %s", c.name, err, c.field)
		}
	}
	got, _ := f.svc.Get(ctx, resident(11), app.ID)
	if got.Revision != app.Revision || len(got.Parties) != 0 {
		t.Errorf("bad input changed the draft: revision %d, parties %d", got.Revision, len(got.Parties))
	}
}

func TestDraftPermissions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	app, err := f.svc.CreateDraft(ctx, resident(11), itemFood, false)
	if err != nil {
		t.Fatal(err)
	}
	may := []*authz.Actor{resident(11), staff(2, authz.RoleLeader, authz.ScopeDistrict, district),
		staff(3, authz.RoleAdmin, authz.ScopeDistrict, district)}
	for _, a := range may {
		if _, err := f.svc.Get(ctx, a, app.ID); err != nil {
			t.Errorf("%v may read the draft: %v", a.Roles(), err)
		}
	}
	mayNot := []*authz.Actor{resident(12), staff(4, authz.RoleFrontDesk, authz.ScopeServicePoint, "320113001P01"),
		staff(5, authz.RoleApprover, authz.ScopeDepartment, "320113D23"), staff(6, authz.RoleGridWorker, authz.ScopeCommunity, "320113001001")}
	for _, a := range mayNot {
		if _, err := f.svc.Get(ctx, a, app.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
			t.Errorf("%v read another's draft: %v", a.Roles(), err)
		}
	}
	if _, err := f.svc.SaveDraft(ctx, resident(12), app.ID, app.Revision, Draft{}); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another resident saved the draft: %v", err)
	}
	if _, err := f.svc.CreateDraft(ctx, staff(4, authz.RoleFrontDesk, authz.ScopeServicePoint, "320113001P01"), itemFood, false); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("front desk created a draft for itself: %v", err)
	}
	if _, err := f.svc.CreateDraft(ctx, nil, itemFood, false); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Errorf("anonymous draft: %v", err)
	}
}

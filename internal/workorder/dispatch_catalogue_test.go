package workorder

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestCatalogueEditing: administrators save drafts (every problem named by
// its path, nothing saved on error) and publish versions; orders name the
// version that dispatched them.
func TestCatalogueEditing(t *testing.T) {
	r := newDispatchRig(t, true)
	xh := r.communities["仙鹤社区"]
	bad := []Rule{
		{Category: "ZZ-99", Unit: Target{Kind: KindCommunity}, Mode: ModeDirect},
		{Place: "320113999", Unit: Target{Kind: KindStreet}, Mode: ModeDirect},
		{Category: "AQ-02", Unit: Target{Kind: KindDepartment, Code: "区住建局"}, Mode: ModeDirect},
		{Category: "MS-01", Unit: Target{Kind: KindCommunity}, Mode: ModeJoint},
		{Category: "MS-02", Unit: Target{Kind: KindCommunity}, Mode: ModeDirect, Assists: []Target{{Kind: KindStreet}}},
		{Category: "CG-03", Unit: Target{Kind: KindCommunity}, Mode: ModeDirect},
		{Category: "MS-03", Unit: Target{Kind: KindCommunity}, Mode: ModeJoint, Assists: []Target{{Kind: KindCommunity}}},
		{Category: "MS-04", Unit: Target{Kind: KindGrid, Code: xh.Code + "999"}, Mode: ModeGrab},
		{Category: "MS-05", Unit: Target{Kind: KindCommunity, Team: TeamEnforcement}, Mode: "auction"},
		{Category: "MS-05", Unit: Target{Kind: KindStreet}, Mode: ModeDirect},
		{Category: "MS-05", Unit: Target{Kind: "company"}, Mode: ModeDirect},
	}
	_, err := r.s.SaveCatalogueDraft(r.ctx, admin, bad)
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.CodeInvalid {
		t.Fatalf("bad draft: %v", err)
	}
	for _, path := range []string{"rules[0].category", "rules[1].place", "rules[2].unit.code", "rules[3].assists",
		"rules[4].assists", "rules[5].push_down", "rules[6].assists[0]", "rules[7].unit.code", "rules[8].mode",
		"rules[8].unit.team", "rules[9].place", "rules[10].unit.kind"} {
		if _, named := e.Fields[path]; !named {
			t.Errorf("no problem at %s (%v)", path, e.Fields)
		}
	}
	if vs, err := r.s.CatalogueVersions(r.ctx, admin); err != nil || len(vs) != 1 {
		t.Errorf("a draft was saved: %d %v", len(vs), err)
	}
	// A good draft, published: new orders follow it, old orders keep the
	// version that sent them.
	before := r.file(t, "MS-05", "仙鹤社区")
	draft, err := r.s.CatalogueDraft(r.ctx, admin)
	if err != nil || draft.Version != 0 || len(draft.Rules) != len(demoRules) {
		t.Fatalf("draft from the current: %+v %v", draft, err)
	}
	rules := append(draft.Rules, Rule{Category: "MS-05", Place: xh.StreetCode, Unit: Target{Kind: KindStreet},
		Mode: ModeDirect, Note: "政策咨询由街道答复"})
	if c, err := r.s.SaveCatalogueDraft(r.ctx, admin, rules); err != nil || c.Version != 2 {
		t.Fatalf("save: %+v %v", c, err)
	}
	if _, err := r.s.PublishCatalogue(r.ctx, admin, "政策咨询改派街道"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.s.PublishCatalogue(r.ctx, admin, ""); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Errorf("publishing without a draft: %v", err)
	}
	after := r.file(t, "MS-05", "仙鹤社区")
	if p := payloadOf(t, r.lastEvent(t, after)); p.Lead != (Target{Kind: KindStreet, Code: xh.StreetCode}) || p.Catalogue != 2 {
		t.Errorf("after publishing: %+v", p)
	}
	if p := payloadOf(t, r.lastEvent(t, before)); p.Lead.Kind != KindCommunity || p.Source != sourceDefault {
		t.Errorf("the earlier order: %+v", p)
	}
	cur, err := r.s.CurrentCatalogue(r.ctx, streetDesk(40, xh.StreetCode))
	if err != nil || cur.Version != 2 || len(cur.Rules) != len(rules) {
		t.Errorf("dispatchers read the current: %v", err)
	}
}

// TestWhoManagesTheCatalogue: administrators only.
func TestWhoManagesTheCatalogue(t *testing.T) {
	r := newDispatchRig(t, false)
	for _, a := range []*authz.Actor{staff(20, authz.RoleFrontDesk, authz.District(district)),
		staff(23, authz.RoleLeader, authz.District(district)), staff(21, authz.RoleGridWorker, authz.District(district)),
		resident(7)} {
		if _, err := r.s.CatalogueDraft(r.ctx, a); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v reads the draft: %v", a.Roles(), err)
		}
		if _, err := r.s.SaveCatalogueDraft(r.ctx, a, []Rule{}); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v saves: %v", a.Roles(), err)
		}
		if _, err := r.s.PublishCatalogue(r.ctx, a, ""); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v publishes: %v", a.Roles(), err)
		}
	}
	if _, err := r.s.CurrentCatalogue(r.ctx, staff(21, authz.RoleGridWorker, authz.District(district))); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("a grid worker reads the catalogue: %v", err)
	}
	if _, err := r.s.SaveCatalogueDraft(r.ctx, admin, []Rule{{Category: "MS", Unit: Target{Kind: KindCommunity}, Mode: ModeGrab}}); err != nil {
		t.Errorf("administrator saves: %v", err)
	}
	if _, err := r.s.PublishCatalogue(r.ctx, admin, "首版"); err != nil {
		t.Errorf("administrator publishes: %v", err)
	}
	if c, err := r.s.CurrentCatalogue(r.ctx, admin); err != nil || c.Version != 1 {
		t.Errorf("administrator reads: %v", err)
	}
}

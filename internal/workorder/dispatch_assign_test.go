package workorder

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// TestWhoDispatches: the front desks of the district and street centres
// dispatch over their place; community stations, other roles and other
// streets do not.
func TestWhoDispatches(t *testing.T) {
	r := newDispatchRig(t, true)
	xh := r.communities["仙鹤社区"]
	yh := r.streets["尧化街道"]
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		code  apperr.Code
	}{
		{"street centre's desk", streetDesk(40, xh.StreetCode), ""},
		{"district desk", staff(41, authz.RoleFrontDesk, authz.District(district)), ""},
		{"street-scoped desk", staff(42, authz.RoleFrontDesk, streetScope(xh.StreetCode)), ""},
		{"another street's desk", streetDesk(43, yh), apperr.CodeNotFound},
		{"community station's desk", staff(44, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: xh.Code + "P01"}), apperr.CodeForbidden},
		{"grid worker", staff(45, authz.RoleGridWorker, communityScope(xh.Code)), apperr.CodeForbidden},
		{"administrator", admin, apperr.CodeForbidden},
		{"leader", staff(46, authz.RoleLeader, authz.District(district)), apperr.CodeForbidden},
		{"resident", resident(7), apperr.CodeForbidden},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := r.file(t, "MS-05", "仙鹤社区")
			_, err := r.s.Assign(r.ctx, c.actor, o.Number, AssignInput{Unit: &Target{Kind: KindStreet}, Note: "改派街道"})
			if c.code == "" && err != nil || c.code != "" && apperr.CodeOf(err) != c.code {
				t.Fatalf("assign: %v, want %q", err, c.code)
			}
			_, err = r.s.Reviews(r.ctx, c.actor)
			if (c.code == apperr.CodeForbidden) != (apperr.CodeOf(err) == apperr.CodeForbidden) {
				t.Errorf("review queue: %v", err)
			}
		})
	}
}

// TestPushDown: a department's matter goes to a community or grid only
// where a catalogue rule allows it, by hand as automatically.
func TestPushDown(t *testing.T) {
	r := newDispatchRig(t, true)
	desk := streetDesk(40, r.communities["仙鹤社区"].StreetCode)
	gas := r.file(t, "AQ-02", "仙鹤社区") // 燃气安全: 区住建局's
	_, err := r.s.Assign(r.ctx, desk, gas.Number, AssignInput{Unit: &Target{Kind: KindCommunity}, Note: "社区先行处置"})
	if !isInvalid(err, "unit") || !strings.Contains(err.Error(), "部门职责事项") {
		t.Errorf("pushing gas safety down: %v", err)
	}
	_, err = r.s.Assign(r.ctx, desk, gas.Number, AssignInput{Unit: &Target{Kind: KindStreet}, Mode: ModeJoint,
		Assists: []Target{{Kind: KindGrid}}, Note: "街道主办"})
	if !isInvalid(err, "unit") {
		t.Errorf("a grid as co-unit: %v", err)
	}
	if _, err := r.s.AddAssist(r.ctx, desk, gas.Number, Target{Kind: KindCommunity}, ""); !isInvalid(err, "unit") {
		t.Errorf("adding the community as co-unit: %v", err)
	}
	// 非法小广告 is 城管局's too, but the catalogue lets it go down.
	ads := r.file(t, "CG-05", "仙鹤社区")
	if _, err := r.s.Assign(r.ctx, desk, ads.Number, AssignInput{Unit: &Target{Kind: KindGrid}, Note: "网格员清理"}); err != nil {
		t.Errorf("pushing small adverts down to the grid: %v", err)
	}
	// Not a department's matter: no rule needed.
	if _, err := r.s.AddAssist(r.ctx, desk, gas.Number, Target{Kind: KindStreet}, ""); !isInvalid(err, "unit") {
		t.Errorf("adding the street again: %v", err)
	}
	if _, err := r.s.AddAssist(r.ctx, desk, gas.Number, Target{Kind: KindDepartment, Code: r.dept(t, "区应急局")}, "协同检查"); err != nil {
		t.Errorf("adding a department: %v", err)
	}
	// A catch-all rule to the community is passed over for department
	// matters when filing.
	if _, err := r.s.SaveCatalogueDraft(r.ctx, admin, []Rule{{Unit: Target{Kind: KindCommunity}, Mode: ModeDirect}}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.s.PublishCatalogue(r.ctx, admin, "全部派社区"); err != nil {
		t.Fatal(err)
	}
	if p := payloadOf(t, r.lastEvent(t, r.file(t, "AQ-04", "仙鹤社区"))); p.Lead.Kind != KindDepartment || p.Source != sourceDefault {
		t.Errorf("work safety went to %+v", p)
	}
	if p := payloadOf(t, r.lastEvent(t, r.file(t, "MS-05", "仙鹤社区"))); p.Lead.Kind != KindCommunity || p.Catalogue != 2 {
		t.Errorf("policy consulting went to %+v", p)
	}
}

// TestAssignBadInput: unknown units, modes and states are refused with
// the field named, nothing written.
func TestAssignBadInput(t *testing.T) {
	r := newDispatchRig(t, true)
	desk := streetDesk(40, r.communities["仙鹤社区"].StreetCode)
	o := r.file(t, "MS-05", "仙鹤社区")
	for name, c := range map[string]struct {
		in    AssignInput
		field string
	}{
		"unknown kind":        {AssignInput{Unit: &Target{Kind: "company"}, Note: "x"}, "unit.kind"},
		"unknown department":  {AssignInput{Unit: &Target{Kind: KindDepartment, Code: "320113D99"}, Note: "x"}, "unit.code"},
		"unknown community":   {AssignInput{Unit: &Target{Kind: KindCommunity, Code: "320113999999"}, Note: "x"}, "unit.code"},
		"team of a community": {AssignInput{Unit: &Target{Kind: KindCommunity, Team: TeamEnforcement}, Note: "x"}, "unit.team"},
		"unknown mode":        {AssignInput{Unit: &Target{Kind: KindStreet}, Mode: "auction", Note: "x"}, "mode"},
		"joint without co":    {AssignInput{Unit: &Target{Kind: KindStreet}, Mode: ModeJoint, Note: "x"}, "assists"},
		"grab when assigned":  {AssignInput{Unit: &Target{Kind: KindStreet}, Mode: ModeGrab, Note: "x"}, "mode"},
		"note too long":       {AssignInput{Unit: &Target{Kind: KindStreet}, Note: strings.Repeat("长", 501)}, "note"},
	} {
		if _, err := r.s.Assign(r.ctx, desk, o.Number, c.in); !isInvalid(err, c.field) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if len(r.hops(t, r.order(t, o.Number))) != 1 || len(r.kinds(t, r.order(t, o.Number))) != 2 {
		t.Error("something was written")
	}
	if _, err := r.s.Assign(r.ctx, desk, "GD20260302999999", AssignInput{}); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown order: %v", err)
	}
}

// TestHopsFollowTheOrder: hops end when the order closes (a pool offer
// nobody took is withdrawn) and the last lead comes back on reopening.
func TestHopsFollowTheOrder(t *testing.T) {
	r := newDispatchRig(t, true)
	pooled := r.file(t, "WY-03", "仙鹤社区")
	if _, err := r.s.Cancel(r.ctx, resident(7), pooled.Number, "已自行修好"); err != nil {
		t.Fatal(err)
	}
	if h := r.hops(t, pooled); h[0].State != AssignWithdrawn {
		t.Errorf("pool offer after cancelling: %+v", h)
	}
	o := r.file(t, "MS-05", "仙鹤社区")
	worker := staff(21, authz.RoleGridWorker, communityScope(o.Place.Community))
	if _, err := r.s.Accept(r.ctx, worker, o.Number); err != nil {
		t.Fatal(err)
	}
	step := func(kind EventKind, outcome Outcome) {
		t.Helper()
		err := r.d.InTx(r.ctx, func(tx *db.Tx) error {
			cur, err := loadOrder(r.ctx, tx, `id = ?`, o.ID)
			if err != nil {
				return err
			}
			_, err = r.s.record(r.ctx, tx, worker, &cur, Change{Kind: kind, Outcome: outcome})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	step(EventResolved, OutcomeFixed)
	if h := r.hops(t, o); len(h) != 1 || h[0].State != AssignDone {
		t.Errorf("after resolving: %+v", h)
	}
	step(EventReopened, "")
	h := r.hops(t, o)
	if len(h) != 2 || h[1].State != AssignAccepted || h[1].AccountID != worker.AccountID || h[1].Unit != h[0].Unit {
		t.Errorf("after reopening: %+v", h)
	}
}

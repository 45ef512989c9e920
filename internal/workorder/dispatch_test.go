package workorder

import (
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestAutoDispatch files orders of the demo categories and checks where
// the demo catalogue (or the default handler) sent each, recorded as the
// system in the filing transaction.
func TestAutoDispatch(t *testing.T) {
	r := newDispatchRig(t, true)
	xh, bgz := r.communities["仙鹤社区"], r.firstCommunityOf(t, "八卦洲街道")
	enforcement := Target{Kind: KindStreet, Code: xh.StreetCode, Team: TeamEnforcement}
	cases := []struct {
		category  string
		community org.Community
		lead      Target
		mode      Mode
		assists   []Target
		source    string
		state     State
	}{
		{"WY-01", xh, Target{Kind: KindProperty, Code: xh.Code}, ModeDirect, nil, sourceCatalogue, StateAssigned},
		{"WY-01", bgz, Target{Kind: KindCommunity, Code: bgz.Code}, ModeDirect, nil, sourceCatalogue, StateAssigned},
		{"WY-02", xh, Target{Kind: KindProperty, Code: xh.Code}, ModeJoint, []Target{{Kind: KindCommunity, Code: xh.Code}}, sourceCatalogue, StateAssigned},
		// The category's own rule wins over its group's rule for the place.
		{"WY-02", bgz, Target{Kind: KindProperty, Code: bgz.Code}, ModeJoint, []Target{{Kind: KindCommunity, Code: bgz.Code}}, sourceCatalogue, StateAssigned},
		{"WY-03", xh, Target{Kind: KindProperty, Code: xh.Code}, ModeGrab, nil, sourceCatalogue, StatePooled},
		{"WY-07", xh, Target{Kind: KindCommunity, Code: xh.Code}, ModeDirect, nil, sourceCatalogue, StateAssigned},
		{"CG-01", xh, enforcement, ModeDirect, nil, sourceCatalogue, StateAssigned},
		{"CG-02", xh, enforcement, ModeJoint, []Target{{Kind: KindDepartment, Code: r.dept(t, "区城管执法局")}}, sourceCatalogue, StateAssigned},
		{"CG-04", xh, enforcement, ModeGrab, nil, sourceCatalogue, StatePooled},
		{"CG-05", xh, Target{Kind: KindCommunity, Code: xh.Code}, ModeDirect, nil, sourceCatalogue, StateAssigned},
		{"AQ-02", xh, Target{Kind: KindDepartment, Code: r.dept(t, "区住建局")}, ModeJoint, []Target{{Kind: KindStreet, Code: xh.StreetCode}}, sourceCatalogue, StateAssigned},
		{"AQ-03", xh, Target{Kind: KindCommunity, Code: xh.Code}, ModeDirect, nil, sourceDefault, StateAssigned},
		{"MS-04", xh, Target{Kind: KindCommunity, Code: xh.Code}, ModeGrab, nil, sourceCatalogue, StatePooled},
	}
	for _, c := range cases {
		t.Run(c.category+"@"+c.community.ShortName, func(t *testing.T) {
			o := r.file(t, c.category, c.community.ShortName)
			if o.State != c.state {
				t.Fatalf("state %s, want %s", o.State, c.state)
			}
			e := r.lastEvent(t, o)
			p := payloadOf(t, e)
			if e.ActorKind != string(authz.KindSystem) || e.Unit != c.lead.Ref() || p.Lead != c.lead || p.Mode != c.mode ||
				p.Source != c.source || !slices.Equal(p.Assists, c.assists) {
				t.Errorf("event %+v payload %+v", e, p)
			}
			if c.source == sourceCatalogue && (p.Catalogue != 1 || p.Rule == 0) {
				t.Errorf("catalogue %d rule %d", p.Catalogue, p.Rule)
			}
			hops := r.hops(t, o)
			if len(hops) != 1+len(c.assists) || hops[0].Unit != c.lead || hops[0].Role != RoleLead {
				t.Fatalf("hops %+v", hops)
			}
			want := AssignPending
			if c.mode == ModeGrab {
				want = AssignOffered
			}
			if hops[0].State != want || hops[0].AccountID != 0 {
				t.Errorf("lead hop %+v", hops[0])
			}
			for i, a := range c.assists {
				if h := hops[i+1]; h.Role != RoleAssist || h.Unit != a || h.State != AssignPending {
					t.Errorf("assist hop %+v", h)
				}
			}
		})
	}
}

// TestDefaultHandlers dispatches without a catalogue: each category's
// default handler rule, departments found by the name the rule uses.
func TestDefaultHandlers(t *testing.T) {
	r := newDispatchRig(t, false)
	xh := r.communities["仙鹤社区"]
	for category, want := range map[string]Target{
		"WY-01": {Kind: KindProperty, Code: xh.Code},
		"CG-01": {Kind: KindStreet, Code: xh.StreetCode},
		"CG-03": {Kind: KindDepartment, Code: r.dept(t, "区城管局")},
		"AQ-02": {Kind: KindDepartment, Code: r.dept(t, "区住建局")},
		"AQ-04": {Kind: KindDepartment, Code: r.dept(t, "区应急局")},
		"AQ-01": {Kind: KindStreet, Code: xh.StreetCode},
		"MS-05": {Kind: KindCommunity, Code: xh.Code},
	} {
		o := r.file(t, category, "仙鹤社区")
		p := payloadOf(t, r.lastEvent(t, o))
		if o.State != StateAssigned || p.Lead != want || p.Source != sourceDefault || p.Mode != ModeDirect {
			t.Errorf("%s: %s %+v, want %+v", category, o.State, p, want)
		}
	}
}

// TestUndecidedWaits: a department the directory cannot name leaves the
// order 待派单 for a dispatcher, who dispatches it by hand.
func TestUndecidedWaits(t *testing.T) {
	r := newDispatchRig(t, false)
	r.withoutDepartments()
	o := r.file(t, "CG-03", "仙鹤社区")
	if o.State != StateFiled || len(r.hops(t, o)) != 0 {
		t.Fatalf("state %s", o.State)
	}
	desk := streetDesk(40, o.Place.Street)
	q, err := r.s.Reviews(r.ctx, desk)
	if err != nil || len(q.Waiting) != 1 || q.Waiting[0].Number != o.Number || len(q.Returned) != 0 {
		t.Fatalf("reviews %+v %v", q, err)
	}
	if _, err := r.s.Assign(r.ctx, desk, o.Number, AssignInput{}); !isInvalid(err, "unit") {
		t.Errorf("by the catalogue: %v", err)
	}
	v, err := r.s.Assign(r.ctx, desk, o.Number, AssignInput{Unit: &Target{Kind: KindStreet, Team: TeamEnforcement}})
	if err != nil || v.State != StateAssigned || len(v.Hops) != 1 || v.Hops[0].UnitName != "仙林街道综合执法队" {
		t.Fatalf("assign: %+v %v", v, err)
	}
	if e := r.lastEvent(t, r.order(t, o.Number)); e.Kind != EventDispatched || e.ActorID != 40 {
		t.Errorf("event %+v", e)
	}
}

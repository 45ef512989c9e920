package workorder

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestWhoMayFile(t *testing.T) {
	r := newRig(t)
	xl := r.streets["仙林街道"]
	cases := []struct {
		name  string
		actor *authz.Actor
		ch    Channel
		code  apperr.Code // "" when allowed
	}{
		{"resident files their own", resident(7), "", ""},
		{"enterprise user files", &authz.Actor{AccountID: 9, Kind: authz.KindEnterprise, District: district,
			Grants: []authz.Grant{{Role: authz.RoleEnterprise, Scope: authz.Self(9)}}}, "", ""},
		{"front desk enters a call", staff(20, authz.RoleFrontDesk, authz.District(district)), ChannelHotline, ""},
		{"grid worker enters a home visit elsewhere", staff(21, authz.RoleGridWorker, communityScope(r.communities["尧化社区"].Code)), ChannelHomeVisit, ""},
		{"property staff enter", staff(22, authz.RoleProperty, streetScope(xl)), ChannelProperty, ""},
		{"leader may not enter", staff(23, authz.RoleLeader, authz.District(district)), ChannelHotline, apperr.CodeForbidden},
		{"administrator may not enter", admin, ChannelHotline, apperr.CodeForbidden},
		{"approver may not enter", staff(24, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"}), ChannelHotline, apperr.CodeForbidden},
		{"volunteer may not file", &authz.Actor{AccountID: 25, Kind: authz.KindResident, District: district,
			Grants: []authz.Grant{{Role: authz.RoleVolunteer, Scope: authz.Self(25)}}}, "", apperr.CodeForbidden},
		{"nobody signed in", nil, "", apperr.CodeUnauthorized},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := r.parkingRequest("仙鹤社区")
			in.Channel, in.Requester.Phone = c.ch, "13800000009"
			if c.ch == ChannelProperty {
				in.Channel = ChannelProperty
			}
			_, err := r.s.File(r.ctx, c.actor, in)
			if c.code == "" && err != nil || c.code != "" && apperr.CodeOf(err) != c.code {
				t.Fatalf("err = %v, want %q", err, c.code)
			}
		})
	}
}

func TestWhoMaySee(t *testing.T) {
	r := newRig(t)
	xh, yh := r.communities["仙鹤社区"].Code, r.communities["尧化社区"].Code
	in := r.parkingRequest("仙鹤社区")
	in.Requester = RequesterInput{Name: "李四", Phone: "13900001111"}
	in.Channel = ChannelHotline
	desk := staff(20, authz.RoleFrontDesk, authz.District(district))
	f, err := r.s.File(r.ctx, desk, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Requester.Anonymous, in.IdempotencyKey = true, ""
	anon, err := r.s.File(r.ctx, desk, in)
	if err != nil {
		t.Fatal(err)
	}
	gridWorker := staff(21, authz.RoleGridWorker, communityScope(xh))
	cases := []struct {
		name      string
		actor     *authz.Actor
		see       bool
		requester bool // sees the masked name and phone
	}{
		{"grid worker of the community", gridWorker, true, true},
		{"grid worker of its grid", staff(26, authz.RoleGridWorker, authz.Scope{Kind: authz.ScopeGrid, Code: f.Order.Place.Grid}), true, true},
		{"property staff of the street", staff(22, authz.RoleProperty, streetScope(r.streets["仙林街道"])), true, true},
		{"front desk of the district", desk, true, true},
		{"leader sees the order, not the person", staff(23, authz.RoleLeader, authz.District(district)), true, false},
		{"administrator sees the order, not the person", admin, true, false},
		{"grid worker of another community", staff(27, authz.RoleGridWorker, communityScope(yh)), false, false},
		{"grid worker of another grid", staff(28, authz.RoleGridWorker, authz.Scope{Kind: authz.ScopeGrid, Code: xh + "002"}), false, false},
		{"a resident", resident(7), false, false},
		{"inspector", staff(29, authz.RoleInspector, authz.District(district)), false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := r.s.Get(r.ctx, c.actor, f.Order.Number)
			if !c.see {
				if apperr.CodeOf(err) != apperr.CodeNotFound {
					t.Fatalf("err = %v, want not found", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.requester != !v.Requester.Hidden || c.requester && (v.Requester.Name != "李*" || v.Requester.Phone != "139****1111") {
				t.Errorf("requester %+v", v.Requester)
			}
			a, err := r.s.Get(r.ctx, c.actor, anon.Order.Number)
			if err != nil || !a.Requester.Hidden || a.Requester.Name != "" || a.Requester.Phone != "" {
				t.Errorf("anonymous order shows %+v (%v)", a.Requester, err)
			}
			l, err := r.s.List(r.ctx, c.actor, Filter{Limit: 10})
			if err != nil || l.Total != 2 {
				t.Errorf("list: %d %v", l.Total, err)
			}
		})
	}
	// Calling back: the full phone for contact roles in scope, audited;
	// never for anonymous orders or outside the scope.
	phone, err := r.s.RevealPhone(r.ctx, gridWorker, f.Order.Number)
	if err != nil || phone != "13900001111" {
		t.Errorf("reveal: %q %v", phone, err)
	}
	if n := r.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, "workorder.requester.reveal"); n != 1 {
		t.Errorf("%d reveal audit records", n)
	}
	if _, err := r.s.RevealPhone(r.ctx, gridWorker, anon.Order.Number); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("reveal anonymous: %v", err)
	}
	if _, err := r.s.RevealPhone(r.ctx, admin, f.Order.Number); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("administrator reveals: %v", err)
	}
	if _, err := r.s.RevealPhone(r.ctx, staff(27, authz.RoleGridWorker, communityScope(yh)), f.Order.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("other community reveals: %v", err)
	}
}

func TestResidentSeesOwnOnly(t *testing.T) {
	r := newRig(t)
	in := r.parkingRequest("仙鹤社区")
	in.Requester.Anonymous = true
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := r.s.Get(r.ctx, resident(7), f.Order.Number); err != nil || v.Requester.Hidden || !v.Requester.Anonymous {
		t.Errorf("own anonymous order: %+v %v", v.Requester, err)
	}
	if _, err := r.s.Get(r.ctx, resident(8), f.Order.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another resident: %v", err)
	}
	if l, err := r.s.List(r.ctx, resident(8), Filter{}); err != nil || l.Total != 0 {
		t.Errorf("another resident's list: %+v %v", l, err)
	}
	if l, err := r.s.List(r.ctx, resident(7), Filter{}); err != nil || l.Total != 1 {
		t.Errorf("own list: %+v %v", l, err)
	}
}

func TestWhoManagesCategoriesAndKeys(t *testing.T) {
	r := newRig(t)
	for _, a := range []*authz.Actor{staff(20, authz.RoleFrontDesk, authz.District(district)),
		staff(23, authz.RoleLeader, authz.District(district)), resident(7)} {
		if _, err := r.s.Draft(r.ctx, a); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v edits categories: %v", a.Roles(), err)
		}
		if _, err := r.s.Publish(r.ctx, a, ""); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v publishes: %v", a.Roles(), err)
		}
		if _, _, err := r.s.CreateAPIKey(r.ctx, a, "12345", ChannelHotline); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v makes a key: %v", a.Roles(), err)
		}
		if _, err := r.s.APIKeys(r.ctx, a); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v lists keys: %v", a.Roles(), err)
		}
	}
	if _, err := r.s.Draft(r.ctx, admin); err != nil {
		t.Errorf("administrator edits categories: %v", err)
	}
	if _, _, err := r.s.CreateAPIKey(r.ctx, admin, "12345热线", ChannelHotline); err != nil {
		t.Errorf("administrator makes a key: %v", err)
	}
}

func TestServicePointsAndEntrants(t *testing.T) {
	r := newRig(t)
	xl, yh := r.streets["仙林街道"], r.streets["尧化街道"]
	// A street centre's front desk enters a call in another street.
	yhDesk := staff(30, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: yh + "P01"})
	xlDesk := staff(31, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: xl + "P01"})
	in := r.parkingRequest("仙鹤社区")
	in.Channel, in.Requester = ChannelHotline, RequesterInput{Name: "赵六", Phone: "13700002222"}
	f, err := r.s.File(r.ctx, yhDesk, in)
	if err != nil {
		t.Fatal(err)
	}
	// The entrant follows it (and sees who called); the desk of the
	// order's street sees it as part of its street; others do not.
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		see   bool
	}{{"entrant", yhDesk, true}, {"street centre of the place", xlDesk, true},
		{"another entrant's colleague", staff(32, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: yh + "P02"}), false},
		{"a department's point", staff(33, authz.RoleFrontDesk, authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113D01P01"}), false},
	} {
		v, err := r.s.Get(r.ctx, c.actor, f.Order.Number)
		if c.see != (err == nil) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if c.see && (v.Requester.Hidden || v.Requester.Name != "赵*") {
			t.Errorf("%s sees requester %+v", c.name, v.Requester)
		}
		l, err := r.s.List(r.ctx, c.actor, Filter{})
		if c.see && (err != nil || l.Total != 1) || !c.see && err == nil && l.Total != 0 {
			t.Errorf("%s lists %+v %v", c.name, l, err)
		}
	}
}

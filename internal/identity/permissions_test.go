package identity_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// matrixWorld holds the accounts the permission probes act on.
type matrixWorld struct {
	f          *fixture
	target     int64 // a staff account with a front-desk grant on street 1
	resident   int64 // a real-named resident
	legalRep   int64 // legal representative of enterprise
	enterprise int64
	volunteer  int64
	staffIDs   map[authz.Role]int64
	seq        int
}

// allowed lists, per action, the roles that may perform it. It is written
// out by hand: the test checks the definitions, not itself.
var allowed = map[string][]authz.Role{
	"identity.staff.create":        {authz.RoleAdmin},
	"identity.grant.assign":        {authz.RoleAdmin},
	"identity.grant.revoke":        {authz.RoleAdmin},
	"identity.account.manage":      {authz.RoleAdmin},
	"identity.account.view":        {authz.RoleAdmin},
	"identity.pii.reveal":          {authz.RoleAdmin},
	"identity.account.own":         authz.AllRoles,
	"identity.security.manage":     {authz.RoleFrontDesk, authz.RoleApprover, authz.RoleInspector, authz.RoleGridWorker, authz.RoleProperty, authz.RoleLeader, authz.RoleAdmin},
	"identity.realname.update":     {authz.RoleResident, authz.RoleEnterprise},
	"identity.enterprise.register": {authz.RoleResident, authz.RoleEnterprise},
	"identity.enterprise.agents":   {authz.RoleEnterprise},
	"identity.enterprise.act":      {authz.RoleEnterprise},
}

// probes call the service method guarded by each action.
var probes = map[string]func(w *matrixWorld, a *authz.Actor) error{
	"identity.staff.create": func(w *matrixWorld, a *authz.Actor) error {
		w.seq++
		_, err := w.f.s.CreateStaff(w.f.ctx, a, identity.StaffInput{Username: fmt.Sprintf("probe%d", w.seq),
			Password: staffPass, Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: street1}}})
		return err
	},
	"identity.grant.assign": func(w *matrixWorld, a *authz.Actor) error {
		return w.f.s.GrantRole(w.f.ctx, a, w.target, authz.Grant{Role: authz.RoleApprover, Scope: street1})
	},
	"identity.grant.revoke": func(w *matrixWorld, a *authz.Actor) error {
		return w.f.s.RevokeRole(w.f.ctx, a, w.target, authz.Grant{Role: authz.RoleInspector, Scope: street1})
	},
	"identity.account.manage": func(w *matrixWorld, a *authz.Actor) error {
		return w.f.s.SetStatus(w.f.ctx, a, w.target, identity.StatusActive)
	},
	"identity.account.view": func(w *matrixWorld, a *authz.Actor) error {
		_, err := w.f.s.Account(w.f.ctx, a, w.target)
		return err
	},
	"identity.pii.reveal": func(w *matrixWorld, a *authz.Actor) error {
		_, err := w.f.s.RevealPII(w.f.ctx, a, w.resident)
		return err
	},
	"identity.account.own": func(w *matrixWorld, a *authz.Actor) error {
		_, err := w.f.s.Me(w.f.ctx, a)
		return err
	},
	"identity.security.manage": func(w *matrixWorld, a *authz.Actor) error {
		_, err := w.f.s.StartTOTP(w.f.ctx, a)
		return err
	},
	"identity.realname.update": func(w *matrixWorld, a *authz.Actor) error {
		return w.f.s.UpdateRealName(w.f.ctx, a, "张三", check.MakeIDNumber("320113", start.AddDate(-40, 0, 0), 5))
	},
	"identity.enterprise.register": func(w *matrixWorld, a *authz.Actor) error {
		w.seq++
		_, err := w.f.s.RegisterEnterprise(w.f.ctx, a, check.MakeCreditCode(fmt.Sprintf("9132011300%07d", w.seq)), "探针公司")
		return err
	},
	"identity.enterprise.agents": func(w *matrixWorld, a *authz.Actor) error {
		return w.f.s.AddEnterpriseAgent(w.f.ctx, a, w.enterprise, otherPhone)
	},
	"identity.enterprise.act": func(w *matrixWorld, a *authz.Actor) error {
		_, err := w.f.s.ActsFor(w.f.ctx, a, w.enterprise)
		return err
	},
}

func newMatrixWorld(t *testing.T) *matrixWorld {
	f := newFixture(t)
	w := &matrixWorld{f: f, staffIDs: map[authz.Role]int64{}}
	_, w.target = f.staff(t, authz.RoleFrontDesk, street1)
	rep, _ := f.realNamed(t, testPhone, 41)
	w.legalRep = rep.AccountID
	e, err := f.s.RegisterEnterprise(f.ctx, rep, validCredit(t, "MA1MATR0"), "矩阵公司")
	if err != nil {
		t.Fatal(err)
	}
	w.enterprise = e.ID
	res, _ := f.realNamed(t, otherPhone, 42)
	w.resident = res.AccountID
	vol, _ := f.resident(t, "13700000000")
	w.volunteer = vol.AccountID
	for _, r := range authz.AllRoles {
		if r.IsStaff() {
			_, w.staffIDs[r] = f.staff(t, r, authz.District(district))
		}
	}
	return w
}

// actorFor is an actor holding only role, over the scope that role is
// given in practice: the district for staff, a community for volunteers,
// the account itself for residents and enterprise users.
func (w *matrixWorld) actorFor(role authz.Role) *authz.Actor {
	switch role {
	case authz.RoleResident:
		return &authz.Actor{AccountID: w.resident, Kind: authz.KindResident, District: district,
			Grants: []authz.Grant{{Role: role, Scope: authz.Self(w.resident)}}}
	case authz.RoleEnterprise:
		return &authz.Actor{AccountID: w.legalRep, Kind: authz.KindEnterprise, District: district,
			Grants: []authz.Grant{{Role: role, Scope: authz.Self(w.legalRep)}}}
	case authz.RoleVolunteer:
		return &authz.Actor{AccountID: w.volunteer, Kind: authz.KindResident, District: district,
			Grants: []authz.Grant{{Role: role, Scope: authz.Scope{Kind: authz.ScopeCommunity, Code: "320113001002"}}}}
	}
	id := w.staffIDs[role]
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, District: district,
		Grants: []authz.Grant{{Role: role, Scope: authz.District(district)}}}
}

// refused reports whether err is the permission check's refusal of act.
func refused(err error, act *authz.Action) bool {
	e, ok := apperr.As(err)
	return ok && (e.Code == apperr.CodeUnauthorized || e.Code == apperr.CodeForbidden && e.Message == "您无权"+act.Title)
}

func identityActions(t *testing.T) []*authz.Action {
	var out []*authz.Action
	for _, a := range authz.Actions() {
		if strings.HasPrefix(a.Name, "identity.") {
			out = append(out, a)
		}
	}
	if len(out) != len(allowed) || len(out) != len(probes) {
		t.Fatalf("%d identity actions defined, %d in the table, %d probes", len(out), len(allowed), len(probes))
	}
	return out
}

func TestPermissionMatrix(t *testing.T) {
	w := newMatrixWorld(t)
	for _, act := range identityActions(t) {
		want, probe := allowed[act.Name], probes[act.Name]
		if want == nil || probe == nil {
			t.Fatalf("action %s has no expectation or probe", act.Name)
		}
		for _, role := range authz.AllRoles {
			t.Run(act.Name+"/"+string(role), func(t *testing.T) {
				may := containsRole(want, role)
				err := probe(w, w.actorFor(role))
				if got := !refused(err, act); got != may {
					t.Fatalf("%s as %s: allowed=%v (err %v), want %v", act.Name, role, got, err, may)
				}
			})
		}
		t.Run(act.Name+"/anonymous", func(t *testing.T) {
			if err := probe(w, nil); apperr.CodeOf(err) != apperr.CodeUnauthorized {
				t.Fatalf("anonymous: %v", err)
			}
		})
	}
}

func containsRole(rs []authz.Role, r authz.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

func TestPermissionsOutOfScope(t *testing.T) {
	w := newMatrixWorld(t)
	f := w.f
	admin := f.bootstrapAdmin(t)
	streetAdmin := &authz.Actor{AccountID: w.staffIDs[authz.RoleAdmin], Kind: authz.KindStaff, District: district,
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: street2}}}
	otherDistrict := &authz.Actor{AccountID: w.staffIDs[authz.RoleAdmin], Kind: authz.KindStaff, District: "320102",
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District("320102")}}}
	_, other := f.resident(t, "13600000000")
	otherActor := f.lookup(t, other)
	cases := []struct {
		name string
		call func() error
	}{
		{"street admin creates on another street", func() error {
			_, err := f.s.CreateStaff(f.ctx, streetAdmin, identity.StaffInput{Username: "oos1", Password: staffPass,
				Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: street1}}})
			return err
		}},
		{"street admin grants on another street", func() error {
			return f.s.GrantRole(f.ctx, streetAdmin, w.target, authz.Grant{Role: authz.RoleApprover, Scope: street1})
		}},
		{"street admin revokes on another street", func() error {
			return f.s.RevokeRole(f.ctx, streetAdmin, w.target, authz.Grant{Role: authz.RoleFrontDesk, Scope: street1})
		}},
		{"street admin manages a street-1 account", func() error {
			return f.s.SetStatus(f.ctx, streetAdmin, w.target, identity.StatusDisabled)
		}},
		{"street admin resets the district admin", func() error {
			return f.s.ResetPassword(f.ctx, streetAdmin, admin.AccountID, "Taken-over-2026")
		}},
		{"street admin views a street-1 account", func() error {
			_, err := f.s.Account(f.ctx, streetAdmin, w.target)
			return err
		}},
		{"street admin reveals a resident", func() error {
			_, err := f.s.RevealPII(f.ctx, streetAdmin, w.resident)
			return err
		}},
		{"other district admin views", func() error {
			_, err := f.s.Account(f.ctx, otherDistrict, w.target)
			return err
		}},
		{"other district admin creates here", func() error {
			_, err := f.s.CreateStaff(f.ctx, otherDistrict, identity.StaffInput{District: district, Username: "oos2",
				Password: staffPass, Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: street1}}})
			return err
		}},
		{"other district admin grants here", func() error {
			return f.s.GrantRole(f.ctx, otherDistrict, w.target, authz.Grant{Role: authz.RoleApprover, Scope: street1})
		}},
		{"resident acts for an enterprise not theirs", func() error {
			_, err := f.s.ActsFor(f.ctx, otherActor, w.enterprise)
			return err
		}},
		{"enterprise user manages agents of another enterprise", func() error {
			return f.s.AddEnterpriseAgent(f.ctx, w.actorFor(authz.RoleEnterprise), w.enterprise+1000, "13600000000")
		}},
		{"resident reveals their own data by the admin door", func() error {
			_, err := f.s.RevealPII(f.ctx, otherActor, otherActor.AccountID)
			return err
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			switch err := c.call(); apperr.CodeOf(err) {
			case apperr.CodeForbidden, apperr.CodeNotFound:
			default:
				t.Fatalf("not refused: %v", err)
			}
		})
	}
	// Nothing changed: the target is still active with its one grant.
	v, err := f.s.Account(f.ctx, admin, w.target)
	if err != nil || v.Status != identity.StatusActive || len(v.Grants) != 1 {
		t.Fatalf("target after refused calls: %+v, %v", v, err)
	}
}

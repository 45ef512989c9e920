package identity_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func usernames(t *testing.T, f *fixture, actor *authz.Actor, limit, offset int) ([]string, int) {
	t.Helper()
	l, err := f.s.ListStaff(f.ctx, actor, limit, offset)
	if err != nil {
		t.Fatalf("ListStaff: %v", err)
	}
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Username)
	}
	return out, l.Total
}

func TestListStaffFollowsTheAdministratorsScope(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	in := func(name string, grants ...authz.Grant) {
		t.Helper()
		if _, err := f.s.Bootstrap(f.ctx, staffInputNamed(name, grants...)); err != nil {
			t.Fatal(err)
		}
	}
	in("a.street1", authz.Grant{Role: authz.RoleFrontDesk, Scope: street1})
	in("b.grid1", authz.Grant{Role: authz.RoleGridWorker, Scope: authz.Scope{Kind: authz.ScopeGrid, Code: "320113001002003"}})
	in("c.both", authz.Grant{Role: authz.RoleFrontDesk, Scope: street1}, authz.Grant{Role: authz.RoleInspector, Scope: street2})
	in("d.street2", authz.Grant{Role: authz.RoleApprover, Scope: street2})
	in("e.dept", authz.Grant{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"}})
	in("f.none")
	in("g.point", authz.Grant{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113001P01"}})

	names, total := usernames(t, f, admin, 100, 0)
	if total != 8 || len(names) != 8 || names[0] != "a.street1" || names[1] != "admin" {
		t.Fatalf("district admin sees %v (%d)", names, total)
	}
	l, _ := f.s.ListStaff(f.ctx, admin, 100, 0)
	if got := l.Items[3]; got.Username != "c.both" || len(got.Grants) != 2 || got.Grants[1].Scope != street2 {
		t.Fatalf("grants not attached: %+v", got)
	}
	streetAdmin, _ := f.staff(t, authz.RoleAdmin, street1)
	names, total = usernames(t, f, streetAdmin, 100, 0)
	want := []string{"a.street1", "b.grid1", "g.point"}
	// The street administrator sees their own account too (admin over street 1).
	if total != 4 || len(names) != 4 || names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
		t.Fatalf("street admin sees %v (%d)", names, total)
	}
	page, total := usernames(t, f, admin, 3, 3)
	if total != 9 || len(page) != 3 || page[0] != "c.both" { // the street admin joined
		t.Fatalf("second page %v (%d)", page, total)
	}
	for _, bad := range [][2]int{{0, 0}, {101, 0}, {10, -1}} {
		_, err := f.s.ListStaff(f.ctx, admin, bad[0], bad[1])
		wantCode(t, err, apperr.CodeInvalid, "limit")
	}
}

func TestListStaffPermissions(t *testing.T) {
	w := newMatrixWorld(t)
	for _, role := range authz.AllRoles {
		t.Run(string(role), func(t *testing.T) {
			_, err := w.f.s.ListStaff(w.f.ctx, w.actorFor(role), 10, 0)
			if may := role == authz.RoleAdmin; may != (err == nil) {
				t.Fatalf("%s: err %v, may %v", role, err, may)
			}
			if err != nil && apperr.CodeOf(err) != apperr.CodeForbidden {
				t.Fatalf("%s: %v", role, err)
			}
		})
	}
	_, err := w.f.s.ListStaff(w.f.ctx, nil, 10, 0)
	wantCode(t, err, apperr.CodeUnauthorized, "")
	other := &authz.Actor{AccountID: 1, Kind: authz.KindStaff, District: "320102",
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District("320102")}}}
	if names, total := usernames(t, w.f, other, 100, 0); total != 0 || len(names) != 0 {
		t.Fatalf("another district's admin sees %v", names)
	}
}

func staffInputNamed(name string, grants ...authz.Grant) identity.StaffInput {
	in := staffInputWith(grants...)
	in.Username = name
	return in
}

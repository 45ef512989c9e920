package identity_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestBootstrapCreatesAnAuditedAdministrator(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	if admin.Kind != authz.KindStaff || admin.District != district || admin.Name != "区管理员" {
		t.Fatalf("actor = %+v", admin)
	}
	if !admin.Has(authz.RoleAdmin) {
		t.Fatalf("admin holds no admin role: %+v", admin.Grants)
	}
	var actorKind string
	if err := f.d.QueryRow(f.ctx, `SELECT actor_kind FROM audit_log WHERE action = 'identity.staff.create'`).
		Scan(&actorKind); err != nil {
		t.Fatal(err)
	}
	if actorKind != string(authz.KindSystem) {
		t.Fatalf("bootstrap audited as %q, want the system", actorKind)
	}
	if _, err := f.s.Bootstrap(f.ctx, identity.StaffInput{District: "32011", Username: "x1x", Password: adminPass}); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Fatalf("bad district: %v", err)
	}
}

func TestCreateStaffByAdministrator(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	id, err := f.s.CreateStaff(f.ctx, admin, identity.StaffInput{Username: "Wang.Li", Password: staffPass,
		DisplayName: "王丽", Phone: "138 1234 5678",
		Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113001P01"}}}})
	if err != nil {
		t.Fatal(err)
	}
	v, err := f.s.Account(f.ctx, admin, id)
	if err != nil {
		t.Fatal(err)
	}
	if v.Username != "wang.li" || v.DisplayName != "王丽" || v.Phone != "138****5678" || v.District != district ||
		len(v.Grants) != 1 || v.Grants[0].Role != authz.RoleFrontDesk {
		t.Fatalf("view = %+v", v)
	}
	// Username is case-insensitive at sign-in.
	if a := f.loginStaff(t, "WANG.LI", staffPass); a.AccountID != id {
		t.Fatalf("signed in as %d, want %d", a.AccountID, id)
	}
}

func TestCreateStaffBadInput(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	grants := []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"}}}
	cases := []struct {
		name  string
		in    identity.StaffInput
		field string
	}{
		{"username too long", identity.StaffInput{Username: strings.Repeat("a", 33), Password: staffPass}, "username"},
		{"username too short", identity.StaffInput{Username: "ab", Password: staffPass}, "username"},
		{"username injection", identity.StaffInput{Username: "a'; DROP TABLE accounts;--", Password: staffPass}, "username"},
		{"password too long", identity.StaffInput{Username: "longpass", Password: strings.Repeat("aB3", 43)}, "password"},
		{"password too short", identity.StaffInput{Username: "shortpass", Password: "aB3aB3aB3"}, "password"},
		{"password one class", identity.StaffInput{Username: "oneclass", Password: "abcdefghijkl"}, "password"},
		{"password digits", identity.StaffInput{Username: "digits", Password: "12345678901234"}, "password"},
		{"display name too long", identity.StaffInput{Username: "longname", Password: staffPass, DisplayName: strings.Repeat("王", 65)}, "display_name"},
		{"display name control", identity.StaffInput{Username: "ctrlname", Password: staffPass, DisplayName: "a\x00b"}, "display_name"},
		{"bad phone", identity.StaffInput{Username: "badphone", Password: staffPass, Phone: "12345"}, "phone"},
		{"resident role", identity.StaffInput{Username: "resrole", Password: staffPass,
			Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.District(district)}}}, "role"},
		{"volunteer role", identity.StaffInput{Username: "volrole", Password: staffPass,
			Grants: []authz.Grant{{Role: authz.RoleVolunteer, Scope: authz.District(district)}}}, "role"},
		{"unknown role", identity.StaffInput{Username: "unkrole", Password: staffPass,
			Grants: []authz.Grant{{Role: "king", Scope: authz.District(district)}}}, "role"},
		{"bad scope shape", identity.StaffInput{Username: "badscope", Password: staffPass,
			Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeStreet, Code: "3201130011"}}}}, "scope"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.in.Grants == nil {
				c.in.Grants = grants
			}
			_, err := f.s.CreateStaff(f.ctx, admin, c.in)
			wantCode(t, err, apperr.CodeInvalid, c.field)
		})
	}
	if n := f.count(t, `SELECT COUNT(*) FROM accounts`); n != 1 {
		t.Fatalf("%d accounts after refused creations", n)
	}
}

func TestInjectionNamesRoundTripVerbatim(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	names := []string{
		`<script>alert("xss")</script>`,
		`Robert'); DROP TABLE accounts;--`,
		`" OR 1=1 --`,
		`{{.Secret}} ${7*7} %s%n`,
		`王'小"明<b>&amp;`,
	}
	for i, name := range names {
		id, err := f.s.CreateStaff(f.ctx, admin, identity.StaffInput{Username: "inj" + string(rune('a'+i)),
			Password: staffPass, DisplayName: name,
			Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: authz.District(district)}}})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		v, err := f.s.Account(f.ctx, admin, id)
		if err != nil {
			t.Fatal(err)
		}
		if v.DisplayName != name {
			t.Fatalf("stored %q, read back %q", name, v.DisplayName)
		}
	}
	// The table survived every name.
	if n := f.count(t, `SELECT COUNT(*) FROM accounts`); n != len(names)+1 {
		t.Fatalf("%d accounts", n)
	}
}

func TestDuplicateUsernameIsAConflict(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	in := identity.StaffInput{Username: "zhang", Password: staffPass,
		Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: authz.District(district)}}}
	if _, err := f.s.CreateStaff(f.ctx, admin, in); err != nil {
		t.Fatal(err)
	}
	in.Username = "ZHANG"
	_, err := f.s.CreateStaff(f.ctx, admin, in)
	wantCode(t, err, apperr.CodeConflict, "username")
	// Another district may reuse the name.
	if _, err := f.s.Bootstrap(f.ctx, identity.StaffInput{District: "320102", Username: "zhang", Password: staffPass}); err != nil {
		t.Fatalf("same username in another district: %v", err)
	}
}

func TestConcurrentCreationOfOneUsernameHasOneWinner(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			_, errs[i] = f.s.CreateStaff(f.ctx, admin, identity.StaffInput{Username: "same", Password: staffPass,
				Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: authz.District(district)}}})
		})
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		switch {
		case err == nil:
			won++
		case apperr.CodeOf(err) != apperr.CodeConflict:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if won != 1 {
		t.Fatalf("%d creations won, want exactly 1", won)
	}
	if c := f.count(t, `SELECT COUNT(*) FROM accounts WHERE username = 'same'`); c != 1 {
		t.Fatalf("%d rows", c)
	}
	if c := f.auditCount(t, "identity.staff.create"); c != 2 {
		t.Fatalf("%d creation audits, want 2 (admin + winner)", c)
	}
}

func TestStreetAdminCreatesOnlyInsideItsScope(t *testing.T) {
	f := newFixture(t)
	streetAdmin, _ := f.staff(t, authz.RoleAdmin, authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"})
	in := identity.StaffInput{Username: "grid1", Password: staffPass,
		Grants: []authz.Grant{{Role: authz.RoleGridWorker, Scope: authz.Scope{Kind: authz.ScopeGrid, Code: "320113001002003"}}}}
	if _, err := f.s.CreateStaff(f.ctx, streetAdmin, in); err != nil {
		t.Fatalf("inside scope: %v", err)
	}
	in.Username = "grid2"
	in.Grants[0].Scope.Code = "320113002002003"
	_, err := f.s.CreateStaff(f.ctx, streetAdmin, in)
	wantCode(t, err, apperr.CodeForbidden, "")
	in.Username = "nogrant"
	in.Grants = nil
	_, err = f.s.CreateStaff(f.ctx, streetAdmin, in)
	wantCode(t, err, apperr.CodeForbidden, "")
	in.District, in.Username = "320102", "elsewhere"
	in.Grants = []authz.Grant{{Role: authz.RoleLeader, Scope: authz.District("320102")}}
	_, err = f.s.CreateStaff(f.ctx, streetAdmin, in)
	wantCode(t, err, apperr.CodeForbidden, "")
}

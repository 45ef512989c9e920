package identity_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

var (
	street1 = authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"}
	street2 = authz.Scope{Kind: authz.ScopeStreet, Code: "320113002"}
)

func TestGrantAndRevokeInsideTheAdministratorsScope(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	streetAdmin, _ := f.staff(t, authz.RoleAdmin, street1)
	_, workerID := f.staff(t, authz.RoleGridWorker, authz.Scope{Kind: authz.ScopeGrid, Code: "320113001001001"})
	community := authz.Grant{Role: authz.RoleGridWorker, Scope: authz.Scope{Kind: authz.ScopeCommunity, Code: "320113001002"}}
	if err := f.s.GrantRole(f.ctx, streetAdmin, workerID, community); err != nil {
		t.Fatalf("grant inside scope: %v", err)
	}
	if err := f.s.GrantRole(f.ctx, streetAdmin, workerID, community); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("duplicate grant: %v", err)
	}
	outside := authz.Grant{Role: authz.RoleGridWorker, Scope: street2}
	wantCode(t, f.s.GrantRole(f.ctx, streetAdmin, workerID, outside), apperr.CodeForbidden, "")
	wantCode(t, f.s.GrantRole(f.ctx, streetAdmin, workerID, authz.Grant{Role: authz.RoleAdmin, Scope: authz.District(district)}),
		apperr.CodeForbidden, "")
	if err := f.s.GrantRole(f.ctx, admin, workerID, outside); err != nil {
		t.Fatalf("district admin: %v", err)
	}
	// The street admin may not take back what lies outside its scope.
	wantCode(t, f.s.RevokeRole(f.ctx, streetAdmin, workerID, outside), apperr.CodeForbidden, "")
	if err := f.s.RevokeRole(f.ctx, streetAdmin, workerID, community); err != nil {
		t.Fatal(err)
	}
	wantCode(t, f.s.RevokeRole(f.ctx, streetAdmin, workerID, community), apperr.CodeNotFound, "")
	grants, err := f.s.Grants(f.ctx, admin, workerID)
	if err != nil {
		t.Fatal(err)
	}
	if len(grants) != 2 {
		t.Fatalf("grants %+v", grants)
	}
	// The street admin cannot see an account holding a grant outside its scope.
	_, err = f.s.Grants(f.ctx, streetAdmin, workerID)
	wantCode(t, err, apperr.CodeForbidden, "")
	if f.auditCount(t, "identity.grant.assign") != 2 || f.auditCount(t, "identity.grant.revoke") != 1 {
		t.Fatal("grant changes not audited")
	}
}

func TestGrantRules(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	resident, _ := f.resident(t, testPhone)
	_, staffID := f.staff(t, authz.RoleLeader, authz.District(district))
	community := authz.Scope{Kind: authz.ScopeCommunity, Code: "320113001002"}
	cases := []struct {
		name    string
		account int64
		grant   authz.Grant
		code    apperr.Code
	}{
		{"volunteer for a resident", resident.AccountID, authz.Grant{Role: authz.RoleVolunteer, Scope: community}, ""},
		{"staff role for a resident", resident.AccountID, authz.Grant{Role: authz.RoleFrontDesk, Scope: community}, apperr.CodeInvalid},
		{"resident role by hand", resident.AccountID, authz.Grant{Role: authz.RoleResident, Scope: community}, apperr.CodeInvalid},
		{"volunteer for staff", staffID, authz.Grant{Role: authz.RoleVolunteer, Scope: community}, apperr.CodeInvalid},
		{"enterprise by hand", staffID, authz.Grant{Role: authz.RoleEnterprise, Scope: community}, apperr.CodeInvalid},
		{"self scope", staffID, authz.Grant{Role: authz.RoleApprover, Scope: authz.Self(staffID)}, apperr.CodeForbidden},
		{"bad department", staffID, authz.Grant{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: "320113X01"}}, apperr.CodeInvalid},
		{"service point", staffID, authz.Grant{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113P01"}}, ""},
		{"other district", staffID, authz.Grant{Role: authz.RoleApprover, Scope: authz.District("320102")}, apperr.CodeForbidden},
		{"missing account", 999999, authz.Grant{Role: authz.RoleApprover, Scope: community}, apperr.CodeNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := f.s.GrantRole(f.ctx, admin, c.account, c.grant)
			if c.code == "" && err != nil || c.code != "" && apperr.CodeOf(err) != c.code {
				t.Fatalf("GrantRole = %v, want %q", err, c.code)
			}
		})
	}
	own := authz.Grant{Role: authz.RoleAdmin, Scope: authz.District(district)}
	wantCode(t, f.s.RevokeRole(f.ctx, admin, admin.AccountID, own), apperr.CodeForbidden, "")
}

func TestStreetAdministratorCannotManageADistrictAdministrator(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	streetAdmin, streetAdminID := f.staff(t, authz.RoleAdmin, street1)
	wantCode(t, f.s.ResetPassword(f.ctx, streetAdmin, admin.AccountID, "Taken-over-2026"), apperr.CodeForbidden, "")
	_, err := f.s.Account(f.ctx, streetAdmin, admin.AccountID)
	wantCode(t, err, apperr.CodeForbidden, "")
	if err := f.s.ResetPassword(f.ctx, admin, streetAdminID, "Street-admin-2026"); err != nil {
		t.Fatal(err)
	}
}

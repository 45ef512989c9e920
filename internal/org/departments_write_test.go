package org

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

func TestSetDepartmentCreditCode(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	good := DemoCreditCode(QixiaCode, "320113D05")
	if res, err := check.CreditCode(good); err != nil || !res.ChecksumOK || !res.OrgCodeOK {
		t.Fatalf("demo code %s: %+v %v", good, res, err)
	}
	dist := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	own := actorWith(2, authz.RoleAdmin, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D05"})
	other := actorWith(3, authz.RoleAdmin, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"})
	approver := actorWith(4, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D05"})
	for _, tc := range []struct {
		name  string
		actor *authz.Actor
		code  string
		want  apperr.Code
	}{
		{"approver may not", approver, good, apperr.CodeForbidden},
		{"admin of another department may not", other, good, apperr.CodeForbidden},
		{"anonymous may not", nil, good, apperr.CodeForbidden},
		{"district admin may", dist, good, ""},
		{"department admin may", own, good, ""},
	} {
		_, err := s.SetDepartmentCreditCode(ctx, tc.actor, "320113D05", tc.code)
		if tc.want == "" && err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
		if got := apperr.CodeOf(err); tc.want != "" && got != tc.want && !(tc.want == apperr.CodeForbidden && got == apperr.CodeUnauthorized) {
			t.Errorf("%s: got %v", tc.name, err)
		}
	}
	wrongCheck := good[:17] + string(otherChar(good[17]))
	for _, code := range []string{"", wrongCheck, "1' OR '1'='1", good + good} {
		_, err := s.SetDepartmentCreditCode(ctx, dist, "320113D05", code)
		wantInvalid(t, err, "credit_code")
	}
	if _, err := s.SetDepartmentCreditCode(ctx, dist, "320113D99", good); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown department: %v", err)
	}
	if _, err := s.SetDepartmentCreditCode(ctx, dist, "320113001", good); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("a street is no department: %v", err)
	}
	dep, err := s.GetDepartment(ctx, nil, "320113D05")
	if err != nil || dep.CreditCode != good {
		t.Fatalf("stored: %+v %v", dep, err)
	}
	if n := auditCount(t, d, "org.department.update"); n != 2 {
		t.Errorf("audit records: %d, want 2", n)
	}
}

func TestSeedDemoCreditCodes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	n, err := s.SeedDemoCreditCodes(ctx, QixiaCode)
	if err != nil || n != 27 {
		t.Fatalf("seeded %d: %v", n, err)
	}
	if n, err := s.SeedDemoCreditCodes(ctx, QixiaCode); err != nil || n != 0 {
		t.Fatalf("second run seeded %d: %v", n, err)
	}
	l, err := s.ListDepartments(ctx, nil, QixiaCode, Page{Limit: MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, dep := range l.Items {
		if seen[dep.CreditCode] || dep.CreditCode == "" {
			t.Errorf("%s: code %q missing or repeated", dep.Code, dep.CreditCode)
		}
		seen[dep.CreditCode] = true
	}
}

// otherChar returns a credit-code character different from c.
func otherChar(c byte) byte {
	if c == '0' {
		return '1'
	}
	return '0'
}

package license_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// The item's 主管部门 names the issuing department; its credit code is
// the identifier's issuer code, and a department without one cannot issue.
func TestOrgIssuers(t *testing.T) {
	f := newFixture(t)
	if _, err := org.SeedQixia(f.ctx, f.d); err != nil {
		t.Fatal(err)
	}
	iss := license.OrgIssuers{Org: org.New(f.d)}
	item := catalog.Item{ImplCode: "X1", Department: "区市场监管局"}
	_, err := iss.IssuerFor(f.ctx, district, item)
	wantCode(t, err, apperr.CodeConflict)
	if _, err := f.d.Write.ExecContext(f.ctx, f.d.Rebind(`UPDATE departments SET credit_code = ? WHERE name = ?`),
		issuerCode, "南京市栖霞区市场监督管理局"); err != nil {
		t.Fatal(err)
	}
	got, err := iss.IssuerFor(f.ctx, district, item)
	if err != nil || got.Name != "南京市栖霞区市场监督管理局" || got.Department == "" || got.CreditCode != issuerCode {
		t.Fatalf("issuer = %+v, %v", got, err)
	}
	in := input()
	in.Department, in.IssuerName, in.IssuerCode = got.Department, got.Name, got.CreditCode
	if _, err := f.s.Issue(f.ctx, admin, in); err != nil {
		t.Fatalf("issue with the seeded issuer %+v: %v", got, err)
	}
	_, err = iss.IssuerFor(f.ctx, district, catalog.Item{ImplCode: "X2", Department: "不存在的局"})
	wantCode(t, err, apperr.CodeNotFound)
}

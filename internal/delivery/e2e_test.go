package delivery_test

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/approval/approvaltest"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// itemTrade is the demo catalogue's 个体工商户设立登记.
const itemTrade = "012300100001-320113"

var (
	reviewer = staff(31, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D23"})
	checker  = staff(32, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D23"})
)

// TestDecisionThroughApproval: with the hook registered on the real
// approval service, deciding an application opens its delivery with the
// application's and the decision's numbers.
func TestDecisionThroughApproval(t *testing.T) {
	f := newFixture(t)
	a := f.approval(t)
	id := f.fileAndAccept(t, a)
	f.decideAll(t, a, id, approval.OutcomeApprove)
	got, err := a.Get(f.ctx, alice, id)
	if err != nil || got.Decision != "approved" {
		t.Fatalf("application %s %q, %v", got.State, got.Decision, err)
	}
	d := f.byApp(t, alice, id)
	if d.State != delivery.StateAwaiting || d.ApplicationNo != got.Number || d.DecisionNo != got.DecisionNo ||
		d.DecisionNo == "" || d.ItemName != got.ItemName {
		t.Fatalf("delivery = %+v, application %+v", d, got.Application)
	}
	refused := f.fileAndAccept(t, a)
	f.decideAll(t, a, refused, approval.OutcomeRefuse)
	if got, err := a.Get(f.ctx, alice, refused); err != nil || got.Decision != "refused" {
		t.Fatalf("application %s %q, %v", got.State, got.Decision, err)
	}
	if ds, err := f.s.Mine(f.ctx, alice); err != nil || len(ds) != 1 {
		t.Fatalf("deliveries after a refusal: %+v, %v", ds, err)
	}
}

// approval returns a real approval service on the fixture's database
// with OpenDelivery registered, and the demo catalogue.
func (f *fixture) approval(t testing.TB) *approval.Service {
	t.Helper()
	o := org.New(f.d)
	cat := catalog.New(f.d, catalog.OrgDepartments{Org: o})
	f.clock.Set(start.Add(-24 * time.Hour))
	if _, err := cat.SeedDemo(f.ctx, district); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(start)
	a := approvaltest.New(t, f.d, cat, o, f.s.Jobs, alicePerson)
	a.OnDecided(f.s.OpenDelivery)
	return a
}

// alicePerson is alice as the identity gate verified her.
var alicePerson = approvaltest.Person{Name: "王小栖", IDNumber: aliceID}

// fileAndAccept files a sole trader's registration for alice and accepts
// it at pointA.
func (f *fixture) fileAndAccept(t testing.TB, a *approval.Service) int64 {
	t.Helper()
	id, err := approvaltest.FileAndAccept(f.ctx, a, approvaltest.Filing{Applicant: alice, FrontDesk: frontA,
		Item: itemTrade, Person: alicePerson})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// decideAll completes every task of the application, reviews by one
// approver and checks by the other, with outcome where the step allows
// it and approval elsewhere.
func (f *fixture) decideAll(t testing.TB, a *approval.Service, id int64, outcome approval.Outcome) {
	t.Helper()
	if err := approvaltest.Decide(f.ctx, a, id, outcome, "不符合《个体工商户登记管理办法》第八条", reviewer, checker); err != nil {
		t.Fatal(err)
	}
}

package credit_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// TestSeedDemo seeds over the real Qixia departments (through
// OrgDepartments) and checks each documented demo subject.
func TestSeedDemo(t *testing.T) {
	f := &fixture{ctx: t.Context(), clock: clock.NewManual(start)}
	f.d = dbtest.Open(t, f.clock)
	if _, err := org.SeedQixia(f.ctx, f.d); err != nil {
		t.Fatal(err)
	}
	f.s = newService(t, f.d, credit.OrgDepartments{Org: org.New(f.d)}, nil)
	for range 2 { // the second run must change nothing
		if err := f.s.SeedDemo(f.ctx, district); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []string{credit.DemoSeriousPerson, credit.DemoBrokenPerson, credit.DemoGeneralPerson, credit.DemoCleanPerson} {
		if err := check.IDNumber(id); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	for _, code := range []string{credit.DemoBlackEntity, credit.DemoRedEntity} {
		if r, err := check.CreditCode(code); err != nil || r.Warning != "" {
			t.Errorf("%s: %v %q", code, err, r.Warning)
		}
	}
	cases := []struct {
		ruleSet string
		role    credit.PartyRole
		code    string
		want    credit.Outcome
		reason  string
	}{
		{"market_entry", credit.LegalRep, credit.DemoSeriousPerson, credit.Refuse, "不得担任新设企业的法定代表人"},
		{"commitment", credit.Applicant, credit.DemoBrokenPerson, credit.Refuse, "不得适用告知承诺"},
		{"market_entry", credit.LegalRep, credit.DemoGeneralPerson, credit.Warn, "一般失信"},
		{"market_entry", credit.LegalRep, credit.DemoCleanPerson, credit.Pass, ""},
		{"market_entry", credit.Shareholder, credit.DemoBlackEntity, credit.Warn, "严重失信主体名单"},
		{"market_entry", credit.Shareholder, credit.DemoRedEntity, credit.Pass, ""},
	}
	for _, c := range cases {
		d := f.check(t, c.ruleSet, c.role, c.code)
		if d.Outcome != c.want || !strings.Contains(strings.Join(d.Reasons(), ""), c.reason) {
			t.Errorf("%s %s: %s %v", c.ruleSet, c.code[:8], d.Outcome, d.Reasons())
		}
	}
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM credit_records`).Scan(&n); err != nil || n != 4 {
		t.Errorf("records after two seeds: %d, %v", n, err)
	}
}

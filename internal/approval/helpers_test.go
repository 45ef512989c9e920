package approval

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

const district = "320113"

// Demo items the tests file applications for.
const (
	itemSoleTrader = "012300100001-320113" // 个体工商户设立登记, bundled with the food licence
	itemFood       = "012300300001-320113" // 食品经营许可（新办）, 告知承诺 allowed
)

// A Monday morning in CST (01:30 UTC), well inside the embedded calendar.
var testNow = time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)

// fixture is an approval service over a database with Qixia's
// organisation and the demo catalogue.
type fixture struct {
	svc    *Service
	clock  *clock.Manual
	signer *testSigner
	notes  *testNotifier
	ident  testIdentity
	credit testCredit
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	if tt, ok := t.(*testing.T); ok {
		tt.Parallel() // each fixture has its own database; seeding dominates
	}
	ctx := context.Background()
	c := clock.NewManual(testNow)
	d := dbtest.Open(t, c)
	if _, err := org.ImportDivisions(ctx, d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(ctx, d); err != nil {
		t.Fatal(err)
	}
	o := org.New(d)
	cat := catalog.New(d, catalog.OrgDepartments{Org: o})
	// Publish the demo catalogue a day before the tests' now.
	c.Set(testNow.Add(-24 * time.Hour))
	if _, err := cat.SeedDemo(ctx, district); err != nil {
		t.Fatal(err)
	}
	c.Set(testNow)
	keys, idx := gmtest.Keys(t)
	q, err := jobs.New(d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{clock: c, signer: &testSigner{}, notes: &testNotifier{},
		ident: testIdentity{levels: map[int64]int{}}, credit: testCredit{black: map[string]bool{}, grey: map[string]bool{}}}
	f.svc = New(Deps{DB: d, Keys: keys, Index: idx, Catalog: cat, Org: o, Files: files.New(d, keys),
		Jobs: q, Calendar: calendar.Default(), Gates: Gates{Identity: f.ident, Credit: f.credit, Signer: f.signer,
			Shared: SharedDataSimulator{}, Notify: f.notes}})
	return f
}

// resident returns a resident acting for themself.
func resident(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, Name: "王*", District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
}

// staff returns a staff member holding role over scope.
func staff(id int64, role authz.Role, kind authz.ScopeKind, code string) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "测试" + role.Name(), District: district,
		Grants: []authz.Grant{{Role: role, Scope: authz.Scope{Kind: kind, Code: code}}}}
}

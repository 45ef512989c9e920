package supervision

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

const district = "320113"

// Demo catalogue items the tests approve.
const (
	itemFood  = "012300300001-320113" // 食品经营许可（新办）, 告知承诺 allowed
	itemTrade = "012300100001-320113" // 个体工商户设立登记, a licence with premises
	itemAid   = "050700500000-320113" // 临时救助: no licence, no inspection
)

// A Monday morning in CST, inside the embedded calendar.
var testNow = time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC)

// fakeApps serves decided applications from memory.
type fakeApps map[int64]approval.Filed

func (f fakeApps) Get(_ context.Context, _ *authz.Actor, id int64) (approval.Filed, error) {
	if a, ok := f[id]; ok {
		return a, nil
	}
	return approval.Filed{}, apperr.NotFound("办件不存在")
}

type fixture struct {
	ctx     context.Context
	d       *db.DB
	clock   *clock.Manual
	s       *Service
	cat     *catalog.Service
	credit  *credit.Service
	apps    fakeApps
	streets map[string]string // name → code
	notes   *notes
	staff   *fakeStaff
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	m := clock.NewManual(testNow)
	return newFixtureOn(t, m, m.Set)
}

// newFixtureOn builds the fixture on clock c; setTime moves it, or is nil
// for a real clock (the catalogue is then published as of now).
func newFixtureOn(t testing.TB, c clock.Clock, setTime func(time.Time)) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), apps: fakeApps{}, streets: map[string]string{}}
	f.clock, _ = c.(*clock.Manual)
	f.d = dbtest.Open(t, c)
	if _, err := org.ImportDivisions(f.ctx, f.d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(f.ctx, f.d); err != nil {
		t.Fatal(err)
	}
	o := org.New(f.d)
	f.cat = catalog.New(f.d, catalog.OrgDepartments{Org: o})
	if setTime != nil {
		setTime(testNow.Add(-24 * time.Hour))
	}
	if _, err := f.cat.SeedDemo(f.ctx, district); err != nil {
		t.Fatal(err)
	}
	if setTime != nil {
		setTime(testNow)
	}
	keys, idx := gmtest.Keys(t)
	var err error
	if f.credit, err = credit.New(f.d, keys, idx, credit.OrgDepartments{Org: o}, nil); err != nil {
		t.Fatal(err)
	}
	q, err := jobs.New(f.d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := OrgDirectory{Org: o}
	sts, err := dir.Streets(f.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range sts {
		f.streets[st.Name] = st.Code
	}
	f.notes, f.staff = &notes{}, &fakeStaff{inspectors: map[string][]int64{f.streets["仙林街道"]: {7, 17}}, approvers: []int64{31}}
	f.s = New(Deps{DB: f.d, Jobs: q, Calendar: calendar.Default(), Applications: f.apps, Credit: f.credit,
		Directory: dir, Files: files.New(f.d, keys), Notify: f.notes.notify, Staff: f.staff})
	return f
}

// decided stores an approved application of the items with the form.
func (f *fixture) decided(t testing.TB, id int64, form map[string]any, items ...string) approval.Filed {
	t.Helper()
	a := approval.Filed{Application: approval.Application{ID: id, District: district, Number: "QX" + itoa(id),
		ItemCode: items[0], ItemVersion: 1, State: approval.StateApproved, Decision: "approved",
		DecisionNo: "栖许" + itoa(id), DecidedAt: f.d.Clock.Now(), Form: form, AcceptedPoint: "320113P01",
		ApplicantID: applicantOf(id)}}
	for _, code := range items {
		v, err := f.cat.Get(f.ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		a.Items = append(a.Items, v)
		a.ItemName = v.Item.Name
	}
	f.apps[id] = a
	return a
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// applicantOf is the account that filed application id in the fixture.
func applicantOf(id int64) int64 { return 500 + id }

// foodShop is the form of a food licence at premises in street.
func foodShop(street string) map[string]any {
	return map[string]any{"operator": "栖霞小厨餐饮店", "credit_code": credit.MakeEntityCode(42),
		"premises": "南京市栖霞区" + street + "文苑路1号"}
}

// inspector returns an inspector of a street.
func inspector(id int64, street string) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "检查员", District: district,
		Grants: []authz.Grant{{Role: authz.RoleInspector, Scope: authz.Scope{Kind: authz.ScopeStreet, Code: street}}}}
}

// staff returns a staff member holding role over the district.
func staff(id int64, role authz.Role) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "测试", District: district,
		Grants: []authz.Grant{{Role: role, Scope: authz.District(district)}}}
}

// compliant is a passing visit for a task in Qixia.
func compliant(t Task) VisitInput {
	checks := make([]bool, len(t.Checklist))
	for i := range checks {
		checks[i] = true
	}
	return VisitInput{Checks: checks, Lat: 32.10, Lng: 118.92, Outcome: OutcomeCompliant, Findings: "现场与登记一致"}
}

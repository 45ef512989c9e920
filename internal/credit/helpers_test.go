package credit_test

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
)

const (
	district = "320113"
	deptA    = "320113D05" // a source department
	deptB    = "320113D06" // another one
)

// start is 09:00 on Monday 2026-03-02 in Nanjing.
var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

// fakeDepts knows deptA and deptB.
type fakeDepts map[string]string

func (f fakeDepts) DepartmentName(_ context.Context, code string) (string, error) {
	if n, ok := f[code]; ok {
		return n, nil
	}
	return "", apperr.NotFound("部门 " + code + " 不存在")
}

type fixture struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	s     *credit.Service
	own   map[int64][]string
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start), own: map[int64][]string{}}
	f.d = dbtest.Open(t, f.clock)
	f.s = newService(t, f.d, fakeDepts{deptA: "市场监管局", deptB: "税务局"}, func(_ context.Context, id int64) ([]string, error) {
		return f.own[id], nil
	})
	return f
}

func newService(t testing.TB, d *db.DB, depts credit.Departments, own credit.OwnSubjects) *credit.Service {
	t.Helper()
	keys, index := gmtest.Keys(t)
	s, err := credit.New(d, keys, index, depts, own)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// personID returns a valid ID number of a Qixia resident, distinct per seq.
func personID(seq int) string {
	return credit.MakePersonID(seq)
}

// entityCode returns a valid credit code, distinct per seq.
func entityCode(seq int) string {
	return credit.MakeEntityCode(seq)
}

// Actors of the district.
var (
	admin     = &authz.Actor{AccountID: 1, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District(district)}}}
	approverA = &authz.Actor{AccountID: 2, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: deptA}}}}
	frontDesk = &authz.Actor{AccountID: 3, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"}}}}
	inspector = &authz.Actor{AccountID: 4, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: authz.RoleInspector, Scope: authz.District(district)}}}
	leader    = &authz.Actor{AccountID: 5, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: authz.RoleLeader, Scope: authz.District(district)}}}
	grid      = &authz.Actor{AccountID: 6, Kind: authz.KindStaff, District: district, Grants: []authz.Grant{{Role: authz.RoleGridWorker, Scope: authz.District(district)}}}
	resident  = &authz.Actor{AccountID: 7, Kind: authz.KindResident, District: district, Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(7)}}}
)

// record adds a record as the administrator, failing the test on error.
func (f *fixture) record(t testing.TB, in credit.RecordInput) credit.Record {
	t.Helper()
	r, err := f.s.AddRecord(f.ctx, admin, in)
	if err != nil {
		t.Fatalf("AddRecord(%s): %v", in.DocumentNo, err)
	}
	return r
}

// rec builds a record input for a person.
func rec(code, doc string, sev credit.Severity) credit.RecordInput {
	return credit.RecordInput{SubjectKind: credit.Person, SubjectCode: code, SubjectName: "张三", Department: deptA,
		Kind: "行政处罚", Severity: sev, DocumentNo: doc, DecidedOn: "2025-06-01", ValidUntil: "2028-06-01"}
}

// wantCode fails unless err carries code.
func wantCode(t testing.TB, err error, code apperr.Code) {
	t.Helper()
	if apperr.CodeOf(err) != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
}

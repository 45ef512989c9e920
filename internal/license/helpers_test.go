package license_test

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
)

const (
	district = "320113"
	deptA    = "320113D05" // issuing department (市场监管局)
	deptB    = "320113D06" // another department
)

// start is 09:00 on Monday 2026-03-02 in Nanjing.
var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

// issuerCode is a valid credit code of a government body (type 11).
var issuerCode = func() string {
	org, err := check.OrgCodeCheckChar("00000001")
	if err != nil {
		panic(err)
	}
	return check.MakeCreditCode("11320113" + "00000001" + string(org))
}()

// personID is a valid Qixia ID number.
var personID = check.MakeIDNumber("320113", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 123)

type notice struct {
	account int64
	text    string
}

type fixture struct {
	ctx     context.Context
	d       *db.DB
	clock   *clock.Manual
	sealer  *testSealer
	s       *license.Service
	notices []notice
}

// testBase is the site address QR codes and share links point to in
// tests.
const testBase = "http://127.0.0.1:8080"

func newFixture(t testing.TB) *fixture {
	t.Helper()
	return newFixtureWith(t, license.WithBaseURL(testBase), license.WithMarks(testMarks{}))
}

// newFixtureWith builds the fixture with the given service options.
func newFixtureWith(t testing.TB, opts ...license.Option) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start), sealer: newTestSealer(t)}
	f.d = dbtest.Open(t, f.clock)
	var err error
	f.s, err = license.New(f.d, gmtest.Keyring(t), gmtest.Indexer(t), f.sealer, func(_ context.Context, _ *db.Tx, id int64, text string) error {
		f.notices = append(f.notices, notice{id, text})
		return nil
	}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Actors of the district.
var (
	system    = authz.System(district)
	admin     = staff(1, authz.RoleAdmin, authz.District(district))
	approverA = staff(2, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: deptA})
	approverB = staff(3, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: deptB})
	frontDesk = staff(4, authz.RoleFrontDesk, authz.District(district))
	holder    = &authz.Actor{AccountID: 70, Kind: authz.KindResident, District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(70)}}}
	stranger = &authz.Actor{AccountID: 71, Kind: authz.KindResident, District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(71)}}}
)

func staff(id int64, role authz.Role, scope authz.Scope) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, District: district,
		Grants: []authz.Grant{{Role: role, Scope: scope}}}
}

// input is a licence for holder issued by deptA.
func input() license.IssueInput {
	return license.IssueInput{Department: deptA, IssuerName: "南京市栖霞区市场监督管理局", IssuerCode: issuerCode,
		TypeCode: "SPJY", Name: "食品经营许可证", ValidFrom: "2026-03-02", ValidUntil: "2031-03-01",
		HolderName: "张三", HolderCode: personID, HolderCodeType: license.HolderIDNumber, HolderAccount: holder.AccountID,
		Territory: "南京市栖霞区", Data: map[string]string{"经营场所": "栖霞区仙林大道1号", "主体业态": "餐饮服务经营者"}}
}

// issue issues input() as approverA, failing the test on error.
func (f *fixture) issue(t testing.TB) license.Licence {
	t.Helper()
	l, err := f.s.Issue(f.ctx, approverA, input())
	if err != nil {
		t.Fatalf("Issue: %v", err)
	}
	return l
}

// verify verifies an identifier, failing the test on error.
func (f *fixture) verify(t testing.TB, id string) license.Verification {
	t.Helper()
	v, err := f.s.Verify(f.ctx, id)
	if err != nil {
		t.Fatalf("Verify(%s): %v", id, err)
	}
	return v
}

// wantCode fails unless err carries code.
func wantCode(t testing.TB, err error, code apperr.Code) {
	t.Helper()
	if apperr.CodeOf(err) != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
}

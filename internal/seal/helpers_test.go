package seal_test

import (
	"context"
	"crypto/rand"
	"errors"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

const (
	district = "320113"
	dept     = "320113D23" // 区市场监管局
	other    = "320113D01" // 区政务办
	credit   = "11320113MB0000000X"
)

var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

type fixture struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	keys  *gm.Keyring
	s     *seal.Service
}

// newFixture opens a database with Qixia's divisions and departments; the
// root CA is not made yet.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start)}
	f.d = dbtest.Open(t, f.clock)
	if _, err := org.ImportDivisions(f.ctx, f.d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(f.ctx, f.d); err != nil {
		t.Fatal(err)
	}
	f.exec(t, `UPDATE departments SET credit_code = ? WHERE code = ?`, credit, dept)
	f.keys = newKeyring(t)
	f.s = f.service(t, f.keys)
	return f
}

func newKeyring(t testing.TB) *gm.Keyring {
	t.Helper()
	k := make([]byte, gm.KeySize)
	_, _ = rand.Read(k)
	kr, err := gm.NewKeyring("k1", map[string][]byte{"k1": k})
	if err != nil {
		t.Fatal(err)
	}
	return kr
}

// service is another node on the same database.
func (f *fixture) service(t testing.TB, keys *gm.Keyring) *seal.Service {
	t.Helper()
	s, err := seal.New(f.d, keys)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// withRoot makes the district root and returns the fixture.
func (f *fixture) withRoot(t testing.TB) *fixture {
	t.Helper()
	if _, err := f.s.InitRoot(f.ctx, admin(), district); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *fixture) seal(t testing.TB, code string, payload []byte) seal.Sealed {
	t.Helper()
	sd, err := f.trySeal(f.s, code, payload)
	if err != nil {
		t.Fatalf("seal: %v", err)
	}
	return sd
}

func (f *fixture) trySeal(s *seal.Service, code string, payload []byte) (seal.Sealed, error) {
	var sd seal.Sealed
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		var err error
		sd, err = s.Seal(f.ctx, tx, code, payload)
		return err
	})
	return sd, err
}

func (f *fixture) exec(t testing.TB, query string, args ...any) {
	t.Helper()
	if err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(f.ctx, query, args...)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func admin() *authz.Actor {
	return &authz.Actor{AccountID: 1, Kind: authz.KindStaff, Name: "系统管理员", District: district,
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District(district)}}}
}

// approver is a department's approver: staff, but not an administrator.
func approver() *authz.Actor {
	return &authz.Actor{AccountID: 2, Kind: authz.KindStaff, Name: "审批人", District: district,
		Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: dept}}}}
}

func wantIs(t testing.TB, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("error = %v, want %v", err, want)
	}
}

func wantCode(t testing.TB, err error, code apperr.Code, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code || (field != "" && e.Fields[field] == "") {
		t.Fatalf("error = %v, want %s on %q", err, code, field)
	}
}

var licence = []byte(`{"证照名称":"食品经营许可证","编号":"JY13201130000001","持证主体":"南京栖霞某某餐饮店"}`)

package identity_test

import (
	"context"
	"fmt"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

const (
	district   = "320113"
	adminName  = "admin"
	adminPass  = "Qixia-admin-2026"
	staffPass  = "Counter-pass-01"
	testIP     = "10.1.2.3"
	otherIP    = "10.9.9.9"
	testPhone  = "13812345678"
	otherPhone = "13987654321"
)

// start is 09:00 on a Monday in Nanjing (01:00 UTC).
var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

// testID is a valid ID number of a Qixia resident born 1990-01-01.
var testID = check.MakeIDNumber("320113", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 123)

// fixture is one service on a fresh database with a manual clock.
type fixture struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	sms   *notify.RecordingSMS
	q     *jobs.Queue
	keys  *gm.Keyring
	index *gm.BlindIndexer
	s     *identity.Service
	cfg   identity.Config
}

// fastPassword keeps argon2id cheap in tests; one test checks the default.
var fastPassword = identity.PasswordParams{Memory: 64, Time: 1, Threads: 1}

func newFixture(t testing.TB, tune ...func(*identity.Config)) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start), sms: notify.NewRecordingSMS()}
	f.d = dbtest.Open(t, f.clock)
	f.keys, f.index = gmtest.Keys(t)
	f.cfg = identity.Config{Index: f.index, Password: fastPassword}
	for _, fn := range tune {
		fn(&f.cfg)
	}
	f.q = mustQueue(t, f.d, nil)
	f.s = f.service(t, nil)
	return f
}

// service returns another Service on the same database (another node).
func (f *fixture) service(t testing.TB, log *slog.Logger) *identity.Service {
	t.Helper()
	s, err := identity.New(f.d, f.keys, f.sms, f.q, f.cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func mustQueue(t testing.TB, d *db.DB, log *slog.Logger) *jobs.Queue {
	t.Helper()
	q, err := jobs.New(d, jobs.Options{Logger: log})
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// bootstrapAdmin creates the district administrator and signs in.
func (f *fixture) bootstrapAdmin(t testing.TB) *authz.Actor {
	t.Helper()
	if _, err := f.s.Bootstrap(f.ctx, identity.StaffInput{District: district, Username: adminName,
		Password: adminPass, DisplayName: "区管理员", Grants: []authz.Grant{{Role: authz.RoleAdmin,
			Scope: authz.District(district)}}}); err != nil {
		t.Fatal(err)
	}
	return f.loginStaff(t, adminName, adminPass)
}

var staffSeq atomic.Int64

// staff creates a staff account with one grant (as the system) and signs in.
func (f *fixture) staff(t testing.TB, role authz.Role, scope authz.Scope) (*authz.Actor, int64) {
	t.Helper()
	name := fmt.Sprintf("staff%d", staffSeq.Add(1))
	id, err := f.s.Bootstrap(f.ctx, identity.StaffInput{District: district, Username: name,
		Password: staffPass, Grants: []authz.Grant{{Role: role, Scope: scope}}})
	if err != nil {
		t.Fatal(err)
	}
	return f.loginStaff(t, name, staffPass), id
}

func (f *fixture) loginStaff(t testing.TB, username, password string) *authz.Actor {
	t.Helper()
	_, token, err := f.s.LoginStaff(f.ctx, district, username, password, "", testIP)
	if err != nil {
		t.Fatalf("login %s: %v", username, err)
	}
	return f.lookup(t, token)
}

func (f *fixture) lookup(t testing.TB, token string) *authz.Actor {
	t.Helper()
	a, _, err := f.s.Lookup(f.ctx, token)
	if err != nil {
		t.Fatalf("lookup: %v", err)
	}
	return a
}

// resident signs a phone in by SMS (creating the account the first time)
// and returns the session's actor and token.
func (f *fixture) resident(t testing.TB, phone string) (*authz.Actor, string) {
	t.Helper()
	if err := f.s.RequestSMSCode(f.ctx, district, phone, testIP); err != nil {
		t.Fatalf("request code: %v", err)
	}
	code, ok := f.sms.LastCode(phone)
	if !ok {
		t.Fatal("no code sent")
	}
	_, token, err := f.s.LoginResident(f.ctx, district, phone, code, testIP)
	if err != nil {
		t.Fatalf("login resident: %v", err)
	}
	return f.lookup(t, token), token
}

// wantCode fails unless err carries code (and, when field is set, names it).
func wantCode(t testing.TB, err error, code apperr.Code, field string) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	if field != "" {
		if _, ok := e.Fields[field]; !ok {
			t.Fatalf("error %v does not name field %q (fields %v)", err, field, e.Fields)
		}
	}
	return e
}

// count returns a single integer from the database.
func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// auditCount counts audit records of an action.
func (f *fixture) auditCount(t testing.TB, action string) int {
	t.Helper()
	return f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = ?`, action)
}

// staffInputWith is a staff account "bench" holding grants.
func staffInputWith(grants ...authz.Grant) identity.StaffInput {
	return identity.StaffInput{District: district, Username: "bench", Password: staffPass, Grants: grants}
}

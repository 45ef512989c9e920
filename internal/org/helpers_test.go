package org

import (
	"context"
	"encoding/csv"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

var testNow = time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)

// openDB returns a fresh migrated database on the engine under test.
func openDB(t testing.TB) *db.DB {
	t.Helper()
	return dbtest.Open(t, clock.NewManual(testNow))
}

// seededService returns a service over a database seeded with Qixia.
func seededService(t testing.TB) (*db.DB, *Service) {
	t.Helper()
	d := openDB(t)
	if _, err := SeedQixia(context.Background(), d); err != nil {
		t.Fatalf("SeedQixia: %v", err)
	}
	return d, New(d)
}

// actorWith returns a signed-in actor holding role over scope.
func actorWith(id int64, role authz.Role, scope authz.Scope) *authz.Actor {
	kind := authz.KindStaff
	if !role.IsStaff() {
		kind = authz.KindResident
	}
	return &authz.Actor{AccountID: id, Kind: kind, Name: "测试" + role.Name(), District: QixiaCode,
		Grants: []authz.Grant{{Role: role, Scope: scope}}}
}

func street(code string) authz.Scope    { return authz.Scope{Kind: authz.ScopeStreet, Code: code} }
func community(code string) authz.Scope { return authz.Scope{Kind: authz.ScopeCommunity, Code: code} }

// countRows counts the rows of a table matching an optional condition.
func countRows(t testing.TB, d *db.DB, table, where string, args ...any) int {
	t.Helper()
	q := `SELECT COUNT(*) FROM ` + table
	if where != "" {
		q += ` WHERE ` + where
	}
	var n int
	if err := d.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

// auditCount counts audit records of an action.
func auditCount(t testing.TB, d *db.DB, action string) int {
	t.Helper()
	return countRows(t, d, "audit_log", "action = ?", action)
}

// wantInvalid asserts that err is an invalid-input error naming field.
func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.CodeInvalid {
		t.Fatalf("want invalid error on %q, got %v", field, err)
	}
	if e.Fields[field] == "" {
		t.Fatalf("want a message for field %q, got fields %v", field, e.Fields)
	}
}

// wantCode asserts the error code of err (nil for success).
func wantCode(t *testing.T, err error, want apperr.Code) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Fatalf("want success, got %v", err)
		}
		return
	}
	if got := apperr.CodeOf(err); got != want {
		t.Fatalf("want %s, got %v", want, err)
	}
}

// csvCounts counts a district's real streets and their communities straight
// from the embedded files, independently of the importer: streets whose
// sequence number is below 400, the communities filed under them, plus
// extra communities filed elsewhere.
func csvCounts(t *testing.T, district string, extra ...string) (streets, communities int) {
	t.Helper()
	src := EmbeddedSource()
	real := map[string]bool{}
	for _, r := range csvRecords(t, src.FS, fileStreets) {
		if r[2] == district && r[0][6:] < "400" {
			real[r[0]] = true
		}
	}
	for _, r := range csvRecords(t, src.FS, fileVillages) {
		isExtra := false
		for _, e := range extra {
			isExtra = isExtra || r[0] == e
		}
		if real[r[2]] || isExtra {
			communities++
		}
	}
	return len(real), communities
}

// csvRecords reads a CSV file without its header.
func csvRecords(t *testing.T, fsys fs.FS, name string) [][]string {
	t.Helper()
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs[1:]
}

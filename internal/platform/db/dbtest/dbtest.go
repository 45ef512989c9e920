// Package dbtest gives each test a fresh, fully migrated database: a SQLite
// file in the test's temp folder by default, or a private schema on the
// PostgreSQL server named by SHANZHI_TEST_POSTGRES_URL.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/migrations"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// PostgresEnv names the variable that selects PostgreSQL for tests.
const PostgresEnv = "SHANZHI_TEST_POSTGRES_URL"

// Open returns a migrated database (schema and River tables) that is
// removed when the test ends. c may be nil for the system clock.
func Open(t testing.TB, c clock.Clock) *db.DB {
	t.Helper()
	ctx := context.Background()
	setting := Setting(t)
	d, err := db.Open(ctx, setting, db.Options{Clock: c})
	if err != nil {
		t.Fatalf("dbtest: open: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(ctx, migrations.All()); err != nil {
		t.Fatalf("dbtest: migrate: %v", err)
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		t.Fatalf("dbtest: migrate jobs: %v", err)
	}
	return d
}

// Setting returns a fresh, empty database setting for one test: a SQLite
// path, or a PostgreSQL URL whose search_path is a new private schema.
func Setting(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	schema := "t_" + randomHex(8)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("dbtest: postgres: %v", err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("dbtest: create schema: %v", err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	return withSearchPath(t, base, schema)
}

func withSearchPath(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("dbtest: %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// cli runs one command line and returns its exit code and output.
func cli(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String() + errOut.String()
}

// useTempDB points the commands at a fresh SQLite file with fresh secrets.
func useTempDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cli.db")
	s, err := newSecrets()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SHANZHI_DB", "sqlite:"+path)
	t.Setenv("SHANZHI_DISTRICT", "320113")
	t.Setenv("SHANZHI_DATA_KEYS", s.dataKeys)
	t.Setenv("SHANZHI_INDEX_KEYS", s.indexKeys)
	t.Setenv("SHANZHI_SECRET", s.secret)
	return path
}

func TestUsageAndVersion(t *testing.T) {
	if code, out := cli(t); code != 2 || !strings.Contains(out, "usage: shanzhi") {
		t.Fatalf("no args: %d %q", code, out)
	}
	if code, out := cli(t, "launch"); code != 2 || !strings.Contains(out, "unknown command") {
		t.Fatalf("unknown: %d %q", code, out)
	}
	if code, out := cli(t, "version"); code != 0 || !strings.HasPrefix(out, "shanzhi ") {
		t.Fatalf("version: %d %q", code, out)
	}
	if code, out := cli(t, "keys"); code != 0 || strings.Count(out, "SHANZHI_") != 3 {
		t.Fatalf("keys: %d %q", code, out)
	}
}

func TestMigrateAdminCreateAndVerifyAudit(t *testing.T) {
	path := useTempDB(t)
	if code, out := cli(t, "migrate"); code != 0 || !strings.Contains(out, "applied") {
		t.Fatalf("migrate: %d %q", code, out)
	}
	if code, out := cli(t, "migrate"); code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second migrate: %d %q", code, out)
	}
	code, out := cli(t, "admin", "create", "--username", "root.admin", "--password", "Correct-Horse-9", "--name", "管理员")
	if code != 0 || !strings.Contains(out, "created staff account") {
		t.Fatalf("admin create: %d %q", code, out)
	}
	if code, out := cli(t, "admin", "create", "--username", "root.admin", "--password", "Correct-Horse-9"); code != 1 || !strings.Contains(out, "conflict") {
		t.Fatalf("duplicate admin: %d %q", code, out)
	}
	if code, out := cli(t, "admin", "create", "--username", "x"); code != 2 {
		t.Fatalf("missing password: %d %q", code, out)
	}
	if code, out := cli(t, "verify", "audit"); code != 0 {
		t.Fatalf("verify intact chain: %d %q", code, out)
	}
	tamper(t, path, `UPDATE audit_log SET action = 'identity.staff.delete' WHERE seq = 1`)
	code, out = cli(t, "verify", "audit")
	if code != 1 || !strings.Contains(out, "edited") {
		t.Fatalf("verify after tampering: %d %q", code, out)
	}
}

func TestImportCommands(t *testing.T) {
	useTempDB(t)
	code, out := cli(t, "import", "divisions", "--district", "320102")
	if code != 0 || !strings.Contains(out, "7 (7 added, 0 updated) streets, 60 (60 added, 0 updated) communities") {
		t.Fatalf("import divisions: %d %q", code, out)
	}
	if code, out := cli(t, "import", "divisions", "--district", "999999"); code != 1 {
		t.Fatalf("unknown district: %d %q", code, out)
	}
	file := filepath.Join(t.TempDir(), "2031.json")
	body := `{"year": 2031, "papers": [], "days": [{"name": "元旦", "date": "2031-01-01", "isOffDay": true}]}`
	if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := cli(t, "import", "holidays", file); code != 0 || !strings.Contains(out, "imported 2031") {
		t.Fatalf("import holidays: %d %q", code, out)
	}
	if err := os.WriteFile(file, []byte(`{"year": 2031, "days": [{"date": "2031-13-01", "isOffDay": true}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := cli(t, "import", "holidays", file); code != 1 || !strings.Contains(out, "bad date") {
		t.Fatalf("bad holidays: %d %q", code, out)
	}
}

func TestDemoStartsOnAFreshFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "demo")
	code, out := cli(t, "demo", "--dir", dir, "--addr", "127.0.0.1:0", "--smoke")
	if code != 0 {
		t.Fatalf("demo: %d %q", code, out)
	}
	for _, want := range []string{"ready in", "/console", "admin", "Qixia-demo-2026", "13800000001", "全科社工"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	// A second start on the same folder keeps the data and the logins.
	if code, out := cli(t, "demo", "--dir", dir, "--addr", "127.0.0.1:0", "--smoke"); code != 0 || !strings.Contains(out, "admin") {
		t.Fatalf("second demo start: %d %q", code, out)
	}
}

// tamper edits the audit log behind the application's back, as someone with
// direct database access would: the append-only triggers go first.
func tamper(t *testing.T, path, stmt string) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{`DROP TRIGGER IF EXISTS audit_log_no_update`, stmt} {
		if _, err := conn.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestCatalogExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	demo := filepath.Join(dir, "demo")
	if code, out := cli(t, "demo", "--dir", demo, "--addr", "127.0.0.1:0", "--smoke"); code != 0 {
		t.Fatalf("demo: %d %q", code, out)
	}
	s, err := demoSecrets(filepath.Join(demo, "secrets.env"))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("SHANZHI_DB", "sqlite:"+filepath.Join(demo, "shanzhi.db"))
	t.Setenv("SHANZHI_DISTRICT", "320113")
	t.Setenv("SHANZHI_DATA_KEYS", s.dataKeys)
	t.Setenv("SHANZHI_INDEX_KEYS", s.indexKeys)
	t.Setenv("SHANZHI_SECRET", s.secret)
	book := filepath.Join(dir, "catalog.xlsx")
	if code, out := cli(t, "export", "catalog", book); code != 0 {
		t.Fatalf("export: %d %q", code, out)
	}
	code, out := cli(t, "import", "catalog", book)
	if code != 0 || !strings.Contains(out, "imported 72 items") {
		t.Fatalf("import: %d %q", code, out)
	}
	if err := os.WriteFile(book, []byte("not a workbook"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out := cli(t, "import", "catalog", book); code != 1 {
		t.Fatalf("import of a non-xlsx file: %d %q", code, out)
	}
}

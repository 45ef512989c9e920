package main

import (
	"bytes"
	"context"
	"database/sql"
	"regexp"
	"strings"
	"testing"
)

// ca runs "shanzhi ca …" and returns its output and error.
func ca(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := runCA(context.Background(), args, &out)
	return out.String(), err
}

func TestCACommands(t *testing.T) {
	path := useTempDB(t)
	if code, out := cli(t, "import", "divisions", "--district", "320113"); code != 0 {
		t.Fatalf("import divisions: %d %q", code, out)
	}
	tamper(t, path, `INSERT INTO departments (code, district_code, name, short_name, credit_code, created_at, updated_at)
		VALUES ('320113D23', '320113', '南京市栖霞区市场监督管理局', '区市场监管局', '11320113MB0000000X', '2026-03-02 00:00:00', '2026-03-02 00:00:00')`)

	if _, err := ca(t, "issue-dept", "320113D23"); err == nil || !strings.Contains(err.Error(), "shanzhi ca init") {
		t.Fatalf("issue before init: %v", err)
	}
	out, err := ca(t, "init")
	if err != nil || !strings.Contains(out, "栖霞区电子证照根CA") || !strings.Contains(out, "-----BEGIN CERTIFICATE-----") {
		t.Fatalf("init: %v %q", err, out)
	}
	if _, err := ca(t, "init"); err == nil || !strings.Contains(err.Error(), "已存在") {
		t.Fatalf("second init: %v", err)
	}
	out, err = ca(t, "issue-dept", "320113D23")
	first := regexp.MustCompile(`issued key (\S+) for 320113D23`).FindStringSubmatch(out)
	if err != nil || first == nil || !strings.Contains(out, "-----BEGIN CERTIFICATE-----") {
		t.Fatalf("issue-dept: %v %q", err, out)
	}
	if _, err := ca(t, "issue-dept", "320113D23"); err == nil {
		t.Fatal("second issue-dept accepted")
	}
	if _, err := ca(t, "issue-dept", "320113D99"); err == nil || !strings.Contains(err.Error(), "不存在") {
		t.Fatalf("unknown department: %v", err)
	}
	if out, err := ca(t, "rotate", "320113D23"); err != nil || !strings.Contains(out, "issued key") {
		t.Fatalf("rotate: %v %q", err, out)
	}
	if _, err := ca(t, "revoke", first[1], "--reason", "bored"); err == nil || !strings.Contains(err.Error(), "吊销原因") {
		t.Fatalf("bad reason: %v", err)
	}
	if out, err := ca(t, "revoke", first[1], "--reason", "superseded"); err != nil || !strings.Contains(out, "revoked key "+first[1]) {
		t.Fatalf("revoke: %v %q", err, out)
	}
	for _, bad := range [][]string{{}, {"launch"}, {"init", "x"}, {"rotate"}, {"revoke"}, {"revoke", first[1], "extra"}} {
		if _, err := ca(t, bad...); err != errUsage {
			t.Errorf("ca %v: %v, want usage", bad, err)
		}
	}
	if got := statuses(t, path); got != "current,revoked" {
		t.Fatalf("key statuses %q", got)
	}
	if code, out := cli(t, "verify", "audit"); code != 0 {
		t.Fatalf("audit chain after ca commands: %d %q", code, out)
	}
}

// statuses lists the seal keys' statuses, sorted and joined.
func statuses(t *testing.T, path string) string {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var s string
	if err := conn.QueryRow(`SELECT group_concat(status, ',') FROM (SELECT status FROM seal_keys ORDER BY status)`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

package main

import (
	"os"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// TestBenchApprovalTinyRun runs `shanzhi bench approval` with tiny numbers
// (on PostgreSQL when the tests use it) so the command cannot rot: every
// application is decided, nothing fails, and the figures are printed.
func TestBenchApprovalTinyRun(t *testing.T) {
	benchTinyRun(t, []string{"bench", "approval", "--clients", "2", "--apps", "3", "--warmup", "1"},
		"clients=2 apps=3", "3 applications decided, 0 failed", "applications/s",
		"task.complete", "scenario errors: none", "baseline: GET /healthz")
}

// benchTinyRun runs a bench command line on a fresh database, on
// PostgreSQL when the tests use it, and fails the test unless it exits 0
// and prints each of wants.
func benchTinyRun(t *testing.T, args []string, wants ...string) {
	t.Helper()
	if url := os.Getenv(dbtest.PostgresEnv); url != "" {
		args = append(args, "--postgres", url)
	} else {
		args = append(args, "--dir", t.TempDir(), "--sqlite-synchronous", "normal")
	}
	code, out := cli(t, args...)
	if code != 0 {
		t.Fatalf("bench: exit %d\n%s", code, out)
	}
	for _, want := range wants {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	for _, args := range [][]string{{"bench"}, {"bench", "everything"}, {"bench", "approval", "--clients", "x"}} {
		if code, out := cli(t, args...); code != 2 || !strings.Contains(out, "bench approval") {
			t.Errorf("%v: exit %d\n%s", args, code, out)
		}
	}
}

func TestBenchRefusesAnUsedDatabase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/bench.db", []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := cli(t, "bench", "approval", "--dir", dir)
	if code != 1 || !strings.Contains(out, "fresh database") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

package loadtest

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// TestTinyRunDecidesEveryApplication runs the whole scenario with two
// clients on the test database: every application must reach a decision
// through the public API with no failed call.
func TestTinyRunDecidesEveryApplication(t *testing.T) {
	rep := tinyRun(t, Run, Options{Clients: 2, Apps: 3, Warmup: 1, ResidentsPerClient: 2}, "decided")
	checkCalls(t, rep.Scenario.Recorder, lifecycleOps,
		map[string]int{"create": 3, "upload": 9, "submit": 3, "desk.accept": 3, "task.complete": 12, "applicant.detail": 3})
	if rep.Baseline.Done == 0 {
		t.Error("the baseline made no request")
	}
	var out bytes.Buffer
	rep.Print(&out, Settings{Engine: "sqlite", Synchronous: "NORMAL"})
	checkPrinted(t, out.String(), "3 applications decided, 0 failed", "applications/s", "scenario errors: none", "baseline: GET /healthz")
}

// tinyRun runs a scenario with opts on the test database and fails the
// test at any recorded error, or unless every lifecycle of the warm-up and
// of the measured phase completed (verb says how: decided, closed).
func tinyRun(t *testing.T, scenario func(context.Context, *Site, Options) (*Report, error), opts Options, verb string) *Report {
	t.Helper()
	ctx := context.Background()
	site, err := OpenSite(ctx, dbtest.Setting(t), "NORMAL")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := site.Close(); err != nil {
			t.Error(err)
		}
	})
	rep, err := scenario(ctx, site, opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, ph := range []Phase{rep.Warmup, rep.Scenario, rep.Baseline} {
		for _, e := range ph.Recorder.Errors() {
			t.Errorf("%s → %d ×%d: %s", e.Op, e.Status, e.Count, e.First)
		}
	}
	if rep.Warmup.Done != opts.Warmup || rep.Scenario.Done != opts.Apps || rep.Scenario.Failed != 0 {
		t.Fatalf("warm-up %d, scenario %d %s and %d failed; want %d, %d, 0",
			rep.Warmup.Done, rep.Scenario.Done, verb, rep.Scenario.Failed, opts.Warmup, opts.Apps)
	}
	return rep
}

// checkCalls fails the test unless rec counted want calls of each
// operation named there, all of them among ops.
func checkCalls(t *testing.T, rec *Recorder, ops []string, want map[string]int) {
	t.Helper()
	for _, s := range rec.Stats(ops) {
		if n, ok := want[s.Op]; ok && s.Count != n {
			t.Errorf("%s made %d calls, want %d", s.Op, s.Count, n)
		}
		delete(want, s.Op)
	}
	if len(want) > 0 {
		t.Errorf("operations never recorded: %v", want)
	}
}

// checkPrinted fails the test unless the report out says each of wants.
func checkPrinted(t *testing.T, out string, wants ...string) {
	t.Helper()
	for _, s := range wants {
		if !strings.Contains(out, s) {
			t.Errorf("report lacks %q:\n%s", s, out)
		}
	}
}

func TestRecorderPercentilesAndErrors(t *testing.T) {
	r := NewRecorder()
	for i := 1; i <= 200; i++ {
		r.Observe("a", time.Duration(i)*time.Millisecond)
	}
	r.Observe("b", time.Second)
	r.Fail("a", 409, "first body")
	other := NewRecorder()
	other.Fail("a", 409, "second body")
	other.Fail("b", 0, "timeout")
	r.Merge(other)
	st := r.Stats([]string{"b", "a"})
	if len(st) != 2 || st[0].Op != "b" || st[1].Op != "a" {
		t.Fatalf("order = %+v", st)
	}
	a := st[1]
	if a.Count != 200 || a.P50 != 100*time.Millisecond || a.P95 != 190*time.Millisecond ||
		a.P99 != 198*time.Millisecond || a.Max != 200*time.Millisecond {
		t.Errorf("a = %+v", a)
	}
	errs := r.Errors()
	if r.ErrorTotal() != 3 || len(errs) != 2 || errs[0].Count != 2 || errs[0].First != "first body" {
		t.Errorf("errors = %+v", errs)
	}
	if all := r.All("all"); all.Count != 201 || all.Max != time.Second {
		t.Errorf("all = %+v", all)
	}
}

func TestSyntheticResidentsAreValidAndDistinct(t *testing.T) {
	phones, ids, sources := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for i := range maxResidents {
		p, id, src := residentPhone(i), residentID(i), residentSource(i)
		if _, err := check.Phone(p); err != nil || strings.HasSuffix(p, "0000") || strings.HasSuffix(p, "9999") {
			t.Fatalf("resident %d: phone %s would fail", i, maskPhone(p))
		}
		if err := check.IDNumber(id); err != nil || id[14:17] == "999" {
			t.Fatalf("resident %d: ID number fails: %v", i, err)
		}
		if phones[p] || ids[id] || sources[src] {
			t.Fatalf("resident %d repeats a phone, ID number or address", i)
		}
		phones[p], ids[id], sources[src] = true, true, true
	}
}

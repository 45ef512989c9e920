package main

import "testing"

// TestBenchWorkOrdersTinyRun runs `shanzhi bench workorders` with tiny
// numbers and a small preload (on PostgreSQL when the tests use it): every
// order is closed, nothing fails, the figures are printed.
func TestBenchWorkOrdersTinyRun(t *testing.T) {
	benchTinyRun(t, []string{"bench", "workorders", "--clients", "2", "--orders", "3", "--warmup", "1", "--preload", "50"},
		"preloaded 50 orders", "clients=2 orders=3", "3 orders closed, 0 failed",
		"state changes/s", "wo.followup", "scenario errors: none", "baseline: GET /healthz")
	for _, bad := range [][]string{{"bench", "workorders", "--orders", "x"}, {"bench", "workorders", "--preload", "-1"}} {
		if code, _ := cli(t, bad...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage)", bad, code)
		}
	}
}

package loadtest

import (
	"bytes"
	"testing"
)

// TestTinyWorkOrderRunClosesEveryOrder runs the work-order scenario with
// two clients on the test database: every order must be filed, handled,
// resolved and closed by its follow-up through the public API with no
// failed call.
func TestTinyWorkOrderRunClosesEveryOrder(t *testing.T) {
	rep := tinyRun(t, RunWorkOrders, Options{Clients: 2, Apps: 4, Warmup: 1, ResidentsPerClient: 1}, "closed")
	checkCalls(t, rep.Scenario.Recorder, workOrderOps,
		map[string]int{"wo.file": 4, "wo.accept": 4, "wo.note": 4, "wo.close": 4, "wo.followup": 4})
	if ch := rep.Scenario.StateChanges(); ch.Count < 16 || ch.Count > 20 {
		t.Errorf("%d state changes, want 4 per order plus a dispatch each without automatic dispatch", ch.Count)
	}
	var out bytes.Buffer
	rep.PrintWorkOrders(&out, Settings{Engine: "sqlite", Synchronous: "NORMAL"})
	checkPrinted(t, out.String(), "4 orders closed, 0 failed", "state changes/s", "scenario errors: none", "baseline: GET /healthz")
}

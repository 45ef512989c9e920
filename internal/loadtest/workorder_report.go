package loadtest

import (
	"fmt"
	"io"
)

// StateChanges counts the calls of a phase that changed an order's state
// and summarises their latencies.
func (p Phase) StateChanges() Stats {
	all := NewRecorder()
	for _, op := range stateChangeOps {
		all.lat[op] = p.Recorder.lat[op]
	}
	return all.All("state changes")
}

// PrintWorkOrders writes the work-order report: settings, state changes
// per second with their latencies, every operation, errors, and the
// baseline beside them.
func (r *Report) PrintWorkOrders(w io.Writer, s Settings) {
	r.printHead(w, s, "shanzhi bench workorders — "+WorkOrderCategory+
		" 政策咨询: file → (dispatch) → accept → reply note → resolve → follow-up (closed)", "orders", "orders")
	sc := r.Scenario
	all, changes := sc.Recorder.All("all calls"), sc.StateChanges()
	fmt.Fprintf(w, "scenario: %d orders closed, %d failed, wall %s → %.2f orders/s; %d state changes → %.1f state changes/s, p99 %s; %d calls → %.1f calls/s\n\n",
		sc.Done, sc.Failed, round(sc.Wall), perSecond(sc.Done, sc.Wall), changes.Count, perSecond(changes.Count, sc.Wall),
		ms(changes.P99), all.Count, perSecond(all.Count, sc.Wall))
	printStats(w, append(sc.Recorder.Stats(workOrderOps), changes, all))
	r.printVersusBaseline(w, changes, "state changes vs req/s", "p99 state change vs req")
}

package loadtest

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Settings describe the machine and the node a run measured.
type Settings struct {
	Engine      string // sqlite or postgres
	Synchronous string // SQLite's synchronous pragma; "" on PostgreSQL
}

// Print writes the report: settings, the scenario's throughput and
// per-operation latencies, errors, and the baseline beside them.
func (r *Report) Print(w io.Writer, s Settings) {
	r.printHead(w, s, fmt.Sprintf("shanzhi bench approval — %s %s→%s (证照联办), submit → accept → 2 parallel approvals → decision",
		ItemCode, "个体工商户设立登记", "食品经营许可"), "apps", "lifecycles")
	sc := r.Scenario
	all := sc.Recorder.All("all calls")
	fmt.Fprintf(w, "scenario: %d applications decided, %d failed, wall %s → %.2f applications/s, %d calls → %.1f calls/s\n\n",
		sc.Done, sc.Failed, round(sc.Wall), perSecond(sc.Done, sc.Wall), all.Count, perSecond(all.Count, sc.Wall))
	printStats(w, append(sc.Recorder.Stats(lifecycleOps), all))
	r.printVersusBaseline(w, all, "requests/s (all calls)", "p99 per call")
}

// printHead writes the title, the settings (count is the name of the
// measured phase's size, Options.Apps) and the warm-up, counted in unit.
func (r *Report) printHead(w io.Writer, s Settings, title, count, unit string) {
	o := r.Options
	sync := s.Synchronous
	if s.Engine != "sqlite" {
		sync = "n/a"
	}
	fmt.Fprintln(w, title)
	fmt.Fprintf(w, "settings: engine=%s clients=%d %s=%d warmup=%d residents/client=%d GOMAXPROCS=%d CPUs=%d sqlite_synchronous=%s %s\n\n",
		s.Engine, o.Clients, count, o.Apps, o.Warmup, o.ResidentsPerClient, runtime.GOMAXPROCS(0), runtime.NumCPU(), sync, runtime.Version())
	fmt.Fprintf(w, "warm-up: %d %s in %s (%d failed), not measured\n", r.Warmup.Done, unit, round(r.Warmup.Wall), r.Warmup.Failed)
}

// printVersusBaseline writes the errors of every phase and the baseline,
// then a table setting the rate and p99 of the scenario's calls st
// beside the baseline's, on rows labelled rateLabel and p99Label.
func (r *Report) printVersusBaseline(w io.Writer, st Stats, rateLabel, p99Label string) {
	o, sc, b := r.Options, r.Scenario, r.Baseline
	printErrors(w, "scenario", sc.Recorder)
	printErrors(w, "warm-up", r.Warmup.Recorder)
	ball := b.Recorder.All("GET " + o.Baseline)
	fmt.Fprintf(w, "\nbaseline: GET %s, %d clients for %s → %d requests, %.1f requests/s, p99 %s (%d errors)\n",
		o.Baseline, o.Clients, round(b.Wall), ball.Count, perSecond(ball.Count, b.Wall), ms(ball.P99), b.Failed)
	printErrors(w, "baseline", b.Recorder)
	fmt.Fprintf(w, "\n%-26s %14s %14s %10s\n", "", "scenario", "baseline", "ratio")
	rate, bRate := perSecond(st.Count, sc.Wall), perSecond(ball.Count, b.Wall)
	fmt.Fprintf(w, "%-26s %14.1f %14.1f %10s\n", rateLabel, rate, bRate, ratio(rate, bRate))
	fmt.Fprintf(w, "%-26s %14s %14s %10s\n", p99Label, ms(st.P99), ms(ball.P99),
		ratio(float64(st.P99), float64(ball.P99)))
}

// printStats writes one row per operation.
func printStats(w io.Writer, rows []Stats) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "operation\tcount\tp50\tp95\tp99\tmax\t")
	for _, s := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t\n", s.Op, s.Count, ms(s.P50), ms(s.P95), ms(s.P99), ms(s.Max))
	}
	tw.Flush()
}

// printErrors writes each failing operation and status with its first body.
func printErrors(w io.Writer, phase string, rec *Recorder) {
	errs := rec.Errors()
	if len(errs) == 0 {
		fmt.Fprintf(w, "%s errors: none\n", phase)
		return
	}
	fmt.Fprintf(w, "%s errors: %d\n", phase, rec.ErrorTotal())
	for _, e := range errs {
		fmt.Fprintf(w, "  %s → %d ×%d, first: %s\n", e.Op, e.Status, e.Count, strings.TrimSpace(e.First))
	}
}

func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.3f", a/b)
}

// ms renders a latency in milliseconds with two decimals.
func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

func round(d time.Duration) time.Duration { return d.Round(time.Millisecond) }

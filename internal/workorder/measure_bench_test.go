package workorder

import (
	"os"
	"strconv"
	"testing"
	"time"
)

// benchOrdersEnv names the number of generated orders the measures
// benchmark loads first, e.g. SHANZHI_BENCH_ORDERS=1000000; unset, the
// benchmark does not run (loading takes minutes), so CI skips it.
const benchOrdersEnv = "SHANZHI_BENCH_ORDERS"

// BenchmarkMeasures loads SHANZHI_BENCH_ORDERS generated orders, then
// times the measures queries leaders run beside the baseline of counting
// the orders; the load and the recomputation of every measures row from
// the events are timed once and logged (-v).
func BenchmarkMeasures(b *testing.B) {
	n, err := strconv.Atoi(os.Getenv(benchOrdersEnv))
	if err != nil || n <= 0 {
		b.Skip("set " + benchOrdersEnv + " (e.g. 1000000) to load that many orders and time the measures")
	}
	r := newRig(b)
	start := time.Now()
	g, err := r.s.GenerateLoad(r.ctx, district, n, 1)
	if err != nil {
		b.Fatal(err)
	}
	load := time.Since(start)
	b.Logf("engine %s: loaded %d orders, %d events, %d clocks, %d follow-ups in %s (%.0f orders/s)", r.d.Engine,
		g.Orders, g.Events, g.Clocks, g.Followups, load.Round(time.Millisecond), float64(g.Orders)/load.Seconds())
	year := MeasureQuery{From: g.From.In(chinaZone).Format(time.DateOnly), To: g.To.In(chinaZone).Format(time.DateOnly)}
	month := MeasureQuery{From: g.To.In(chinaZone).AddDate(0, 0, -29).Format(time.DateOnly), To: year.To}
	leader := staff(23, "leader", streetScope("320113001"))
	cases := []struct {
		name string
		q    MeasureQuery
		who  *rig
	}{
		{"year/by-street", withBy(year, ByStreet), r},
		{"year/by-month", withBy(year, ByMonth), r},
		{"year/by-unit", withBy(year, ByUnit), r},
		{"year/by-category", withBy(year, ByCategory), r},
		{"month/by-community", withBy(month, ByCommunity), r},
		{"month/by-day", withBy(month, ByDay), r},
	}
	b.Run("baseline/count-orders", func(b *testing.B) {
		for b.Loop() {
			var c int
			if err := r.d.QueryRow(r.ctx, `SELECT COUNT(*) FROM workorders`).Scan(&c); err != nil || c < n {
				b.Fatal(c, err)
			}
		}
	})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				m, err := r.s.Measures(r.ctx, admin, c.q)
				if err != nil || m.Total.Received == 0 {
					b.Fatal(m.Total.Received, err)
				}
			}
		})
	}
	b.Run("year/by-community/street-leader", func(b *testing.B) {
		for b.Loop() {
			if _, err := r.s.Measures(r.ctx, leader, withBy(year, ByCommunity)); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Recomputing every row from the events is timed once: it takes minutes.
	start = time.Now()
	k, err := r.s.RecomputeMeasures(r.ctx, admin)
	if err != nil || k != n {
		b.Fatal(k, err)
	}
	b.Logf("engine %s: recomputed %d measures rows from the events in %s", r.d.Engine, k, time.Since(start).Round(time.Millisecond))
}

func withBy(q MeasureQuery, by Dimension) MeasureQuery {
	q.By = by
	return q
}

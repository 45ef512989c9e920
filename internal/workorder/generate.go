package workorder

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Generated counts what GenerateLoad wrote.
type Generated struct {
	Orders, Events, Clocks, Followups int
	// From and To bound the filing times.
	From, To time.Time
}

// genBatch is the number of orders written per transaction.
const genBatch = 2000

// genCalendar is the embedded holiday calendar the generator counts
// working-day limits on (the one the clocks count on by default).
var genCalendar = sync.OnceValue(calendar.Default)

// GenerateLoad writes n realistic orders for load tests and demos, filed
// over the twelve months before now across the district's streets,
// communities and published categories: each with its events (filed,
// dispatched or pooled, accepted or grabbed, answers, notes, 退单 and 改派,
// 挂账, 核查, resolved with an outcome, 回访 with a satisfaction, reopened,
// merged, referred, cancelled), its response and resolution clocks (some
// lapsed, some orders still open and overdue), its lead assignment, its
// follow-up and its measures row. Requesters are anonymous in generated
// data (no personal data is made up). The same seed, n and database give
// the same orders. It writes genBatch orders per transaction, many rows
// per statement, drawing the next batch while one is written, and
// refreshes the planner's statistics at the end; an error leaves the
// batches written so far. The district needs its organisation
// and a published category tree.
func (s *Service) GenerateLoad(ctx context.Context, district string, n int, seed int64) (Generated, error) {
	w, err := s.loadWorld(ctx, district)
	if err != nil {
		return Generated{}, err
	}
	now := s.DB.Clock.Now().UTC()
	g := &genScript{rnd: rand.New(rand.NewPCG(uint64(seed), 0x476f6e6f72646572)), cal: genCalendar(), now: now}
	times := g.filingTimes(n, now.AddDate(-1, 0, 0), now)
	first, err := reserveNumbers(ctx, s, district, times)
	if err != nil {
		return Generated{}, err
	}
	batches := make(chan []genOrder, 2)
	go func() {
		defer close(batches)
		for lo := 0; lo < len(times) && ctx.Err() == nil; lo += genBatch {
			batches <- g.batch(w, times[lo:min(lo+genBatch, len(times))], first)
		}
	}()
	out := Generated{}
	if len(times) > 0 {
		out.From, out.To = times[0], times[len(times)-1]
	}
	for b := range batches {
		if err != nil {
			continue // drain the producer
		}
		err = s.writeBatch(ctx, b, &out)
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = s.analyse(ctx)
	}
	return out, err
}

// genTables are the tables the generator fills.
var genTables = []string{"workorders", "workorder_events", "workorder_clocks", "workorder_assignments",
	"workorder_followups", "workorder_measures"}

// analyse refreshes PostgreSQL's planner statistics of the tables a load
// filled, as a bulk load should: without autovacuum (or before it runs) it
// plans a year of rows as one row and joins them by nested loops over the
// wrong index. SQLite is left without statistics, as the application runs
// it: its default plans scan the measures in filing order, while with
// statistics it walks them street by street across the whole table (about
// twice as slow for a year of a million orders).
func (s *Service) analyse(ctx context.Context) error {
	if s.DB.Engine != db.Postgres {
		return nil
	}
	for _, t := range genTables {
		if err := s.DB.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, `ANALYZE `+t)
			return err
		}); err != nil {
			return fmt.Errorf("workorder: generate: analyse %s: %w", t, err)
		}
	}
	return nil
}

// filingTimes draws n filing times in [from, to), sorted: more in the day
// than at night, fewer at weekends, slowly rising over the year.
func (g *genScript) filingTimes(n int, from, to time.Time) []time.Time {
	span := to.Sub(from)
	out := make([]time.Time, 0, max(n, 0))
	for len(out) < n {
		t := from.Add(time.Duration(g.rnd.Int64N(int64(span))))
		c := web.InChina(t)
		w := genHourWeights[c.Hour()] * (0.85 + 0.3*float64(t.Sub(from))/float64(span))
		if c.Weekday() == time.Saturday || c.Weekday() == time.Sunday {
			w *= 0.7
		}
		if g.rnd.Float64() < w {
			out = append(out, t.Truncate(time.Second))
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}

// genHourWeights are the relative chances of filing in each China hour.
var genHourWeights = [24]float64{0.05, 0.03, 0.02, 0.02, 0.03, 0.05, 0.15, 0.4, 0.75, 0.9, 0.9, 0.8, 0.6,
	0.65, 0.85, 0.9, 0.85, 0.75, 0.6, 0.55, 0.5, 0.4, 0.25, 0.1}

// genDayKey is the China date of t as order numbers write it.
func genDayKey(t time.Time) string { return web.InChina(t).Format("20060102") }

// reserveNumbers takes, for each China day, as many numbers as orders are
// generated on it from the day's counter, so generated numbers never meet
// those of orders filed for real; it returns the first number of each day.
func reserveNumbers(ctx context.Context, s *Service, district string, times []time.Time) (map[string]int64, error) {
	counts := map[string]int64{}
	for _, t := range times {
		counts[genDayKey(t)]++
	}
	first := map[string]int64{}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		for day, k := range counts {
			var last int64
			err := tx.QueryRow(ctx, `INSERT INTO workorder_counters (district_code, day, last) VALUES (?, ?, ?)
				ON CONFLICT (district_code, day) DO UPDATE SET last = workorder_counters.last + ? RETURNING last`,
				district, day, k, k).Scan(&last)
			if err != nil {
				return fmt.Errorf("workorder: generate: numbers: %w", err)
			}
			first[day] = last - k + 1
		}
		return nil
	})
	return first, err
}

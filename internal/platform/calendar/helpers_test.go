package calendar

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"
)

// date is a short alias for Date in tests.
func date(y int, m time.Month, d int) time.Time { return Date(y, m, d) }

// at returns the CST moment y-m-d hh:mm.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, CST)
}

// quiet returns a Calendar with the embedded data and a discarding logger.
func quiet(t testing.TB, opts ...Option) *Calendar {
	t.Helper()
	c, err := New(append([]Option{WithLogger(slog.New(slog.DiscardHandler))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// recorder is a slog.Handler that keeps the records it handles.
type recorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (r *recorder) Enabled(context.Context, slog.Level) bool { return true }

func (r *recorder) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.records = append(r.records, rec)
	return nil
}

func (r *recorder) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *recorder) WithGroup(string) slog.Handler      { return r }

// warnings returns the "year" attribute of every warning recorded.
func (r *recorder) warnings() []int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	var years []int64
	for _, rec := range r.records {
		if rec.Level != slog.LevelWarn {
			continue
		}
		rec.Attrs(func(a slog.Attr) bool {
			if a.Key == "year" {
				years = append(years, a.Value.Int64())
			}
			return true
		})
	}
	return years
}

// naiveAdd is a day-by-day reference for AddWorkdays.
func naiveAdd(c *Calendar, start time.Time, n int) time.Time {
	d := Date(start.In(CST).Date())
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	if n == 0 {
		for !c.IsWorkday(d) {
			d = d.AddDate(0, 0, 1)
		}
		return d
	}
	for n > 0 {
		d = d.AddDate(0, 0, step)
		if c.IsWorkday(d) {
			n--
		}
	}
	return d
}

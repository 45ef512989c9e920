package calendar

import (
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// observed returns a Calendar that records warnings and missing-year hooks.
func observed(t *testing.T) (*Calendar, *recorder, *[]int) {
	t.Helper()
	rec := &recorder{}
	var mu sync.Mutex
	var hooked []int
	c, err := New(WithLogger(slog.New(rec)), WithOnMissingYear(func(y int) {
		mu.Lock()
		defer mu.Unlock()
		hooked = append(hooked, y)
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c, rec, &hooked
}

func TestMissingYearFallsBackToWeekends(t *testing.T) {
	c, rec, hooked := observed(t)
	if c.HasYear(2035) {
		t.Fatal("HasYear(2035) = true")
	}
	// 2035-01-01 is a Monday: New Year's Day, but there is no data.
	for range 3 {
		if !c.IsWorkday(date(2035, 1, 1)) {
			t.Fatal("2035-01-01 (Monday) should be a working day without data")
		}
		if c.IsWorkday(date(2035, 1, 6)) {
			t.Fatal("2035-01-06 (Saturday) should be a day off")
		}
	}
	if got := c.AddWorkdays(date(2035, 1, 5), 1); !got.Equal(date(2035, 1, 8)) {
		t.Errorf("AddWorkdays over a 2035 weekend = %v", got)
	}
	if !slices.Equal(*hooked, []int{2035}) {
		t.Errorf("hook calls = %v, want [2035]", *hooked)
	}
	if w := rec.warnings(); !slices.Equal(w, []int64{2035}) {
		t.Errorf("warnings = %v, want one for 2035", w)
	}
}

func TestMissingYearsInSpan(t *testing.T) {
	c, rec, hooked := observed(t)
	c.WorkdaysBetween(date(2026, 12, 1), date(2028, 2, 1))
	if !slices.Equal(*hooked, []int{2027, 2028}) {
		t.Errorf("hook calls = %v, want [2027 2028]", *hooked)
	}
	if w := rec.warnings(); len(w) != 2 {
		t.Errorf("warnings = %v, want two", w)
	}
}

func TestNoReportWithinData(t *testing.T) {
	c, rec, hooked := observed(t)
	c.AddWorkdays(date(2025, 12, 1), 60)
	c.WorkdaysBetween(date(2007, 1, 1), date(2026, 12, 31))
	c.AddWorkingDuration(at(2026, 12, 31, 9, 0), 7*time.Hour, DefaultOfficeHours())
	if len(*hooked) != 0 || len(rec.warnings()) != 0 {
		t.Errorf("unexpected reports: hook %v, log %v", *hooked, rec.warnings())
	}
}

func TestMissingYearReportedOnceConcurrently(t *testing.T) {
	var calls atomic.Int32
	c := quiet(t, WithOnMissingYear(func(int) { calls.Add(1) }))
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 100 {
				c.IsWorkday(date(2040, 3, 1))
			}
		})
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("hook called %d times, want 1", n)
	}
}

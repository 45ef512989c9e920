package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

const (
	hour   = time.Hour
	minute = time.Minute
)

func TestAddWorkingDuration(t *testing.T) {
	c, def := quiet(t), DefaultOfficeHours()
	counter, _ := ParseOfficeHours("08:00-20:00")
	tests := []struct {
		name  string
		start time.Time
		d     time.Duration
		hours OfficeHours
		want  time.Time
	}{
		{"within the morning", at(2026, 9, 29, 10, 0), 1 * hour, def, at(2026, 9, 29, 11, 0)},
		{"ends at lunch, not after it", at(2026, 9, 29, 10, 0), 2 * hour, def, at(2026, 9, 29, 12, 0)},
		{"across the lunch break", at(2026, 9, 29, 10, 0), 3 * hour, def, at(2026, 9, 29, 14, 30)},
		{"starting in the lunch break", at(2026, 9, 29, 12, 30), 1 * hour, def, at(2026, 9, 29, 14, 30)},
		{"before opening", at(2026, 9, 29, 7, 0), 30 * minute, def, at(2026, 9, 29, 9, 30)},
		{"a full day", at(2026, 9, 29, 9, 0), 7 * hour, def, at(2026, 9, 29, 17, 30)},
		{"across the night", at(2026, 9, 29, 17, 0), 1 * hour, def, at(2026, 9, 30, 9, 30)},
		{"after closing", at(2026, 9, 29, 19, 0), 1 * hour, def, at(2026, 9, 30, 10, 0)},
		{"across a weekend", at(2026, 9, 11, 17, 0), 1 * hour, def, at(2026, 9, 14, 9, 30)},
		{"into a make-up Sunday", at(2026, 9, 18, 17, 0), 1 * hour, def, at(2026, 9, 20, 9, 30)},
		{"across National Day", at(2026, 9, 30, 17, 0), 1 * hour, def, at(2026, 10, 8, 9, 30)},
		{"starting on a holiday", at(2026, 10, 3, 10, 0), 1 * hour, def, at(2026, 10, 8, 10, 0)},
		{"three full days", at(2026, 9, 29, 9, 0), 3 * (7 * hour), def, at(2026, 10, 8, 17, 30)},
		{"12-hour counter across Spring Festival", at(2026, 2, 14, 19, 0), 2 * hour, counter, at(2026, 2, 24, 9, 0)},
		{"whole-day hours", at(2026, 9, 30, 23, 0), 2 * hour, OfficeHours{}, at(2026, 10, 8, 1, 0)},
		{"zero", at(2026, 10, 3, 10, 0), 0, def, at(2026, 10, 3, 10, 0)},
		{"back within a span", at(2026, 9, 29, 14, 30), -1 * hour, def, at(2026, 9, 29, 13, 30)},
		{"back across lunch", at(2026, 9, 29, 14, 0), -1 * hour, def, at(2026, 9, 29, 11, 30)},
		{"back to opening", at(2026, 9, 29, 12, 0), -3 * hour, def, at(2026, 9, 29, 9, 0)},
		{"back across National Day", at(2026, 10, 8, 10, 0), -2 * hour, def, at(2026, 9, 30, 16, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkingDuration(tt.start, tt.d, tt.hours)
			if !got.Equal(tt.want) || got.Location() != CST {
				t.Errorf("AddWorkingDuration(%v, %v) = %v, want %v", tt.start, tt.d, got, tt.want)
			}
		})
	}
}

func TestWorkingDurationBetween(t *testing.T) {
	c, def := quiet(t), DefaultOfficeHours()
	tests := []struct {
		name string
		a, b time.Time
		want time.Duration
	}{
		{"across lunch", at(2026, 9, 29, 10, 0), at(2026, 9, 29, 14, 30), 3 * hour},
		{"inside lunch", at(2026, 9, 29, 12, 10), at(2026, 9, 29, 13, 0), 0},
		{"across National Day", at(2026, 9, 30, 17, 0), at(2026, 10, 8, 9, 30), 1 * hour},
		{"reversed", at(2026, 10, 8, 9, 30), at(2026, 9, 30, 17, 0), -1 * hour},
		{"five working days", date(2026, 9, 28), date(2026, 10, 10), 5 * (7 * hour)},
		{"holiday only", date(2026, 10, 1), date(2026, 10, 8), 0},
		{"other zones", time.Date(2026, 9, 29, 2, 0, 0, 0, time.UTC), at(2026, 9, 29, 11, 0), 1 * hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkingDurationBetween(tt.a, tt.b, def); got != tt.want {
				t.Errorf("WorkingDurationBetween(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestWorkingDurationSaturates(t *testing.T) {
	c := quiet(t)
	if got := c.WorkingDurationBetween(date(1800, 1, 1), date(2500, 1, 1), OfficeHours{}); got != time.Duration(1<<63-1) {
		t.Errorf("got %v, want saturation", got)
	}
}

// randomMinute returns a random minute-aligned CST moment in 2005–2029.
func randomMinute(r *rand.Rand) time.Time {
	return date(2005, 1, 1).Add(time.Duration(r.IntN(25*365*24*60)) * minute)
}

func TestWorkingDurationInverseProperty(t *testing.T) {
	c := quiet(t)
	counter, _ := ParseOfficeHours("08:00-20:00")
	hours := []OfficeHours{DefaultOfficeHours(), counter, {}}
	r := rand.New(rand.NewPCG(7, 8))
	for range 5000 {
		a, h := randomMinute(r), hours[r.IntN(len(hours))]
		d := time.Duration(r.IntN(2*200*60)-200*60) * minute
		got := c.AddWorkingDuration(a, d, h)
		if back := c.WorkingDurationBetween(a, got, h); back != d {
			t.Fatalf("%v: WorkingDurationBetween(%v, AddWorkingDuration(.., %v) = %v) = %v", h, a, d, got, back)
		}
	}
}

func TestWorkingDurationMatchesNaive(t *testing.T) {
	c, h := quiet(t), DefaultOfficeHours()
	r := rand.New(rand.NewPCG(9, 10))
	for range 200 {
		a := randomMinute(r)
		b := a.Add(time.Duration(r.IntN(12*24*60)) * minute)
		var want time.Duration
		for m := a; m.Before(b); m = m.Add(minute) {
			if c.IsOpen(m, h) {
				want += minute
			}
		}
		if got := c.WorkingDurationBetween(a, b, h); got != want {
			t.Fatalf("WorkingDurationBetween(%v, %v) = %v, naive %v", a, b, got, want)
		}
	}
}

package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestAddWorkdays(t *testing.T) {
	c := quiet(t)
	tests := []struct {
		name  string
		start time.Time
		n     int
		want  time.Time
	}{
		{"across National Day", date(2026, 9, 30), 1, date(2026, 10, 8)},
		{"20 days across National Day", date(2026, 9, 28), 20, date(2026, 10, 30)},
		{"20 days from the eve of National Day", date(2026, 9, 30), 20, date(2026, 11, 3)},
		{"accepted during the holiday", date(2026, 10, 3), 1, date(2026, 10, 8)},
		{"time of day is irrelevant", at(2026, 9, 30, 17, 59), 1, date(2026, 10, 8)},
		{"into a make-up Saturday", date(2026, 2, 13), 1, date(2026, 2, 14)},
		{"across Spring Festival", date(2026, 2, 13), 2, date(2026, 2, 24)},
		{"20 days across Spring Festival", date(2026, 2, 13), 20, date(2026, 3, 19)},
		{"across New Year into a make-up Sunday", date(2025, 12, 31), 1, date(2026, 1, 4)},
		{"2024 National Day", date(2024, 9, 27), 10, date(2024, 10, 16)},
		{"zero on a working day", date(2026, 9, 30), 0, date(2026, 9, 30)},
		{"zero on a holiday", date(2026, 10, 1), 0, date(2026, 10, 8)},
		{"zero on a make-up day", date(2026, 10, 10), 0, date(2026, 10, 10)},
		{"zero in another zone", time.Date(2026, 9, 30, 20, 0, 0, 0, time.UTC), 0, date(2026, 10, 8)},
		{"back across National Day", date(2026, 10, 8), -1, date(2026, 9, 30)},
		{"back two", date(2026, 10, 9), -2, date(2026, 9, 30)},
		{"back 20", date(2026, 10, 8), -20, date(2026, 9, 3)},
		{"back from a holiday", date(2026, 10, 5), -1, date(2026, 9, 30)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.AddWorkdays(tt.start, tt.n)
			if !got.Equal(tt.want) || got.Location() != CST {
				t.Errorf("AddWorkdays(%v, %d) = %v, want %v", tt.start, tt.n, got, tt.want)
			}
		})
	}
}

func TestAddWorkdaysTooLarge(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for n > MaxWorkdays")
		}
	}()
	quiet(t).AddWorkdays(date(2026, 1, 1), MaxWorkdays+1)
}

func TestWorkdaysBetween(t *testing.T) {
	c := quiet(t)
	tests := []struct {
		name string
		a, b time.Time
		want int
	}{
		{"same day", date(2026, 9, 30), at(2026, 9, 30, 23, 0), 0},
		{"across National Day", date(2026, 9, 30), date(2026, 10, 8), 1},
		{"reversed", date(2026, 10, 8), date(2026, 9, 30), -1},
		{"inside the holiday", date(2026, 10, 1), date(2026, 10, 7), 0},
		{"Spring Festival with make-up days", date(2026, 2, 13), date(2026, 2, 28), 6},
		{"by CST date", time.Date(2026, 9, 29, 16, 0, 0, 0, time.UTC), date(2026, 10, 8), 1},
		{"outside the data", date(2040, 1, 2), date(2040, 1, 9), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.WorkdaysBetween(tt.a, tt.b); got != tt.want {
				t.Errorf("WorkdaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

// randomDay returns a random CST moment in years 1995–2044, which spans the
// data, its edges and years without data on both sides.
func randomDay(r *rand.Rand) time.Time {
	return date(1995, 1, 1).Add(time.Duration(r.Int64N(50*365*24*3600)) * time.Second)
}

func TestWorkdaysInverseProperty(t *testing.T) {
	c := quiet(t)
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		d, n := randomDay(r), r.IntN(121)-60
		got := c.AddWorkdays(d, n)
		if !c.IsWorkday(got) {
			t.Fatalf("AddWorkdays(%v, %d) = %v, not a working day", d, n, got)
		}
		if !c.IsWorkday(d) && n <= 0 {
			continue
		}
		if back := c.WorkdaysBetween(d, got); back != n {
			t.Fatalf("WorkdaysBetween(%v, AddWorkdays(.., %d) = %v) = %d", d, n, got, back)
		}
	}
}

func TestAddWorkdaysMatchesNaive(t *testing.T) {
	c := quiet(t)
	r := rand.New(rand.NewPCG(3, 4))
	for range 3000 {
		d, n := randomDay(r), r.IntN(401)-200
		if got, want := c.AddWorkdays(d, n), naiveAdd(c, d, n); !got.Equal(want) {
			t.Fatalf("AddWorkdays(%v, %d) = %v, naive %v", d, n, got, want)
		}
	}
}

func TestWorkdaysBetweenMatchesNaive(t *testing.T) {
	c := quiet(t)
	r := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		a := randomDay(r)
		b := a.AddDate(0, 0, r.IntN(801)-400)
		want := 0
		for d := Date(a.Date()); d.Before(Date(b.Date())); d = d.AddDate(0, 0, 1) {
			if c.IsWorkday(d.AddDate(0, 0, 1)) {
				want++
			}
		}
		for d := Date(b.Date()); d.Before(Date(a.Date())); d = d.AddDate(0, 0, 1) {
			if c.IsWorkday(d.AddDate(0, 0, 1)) {
				want--
			}
		}
		if got := c.WorkdaysBetween(a, b); got != want {
			t.Fatalf("WorkdaysBetween(%v, %v) = %d, naive %d", a, b, got, want)
		}
	}
}

func TestDeadlineAfterWorkdays(t *testing.T) {
	c := quiet(t)
	got := c.DeadlineAfterWorkdays(date(2026, 9, 30), 1, DefaultOfficeHours())
	if want := at(2026, 10, 8, 17, 30); !got.Equal(want) {
		t.Errorf("with office hours = %v, want %v", got, want)
	}
	got = c.DeadlineAfterWorkdays(date(2026, 9, 30), 1, OfficeHours{})
	if want := date(2026, 10, 9); !got.Equal(want) {
		t.Errorf("whole day = %v, want %v (24:00 on 10-08)", got, want)
	}
}

func TestAddCalendarDays(t *testing.T) {
	c := quiet(t)
	tests := []struct {
		start time.Time
		n     int
		want  time.Time
	}{
		{date(2026, 9, 20), 10, date(2026, 9, 30)},
		{date(2026, 9, 20), 11, date(2026, 10, 8)},  // ends in National Day
		{date(2026, 9, 30), 10, date(2026, 10, 10)}, // make-up Saturday
		{date(2026, 9, 7), 5, date(2026, 9, 14)},    // Saturday moves to Monday
		{date(2026, 9, 7), 0, date(2026, 9, 7)},
	}
	for _, tt := range tests {
		if got := c.AddCalendarDays(tt.start, tt.n); !got.Equal(tt.want) {
			t.Errorf("AddCalendarDays(%v, %d) = %v, want %v", tt.start, tt.n, got, tt.want)
		}
	}
}

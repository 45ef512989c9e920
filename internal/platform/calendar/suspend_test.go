package calendar

import (
	"math/rand/v2"
	"testing"
	"time"
)

func TestAddWorkdaysSuspended(t *testing.T) {
	c := quiet(t)
	// Correction notice 2026-09-09 10:00, materials back 2026-09-10 15:00.
	corr := []Interval{{at(2026, 9, 9, 10, 0), at(2026, 9, 10, 15, 0)}}
	tests := []struct {
		name  string
		start time.Time
		n     int
		susp  []Interval
		want  time.Time
	}{
		{"no suspension", date(2026, 9, 7), 5, nil, date(2026, 9, 14)},
		{"touched days do not count", date(2026, 9, 7), 5, corr, date(2026, 9, 16)},
		{"ending at midnight leaves the next day", date(2026, 9, 7), 5,
			[]Interval{{at(2026, 9, 9, 10, 0), date(2026, 9, 11)}}, date(2026, 9, 16)},
		{"a night suspension touches two days", date(2026, 9, 7), 5,
			[]Interval{{at(2026, 9, 9, 20, 0), at(2026, 9, 10, 7, 0)}}, date(2026, 9, 16)},
		{"weekend only changes nothing", date(2026, 9, 7), 5,
			[]Interval{{date(2026, 9, 12), date(2026, 9, 14)}}, date(2026, 9, 14)},
		{"unsorted and overlapping", date(2026, 9, 7), 5, []Interval{
			{at(2026, 9, 10, 9, 0), at(2026, 9, 10, 10, 0)},
			{at(2026, 9, 9, 9, 0), at(2026, 9, 10, 9, 30)},
			{at(2026, 9, 15, 9, 0), at(2026, 9, 14, 9, 0)}, // empty: ignored
		}, date(2026, 9, 16)},
		{"across National Day", date(2026, 9, 28), 3,
			[]Interval{{at(2026, 9, 30, 9, 0), at(2026, 9, 30, 10, 0)}}, date(2026, 10, 9)},
		{"zero inside a suspension", date(2026, 9, 9), 0, corr, date(2026, 9, 11)},
		{"zero before a suspension", date(2026, 9, 8), 0, corr, date(2026, 9, 8)},
		{"start inside a suspension", date(2026, 9, 9), 1, corr, date(2026, 9, 11)},
		{"backwards", date(2026, 9, 16), -5, corr, date(2026, 9, 7)},
		{"backwards from inside", date(2026, 9, 10), -1, corr, date(2026, 9, 8)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.AddWorkdaysSuspended(tt.start, tt.n, tt.susp); !got.Equal(tt.want) {
				t.Errorf("AddWorkdaysSuspended(%v, %d) = %v, want %v", tt.start, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkdaysBetweenSuspended(t *testing.T) {
	c := quiet(t)
	corr := []Interval{{at(2026, 9, 9, 10, 0), at(2026, 9, 10, 15, 0)}}
	if got := c.WorkdaysBetweenSuspended(date(2026, 9, 7), date(2026, 9, 16), corr); got != 5 {
		t.Errorf("forward = %d, want 5", got)
	}
	if got := c.WorkdaysBetweenSuspended(date(2026, 9, 16), date(2026, 9, 7), corr); got != -5 {
		t.Errorf("backward = %d, want -5", got)
	}
	if got := c.WorkdaysBetweenSuspended(date(2026, 9, 9), date(2026, 9, 10), corr); got != 0 {
		t.Errorf("inside = %d, want 0", got)
	}
}

// randomSuspensions returns up to four random intervals around d.
func randomSuspensions(r *rand.Rand, d time.Time) []Interval {
	s := make([]Interval, r.IntN(5))
	for i := range s {
		start := d.Add(time.Duration(r.IntN(60*24)-10*24) * time.Hour)
		s[i] = Interval{start, start.Add(time.Duration(r.IntN(6*24*60)) * time.Minute)}
	}
	return s
}

func TestSuspendedWorkdaysProperty(t *testing.T) {
	c := quiet(t)
	r := rand.New(rand.NewPCG(11, 12))
	for range 3000 {
		d := randomDay(r)
		susp, n := randomSuspensions(r, d), r.IntN(121)-60
		got := c.AddWorkdaysSuspended(d, n, susp)
		if want := naiveSuspended(c, d, n, susp); !got.Equal(want) {
			t.Fatalf("AddWorkdaysSuspended(%v, %d, %v) = %v, naive %v", d, n, susp, got, want)
		}
		if n > 0 || counts(c, d, susp) {
			if back := c.WorkdaysBetweenSuspended(d, got, susp); back != n {
				t.Fatalf("WorkdaysBetweenSuspended(%v, %v, %v) = %d, want %d", d, got, susp, back, n)
			}
		}
	}
}

// counts reports whether day d counts under suspensions susp.
func counts(c *Calendar, d time.Time, susp []Interval) bool {
	from, to := Date(d.In(CST).Date()), Date(d.In(CST).Date()).AddDate(0, 0, 1)
	for _, iv := range susp {
		if iv.End.After(iv.Start) && iv.Start.Before(to) && iv.End.After(from) {
			return false
		}
	}
	return c.IsWorkday(d)
}

// naiveSuspended is a day-by-day reference for AddWorkdaysSuspended.
func naiveSuspended(c *Calendar, d time.Time, n int, susp []Interval) time.Time {
	d = Date(d.In(CST).Date())
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	if n == 0 {
		for !counts(c, d, susp) {
			d = d.AddDate(0, 0, 1)
		}
		return d
	}
	for n > 0 {
		if d = d.AddDate(0, 0, step); counts(c, d, susp) {
			n--
		}
	}
	return d
}

func TestWorkingDurationSuspended(t *testing.T) {
	c, h := quiet(t), DefaultOfficeHours()
	susp := []Interval{{at(2026, 9, 29, 10, 0), at(2026, 9, 29, 11, 0)}}
	start, end := at(2026, 9, 29, 9, 0), at(2026, 9, 29, 16, 30)
	if got := c.AddWorkingDurationSuspended(start, 5*hour, h, susp); !got.Equal(end) {
		t.Errorf("forward = %v, want %v", got, end)
	}
	if got := c.AddWorkingDurationSuspended(end, -5*hour, h, susp); !got.Equal(start) {
		t.Errorf("backward = %v, want %v", got, start)
	}
	if got := c.WorkingDurationBetweenSuspended(start, end, h, susp); got != 5*hour {
		t.Errorf("between = %v, want 5h", got)
	}
	night := []Interval{{at(2026, 9, 29, 18, 0), at(2026, 9, 30, 8, 0)}}
	if got := c.AddWorkingDurationSuspended(at(2026, 9, 29, 17, 0), hour, h, night); !got.Equal(at(2026, 9, 30, 9, 30)) {
		t.Errorf("night suspension changed the result: %v", got)
	}
	inside := at(2026, 9, 29, 10, 30)
	if got := c.AddWorkingDurationSuspended(inside, 0, h, susp); !got.Equal(inside) {
		t.Errorf("zero = %v, want start", got)
	}
	if got := c.AddWorkingDurationSuspended(inside, 30*minute, h, susp); !got.Equal(at(2026, 9, 29, 11, 30)) {
		t.Errorf("from inside = %v, want 11:30", got)
	}
}

func TestWorkingDurationSuspendedProperty(t *testing.T) {
	c, h := quiet(t), DefaultOfficeHours()
	r := rand.New(rand.NewPCG(13, 14))
	for range 3000 {
		a := randomMinute(r)
		susp := randomSuspensions(r, a)
		d := time.Duration(r.IntN(2*100*60)-100*60) * minute
		got := c.AddWorkingDurationSuspended(a, d, h, susp)
		if back := c.WorkingDurationBetweenSuspended(a, got, h, susp); back != d {
			t.Fatalf("between(%v, add(.., %v) = %v, %v) = %v", a, d, got, susp, back)
		}
	}
}

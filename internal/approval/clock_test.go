package approval

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

func day(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, cst) }

func TestLimitOverNationalDay(t *testing.T) {
	cal := calendar.Default()
	// Accepted on Monday 2025-09-29; 1–8 October 2025 are holidays and
	// Saturday 11 October is a make-up workday.
	l := Limit{Days: 5, Start: day(2025, 9, 29, 10)}
	due := l.Due(cal, day(2025, 9, 29, 11))
	// 9-30 (1), 10-9 (2), 10-10 (3), 10-11 make-up Saturday (4), 10-13 (5).
	if want := day(2025, 10, 13, 0); !due.Equal(want) {
		t.Fatalf("due %v, want %v", due, want)
	}
	if got := l.DaysLeft(cal, day(2025, 10, 9, 9)); got != 3 {
		t.Errorf("days left on 10-09 = %d, want 3", got)
	}
	if got := l.Standing(cal, day(2025, 10, 10, 9)); got != StandingWarning {
		t.Errorf("standing on 10-10 = %s, want warning", got)
	}
	if got := l.Standing(cal, day(2025, 10, 14, 9)); got != StandingOverdue {
		t.Errorf("standing on 10-14 = %s, want overdue", got)
	}
	if got := l.Standing(cal, day(2025, 9, 30, 9)); got != StandingOnTime {
		t.Errorf("standing on 09-30 = %s, want on time", got)
	}
}

func TestSuspensionStopsTheClock(t *testing.T) {
	cal := calendar.Default()
	start := day(2026, 3, 2, 9) // a Monday
	plain := Limit{Days: 10, Start: start}.Due(cal, start)
	// The applicant corrects materials from Wednesday to Friday: three
	// working days do not count.
	susp := Limit{Days: 10, Start: start, Suspensions: []calendar.Interval{{Start: day(2026, 3, 4, 10), End: day(2026, 3, 6, 16)}}}
	if got, want := susp.Due(cal, start), cal.AddWorkdays(plain, 3); !got.Equal(want) {
		t.Fatalf("suspended due %v, want %v", got, want)
	}
	// An open suspension keeps pushing the due day back while it lasts.
	open := Limit{Days: 10, Start: start, Suspensions: []calendar.Interval{{Start: day(2026, 3, 4, 10)}}}
	early, later := open.Due(cal, day(2026, 3, 4, 12)), open.Due(cal, day(2026, 3, 10, 12))
	if !later.After(early) {
		t.Errorf("open suspension did not push the due day: %v then %v", early, later)
	}
}

func TestInstantItems(t *testing.T) {
	l := Limit{Days: 0, Start: day(2026, 3, 2, 9)}
	if got := l.Standing(calendar.Default(), day(2026, 3, 2, 10)); got != StandingInstant {
		t.Errorf("standing = %s, want instant", got)
	}
}

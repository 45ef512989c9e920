package approval

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// Limit is a time limit in working days counted from a start (acceptance
// for an application, activation for a step), over the holiday calendar
// with make-up workdays, not counting days touched by a suspension
// (补正, hearing, testing, expert review: 行政许可法 Art. 45). An open
// suspension has a zero End; it runs until now.
type Limit struct {
	Days        int
	Start       time.Time
	Suspensions []calendar.Interval
}

// Standing says how an application or step stands against its limit.
type Standing string

// The standings, from relaxed to late.
const (
	StandingInstant Standing = "instant" // 即办件: done on the spot
	StandingOnTime  Standing = "on_time"
	StandingWarning Standing = "warning" // WarnDays or fewer working days left
	StandingOverdue Standing = "overdue"
)

// WarnDays is how many working days before expiry a limit turns to a
// warning.
const WarnDays = 2

// closed returns the suspensions with open ones ending at now.
func (l Limit) closed(now time.Time) []calendar.Interval {
	out := make([]calendar.Interval, len(l.Suspensions))
	for i, s := range l.Suspensions {
		if s.End.IsZero() {
			s.End = now
		}
		out[i] = s
	}
	return out
}

// Due returns the last day of the limit (midnight CST at its start) as of
// now: an open suspension keeps pushing it back.
func (l Limit) Due(cal *calendar.Calendar, now time.Time) time.Time {
	return cal.AddWorkdaysSuspended(l.Start, l.Days, l.closed(now))
}

// DaysLeft returns the working days left after today up to and including
// the due day; 0 on the due day itself, negative once overdue.
func (l Limit) DaysLeft(cal *calendar.Calendar, now time.Time) int {
	due := l.Due(cal, now)
	return cal.WorkdaysBetween(now, due)
}

// Standing classifies the limit as of now.
func (l Limit) Standing(cal *calendar.Calendar, now time.Time) Standing {
	if l.Days == 0 {
		return StandingInstant
	}
	switch left := l.DaysLeft(cal, now); {
	case left < 0:
		return StandingOverdue
	case left <= WarnDays:
		return StandingWarning
	}
	return StandingOnTime
}

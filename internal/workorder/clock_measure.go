package workorder

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// clockMeter measures a clock's time: wall-clock time for a limit in
// hours, time on working days (over the holiday calendar, make-up days
// included) for a limit in working days. Every duration a clock stores
// (budget, extension, pauses) is in its meter's measure, so a pause over a
// weekend costs a working-day clock nothing and an hours clock its length.
type clockMeter struct {
	basis LimitUnit
	cal   *calendar.Calendar
	// hours is the counted part of a working day; zero counts the whole
	// day (00:00–24:00), so a working-day limit ends at midnight.
	hours calendar.OfficeHours
}

// between is the counted time in [a, b).
func (m clockMeter) between(a, b time.Time) time.Duration {
	if m.basis == UnitWorkdays {
		return m.cal.WorkingDurationBetween(a, b, m.hours)
	}
	return b.Sub(a)
}

// add is the moment d of counted time after t.
func (m clockMeter) add(t time.Time, d time.Duration) time.Time {
	if m.basis == UnitWorkdays {
		return m.cal.AddWorkingDuration(t, d, m.hours).UTC()
	}
	return t.Add(d).UTC()
}

// budget is the counted time a limit grants from start: the hours
// themselves, or the time up to the end of the n-th working day after the
// day of start (the day of filing is not counted: 民法典 Art. 201, as the
// calendar counts every administrative limit).
func (m clockMeter) budget(start time.Time, l Limit) time.Duration {
	if m.basis == UnitWorkdays {
		return m.between(start, m.cal.DeadlineAfterWorkdays(start, l.Value, m.hours))
	}
	return l.Duration()
}

// clockTimes are the derived moments of a clock.
type clockTimes struct {
	warn, due time.Time
}

// times derives the warning and the deadline of a clock from its start,
// budget, granted extensions and counted pauses: the deadline is the start
// plus all of them; the warning comes when the share of the budget (plus
// extensions) has elapsed, or the lead before the deadline when the
// policy sets one.
func (m clockMeter) times(start time.Time, budget, extended, paused time.Duration, p ClockPolicy) clockTimes {
	total := budget + extended
	warnAfter := time.Duration(float64(total) * p.WarnShare)
	if p.WarnLead > 0 {
		warnAfter = max(total-p.WarnLead, 0)
	}
	return clockTimes{warn: m.add(start, warnAfter+paused), due: m.add(start, total+paused)}
}

package calendar

import (
	"fmt"
	"time"
)

// MaxWorkdays bounds |n| in working-day arithmetic (about 3,800 years).
const MaxWorkdays = 1_000_000

// IsWorkday reports whether the CST date of t is a working day: a listed day
// off is not, a listed make-up day is, and otherwise Monday to Friday are.
func (c *Calendar) IsWorkday(t time.Time) bool {
	s, d := c.load(), dayNum(t)
	c.checkYears(s, d, d)
	return s.isWork(d)
}

// LookupDay returns the holiday data listed for the CST date of t, if any.
func (c *Calendar) LookupDay(t time.Time) (Day, bool) {
	d, ok := c.load().listed[dayNum(t)]
	return d, ok
}

// AddWorkdays returns midnight CST at the start of the n-th working day after
// the date of start; the date of start itself is not counted (民法典
// Art. 201), so AddWorkdays(accepted, 20) is the last day of a 20-working-day
// limit. For n = 0 it returns the date of start if that is a working day and
// the next working day otherwise; for n < 0 it returns the |n|-th working day
// before the date of start. It panics if |n| > MaxWorkdays.
func (c *Calendar) AddWorkdays(start time.Time, n int) time.Time {
	return c.AddWorkdaysSuspended(start, n, nil)
}

// WorkdaysBetween returns the number of working days whose dates lie in
// (a, b]: the date of a is excluded and that of b included. If b is before
// a it returns minus the count over (b, a]. WorkdaysBetween(d,
// AddWorkdays(d, n)) == n whenever d is a working day or n > 0.
func (c *Calendar) WorkdaysBetween(a, b time.Time) int {
	return c.WorkdaysBetweenSuspended(a, b, nil)
}

// DeadlineAfterWorkdays returns the moment a limit of n working days from
// start expires: the close of office hours (hours.Close) on the day given by
// [Calendar.AddWorkdays]. Per 民法典 Art. 203 the last day of a period ends
// at 24:00, or when business stops where there are business hours; a zero
// OfficeHours gives 24:00.
func (c *Calendar) DeadlineAfterWorkdays(start time.Time, n int, hours OfficeHours) time.Time {
	return hours.Close(c.AddWorkdays(start, n))
}

// AddCalendarDays returns midnight CST at the start of the last day of a
// period of n calendar days counted from the day after start. If that day
// is not a working day, the period ends on the next working day instead
// (民法典 Art. 203).
func (c *Calendar) AddCalendarDays(start time.Time, n int) time.Time {
	checkN(n)
	s := c.load()
	end := dayNum(start) + n
	r := end
	if !s.isWork(r) {
		r = s.selectDay(s.rank(r) + 1)
	}
	c.checkYears(s, end, r)
	return midnight(r)
}

func checkN(n int) {
	if n > MaxWorkdays || n < -MaxWorkdays {
		panic(fmt.Sprintf("calendar: %d days out of range ±%d", n, MaxWorkdays))
	}
}

package calendar

import (
	"math"
	"time"
)

// IsOpen reports whether t falls within office hours on a working day.
func (c *Calendar) IsOpen(t time.Time, hours OfficeHours) bool {
	return c.IsWorkday(t) && hours.contains(timeOfDay(t))
}

// AddWorkingDuration returns the moment at which d of office time on working
// days has elapsed after start. Reaching the end of a span yields that end
// (09:00 plus 3h is 12:00, not 13:30). For d < 0 it goes back in time and
// yields the latest such moment (12:00 minus 3h is 09:00); d = 0 returns
// start. The result is in CST.
func (c *Calendar) AddWorkingDuration(start time.Time, d time.Duration, hours OfficeHours) time.Time {
	return c.addDuration(c.load(), start, d, hours)
}

// WorkingDurationBetween returns the office time on working days within
// [a, b), or minus that within [b, a) if b is before a. It saturates at the
// limits of time.Duration.
func (c *Calendar) WorkingDurationBetween(a, b time.Time, hours OfficeHours) time.Duration {
	return c.durationBetween(c.load(), a, b, hours)
}

func (c *Calendar) durationBetween(s *snapshot, a, b time.Time, h OfficeHours) time.Duration {
	if b.Before(a) {
		return -c.durationBetween(s, b, a, h)
	}
	da, db := dayNum(a), dayNum(b)
	c.checkYears(s, da, db)
	days := s.rank(db-1) - s.rank(da-1)
	if days > int(math.MaxInt64/h.PerDay())-1 {
		return math.MaxInt64
	}
	return time.Duration(days)*h.PerDay() + s.partial(b, h) - s.partial(a, h)
}

// partial returns the office time on t's date before t.
func (s *snapshot) partial(t time.Time, h OfficeHours) time.Duration {
	if !s.isWork(dayNum(t)) {
		return 0
	}
	return h.before(timeOfDay(t))
}

func (c *Calendar) addDuration(s *snapshot, start time.Time, d time.Duration, h OfficeHours) time.Time {
	if d == 0 {
		return start.In(CST)
	}
	ds, per := dayNum(start), h.PerDay()
	p0 := s.partial(start, h)
	var dd int
	var tod time.Duration
	if d > 0 {
		// k-th working day counted from ds inclusive; off in (0, per].
		rr := p0 + d%per
		k2 := int((rr + per - 1) / per)
		off := rr - time.Duration(k2-1)*per
		dd = s.selectDay(s.rank(ds-1) + int(d/per) + k2)
		tod = h.clockAtEnd(off)
	} else {
		// j-th working day counted from ds inclusive; off in [0, per).
		r := p0 + d
		j := floorDiv(int64(r), int64(per)) + 1
		off := time.Duration(floorMod(int64(r), int64(per)))
		dd = s.selectDay(s.rank(ds-1) + int(j))
		tod = h.clockAtStart(off)
	}
	c.checkYears(s, ds, dd)
	return instant(dd, tod)
}

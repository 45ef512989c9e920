package calendar

import (
	"slices"
	"time"
)

// Interval is a half-open span of time [Start, End), e.g. a suspension of a
// time limit while the applicant corrects materials (补正). An Interval whose
// End is not after its Start is empty and ignored; an open-ended suspension
// must be given an End (for example the current time) by the caller.
type Interval struct {
	Start, End time.Time
}

// dayRange is an inclusive range of day numbers.
type dayRange struct{ from, to int }

// suspendedDays returns the sorted, merged CST dates touched by the
// non-empty intervals in susp.
func suspendedDays(susp []Interval) []dayRange {
	var rs []dayRange
	for _, iv := range susp {
		if iv.End.After(iv.Start) {
			last := iv.End.Add(-time.Nanosecond)
			rs = append(rs, dayRange{dayNum(iv.Start), dayNum(last)})
		}
	}
	slices.SortFunc(rs, func(a, b dayRange) int { return a.from - b.from })
	return mergeDays(rs)
}

// mergeDays merges overlapping or adjacent sorted ranges in place.
func mergeDays(rs []dayRange) []dayRange {
	out := rs[:0]
	for _, r := range rs {
		if n := len(out); n > 0 && r.from <= out[n-1].to+1 {
			out[n-1].to = max(out[n-1].to, r.to)
			continue
		}
		out = append(out, r)
	}
	return out
}

// AddWorkdaysSuspended is [Calendar.AddWorkdays] where no working day
// touched by a suspension counts: a suspension covering any part of a date,
// even outside office hours, removes that whole date, because correction and
// similar periods are counted in whole days.
func (c *Calendar) AddWorkdaysSuspended(start time.Time, n int, susp []Interval) time.Time {
	checkN(n)
	s, d, rs := c.load(), dayNum(start), suspendedDays(susp)
	var r int
	switch {
	case n > 0:
		r = s.forward(rs, d, n)
		c.checkYears(s, d+1, r)
	case n < 0:
		r = s.backward(rs, d, -n)
		c.checkYears(s, r, d-1)
	case s.isWork(d) && !inRanges(rs, d):
		r = d
		c.checkYears(s, d, d)
	default:
		r = s.forward(rs, d, 1)
		c.checkYears(s, d, r)
	}
	return midnight(r)
}

// WorkdaysBetweenSuspended is [Calendar.WorkdaysBetween] where no working
// day touched by a suspension counts, as in [Calendar.AddWorkdaysSuspended].
func (c *Calendar) WorkdaysBetweenSuspended(a, b time.Time, susp []Interval) int {
	s, da, db := c.load(), dayNum(a), dayNum(b)
	if da == db {
		return 0
	}
	sign := 1
	if da > db {
		da, db, sign = db, da, -1
	}
	c.checkYears(s, da+1, db)
	n := s.rank(db) - s.rank(da)
	for _, r := range suspendedDays(susp) {
		if lo, hi := max(da, r.from-1), min(db, r.to); hi > lo {
			n -= s.rank(hi) - s.rank(lo)
		}
	}
	return sign * n
}

// forward returns the n-th (n >= 1) working day after day d outside rs.
func (s *snapshot) forward(rs []dayRange, d, n int) int {
	for _, r := range rs {
		if r.to <= d {
			continue
		}
		if r.from > d+1 {
			avail := s.rank(r.from-1) - s.rank(d)
			if n <= avail {
				break
			}
			n -= avail
		}
		d = r.to
	}
	return s.selectDay(s.rank(d) + n)
}

// backward returns the n-th (n >= 1) working day before day d outside rs.
func (s *snapshot) backward(rs []dayRange, d, n int) int {
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if r.from >= d {
			continue
		}
		if r.to < d-1 {
			avail := s.rank(d-1) - s.rank(r.to)
			if n <= avail {
				break
			}
			n -= avail
		}
		d = r.from
	}
	return s.selectDay(s.rank(d-1) - n + 1)
}

// inRanges reports whether day d lies in one of the sorted ranges rs.
func inRanges(rs []dayRange, d int) bool {
	i, _ := slices.BinarySearchFunc(rs, d, func(r dayRange, d int) int { return r.to - d })
	return i < len(rs) && rs[i].from <= d
}

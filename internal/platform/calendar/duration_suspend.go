package calendar

import (
	"slices"
	"time"
)

// AddWorkingDurationSuspended is [Calendar.AddWorkingDuration] where office
// time inside a suspension does not count. Unlike the working-day functions,
// only the suspended time itself is removed, not whole days.
func (c *Calendar) AddWorkingDurationSuspended(start time.Time, d time.Duration, hours OfficeHours, susp []Interval) time.Time {
	s, ivs := c.load(), mergeIntervals(susp)
	if d == 0 {
		return start.In(CST)
	}
	if d < 0 {
		return c.backwardDuration(s, start, -d, hours, ivs)
	}
	cur := start
	for _, iv := range ivs {
		if !iv.End.After(cur) {
			continue
		}
		if iv.Start.After(cur) {
			avail := c.durationBetween(s, cur, iv.Start, hours)
			if d <= avail {
				break
			}
			d -= avail
		}
		cur = iv.End
	}
	return c.addDuration(s, cur, d, hours)
}

// backwardDuration goes back d (> 0) of office time from start outside ivs.
func (c *Calendar) backwardDuration(s *snapshot, start time.Time, d time.Duration, h OfficeHours, ivs []Interval) time.Time {
	cur := start
	for i := len(ivs) - 1; i >= 0; i-- {
		iv := ivs[i]
		if !iv.Start.Before(cur) {
			continue
		}
		if iv.End.Before(cur) {
			avail := c.durationBetween(s, iv.End, cur, h)
			if d <= avail {
				break
			}
			d -= avail
		}
		cur = iv.Start
	}
	return c.addDuration(s, cur, -d, h)
}

// WorkingDurationBetweenSuspended is [Calendar.WorkingDurationBetween]
// without the office time inside suspensions.
func (c *Calendar) WorkingDurationBetweenSuspended(a, b time.Time, hours OfficeHours, susp []Interval) time.Duration {
	s := c.load()
	if b.Before(a) {
		return -c.WorkingDurationBetweenSuspended(b, a, hours, susp)
	}
	total := c.durationBetween(s, a, b, hours)
	for _, iv := range mergeIntervals(susp) {
		lo, hi := latest(a, iv.Start), earliest(b, iv.End)
		if hi.After(lo) {
			total -= c.durationBetween(s, lo, hi, hours)
		}
	}
	return total
}

// mergeIntervals returns the non-empty intervals of susp sorted and merged.
func mergeIntervals(susp []Interval) []Interval {
	var out []Interval
	for _, iv := range susp {
		if iv.End.After(iv.Start) {
			out = append(out, iv)
		}
	}
	slices.SortFunc(out, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	merged := out[:0]
	for _, iv := range out {
		if n := len(merged); n > 0 && !iv.Start.After(merged[n-1].End) {
			merged[n-1].End = latest(merged[n-1].End, iv.End)
			continue
		}
		merged = append(merged, iv)
	}
	return merged
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earliest(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

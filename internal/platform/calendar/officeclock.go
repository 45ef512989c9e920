package calendar

import "time"

// before returns the opening time in [00:00, tod) of a working day.
func (h OfficeHours) before(tod time.Duration) time.Duration {
	var n time.Duration
	for _, s := range h.list() {
		if tod <= s.Start {
			break
		}
		n += min(tod, s.End) - s.Start
	}
	return n
}

// contains reports whether time of day tod is within opening hours.
func (h OfficeHours) contains(tod time.Duration) bool {
	for _, s := range h.list() {
		if tod >= s.Start && tod < s.End {
			return true
		}
	}
	return false
}

// clockAtEnd returns the earliest time of day by which off (0 < off <=
// PerDay) of opening time has elapsed, e.g. 12:00 rather than 13:30.
func (h OfficeHours) clockAtEnd(off time.Duration) time.Duration {
	l := h.list()
	for _, s := range l {
		n := s.End - s.Start
		if off <= n {
			return s.Start + off
		}
		off -= n
	}
	return l[len(l)-1].End
}

// clockAtStart returns the latest time of day before which off (0 <= off <
// PerDay) of opening time has elapsed, e.g. 13:30 rather than 12:00.
func (h OfficeHours) clockAtStart(off time.Duration) time.Duration {
	l := h.list()
	for _, s := range l {
		n := s.End - s.Start
		if off < n {
			return s.Start + off
		}
		off -= n
	}
	return l[len(l)-1].End
}

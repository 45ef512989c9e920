package calendar

import "math/bits"

// isWork reports whether day d is a working day.
func (s *snapshot) isWork(d int) bool {
	if !s.inTable(d) {
		return isWeekday(d)
	}
	i := d - s.start
	return s.words[i>>6]&(1<<(i&63)) != 0
}

// rank returns a signed running count of working days up to and including
// day d; rank(b)-rank(a) is the number of working days in (a, b].
func (s *snapshot) rank(d int) int {
	switch {
	case len(s.words) == 0 || d < s.start:
		return weekdayRank(d)
	case d <= s.end:
		i := d - s.start
		mask := ^uint64(0) >> (63 - i&63)
		return s.base + s.prefix[i>>6] + popcount(s.words[i>>6]&mask)
	default:
		return s.base + s.total() + weekdayRank(d) - weekdayRank(s.end)
	}
}

// selectDay returns the working day whose rank is k.
func (s *snapshot) selectDay(k int) int {
	switch {
	case len(s.words) == 0 || k <= s.base:
		return weekdaySelect(k)
	case k <= s.base+s.total():
		j := k - s.base
		w := s.searchWord(j)
		return s.start + w*64 + nthBit(s.words[w], j-s.prefix[w])
	default:
		return weekdaySelect(k - s.base - s.total() + weekdayRank(s.end))
	}
}

func popcount(w uint64) int { return bits.OnesCount64(w) }

// nthBit returns the position of the n-th (1-based) set bit of w.
func nthBit(w uint64, n int) int {
	for ; n > 1; n-- {
		w &= w - 1
	}
	return bits.TrailingZeros64(w)
}

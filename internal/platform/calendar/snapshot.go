package calendar

import (
	"slices"
	"sort"
)

// snapshot is an immutable view of the calendar. Working days from the year
// before the first loaded year to the year after the last are kept in a
// bitset with per-word prefix counts, so that counting working days is O(1)
// and finding the n-th one is O(log size).
type snapshot struct {
	data   map[int]YearData // loaded years, by year
	years  []int            // sorted keys of data
	listed map[int]Day      // listed days, by day number

	start, end int      // first and last day of the bitset (end < start if empty)
	words      []uint64 // bit i set: day start+i is a working day
	prefix     []int    // prefix[i]: working days in words[:i]
	base       int      // rank(start-1)
}

// newSnapshot builds a snapshot from validated, normalised year data.
func newSnapshot(data map[int]YearData) *snapshot {
	s := &snapshot{data: data, listed: map[int]Day{}, end: -1}
	for y := range data {
		s.years = append(s.years, y)
	}
	slices.Sort(s.years)
	if len(s.years) == 0 {
		return s
	}
	s.start = firstDayOf(s.years[0] - 1)
	s.end = firstDayOf(s.years[len(s.years)-1]+2) - 1
	s.fillWeekdays()
	s.applyDays()
	s.countPrefix()
	return s
}

// fillWeekdays marks Monday to Friday as working days.
func (s *snapshot) fillWeekdays() {
	s.words = make([]uint64, (s.end-s.start)/64+1)
	for d := s.start; d <= s.end; d++ {
		if isWeekday(d) {
			s.set(d, true)
		}
	}
}

// applyDays applies listed days. A date listed by its own year's file wins
// over a neighbouring year's file; among neighbours the later year wins.
func (s *snapshot) applyDays() {
	for _, own := range []bool{false, true} {
		for _, y := range s.years {
			for _, d := range s.data[y].Days {
				n := dayNum(d.Date)
				if (yearOf(n) == y) == own {
					s.listed[n] = d
					s.set(n, !d.OffDay)
				}
			}
		}
	}
}

func (s *snapshot) countPrefix() {
	s.prefix = make([]int, len(s.words)+1)
	for i, w := range s.words {
		s.prefix[i+1] = s.prefix[i] + popcount(w)
	}
	s.base = weekdayRank(s.start - 1)
}

func (s *snapshot) set(d int, work bool) {
	i := d - s.start
	if work {
		s.words[i>>6] |= 1 << (i & 63)
	} else {
		s.words[i>>6] &^= 1 << (i & 63)
	}
}

// inTable reports whether day d lies in the bitset.
func (s *snapshot) inTable(d int) bool { return d >= s.start && d <= s.end }

// total returns the number of working days in the bitset.
func (s *snapshot) total() int { return s.prefix[len(s.prefix)-1] }

// hasYear reports whether data for year y is loaded.
func (s *snapshot) hasYear(y int) bool {
	_, ok := s.data[y]
	return ok
}

// searchWord returns the index of the word holding the j-th (1-based)
// working day of the bitset.
func (s *snapshot) searchWord(j int) int {
	return sort.Search(len(s.words), func(i int) bool { return s.prefix[i+1] >= j })
}

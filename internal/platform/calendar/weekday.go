package calendar

// anchorMonday is the day number of Monday 1970-01-05.
const anchorMonday = 4

// isWeekday reports whether day d falls on Monday to Friday.
func isWeekday(d int) bool {
	return floorMod(int64(d-anchorMonday), 7) < 5
}

// weekdayRank returns the signed number of Monday–Friday days in
// [anchorMonday, d]; weekdayRank(b)-weekdayRank(a) counts them in (a, b].
func weekdayRank(d int) int {
	off := int64(d - anchorMonday)
	q, r := floorDiv(off, 7), floorMod(off, 7)
	return int(5*q + min(r+1, 5))
}

// weekdaySelect returns the smallest day d with weekdayRank(d) >= k, which is
// the weekday whose rank is exactly k.
func weekdaySelect(k int) int {
	q, r := floorDiv(int64(k-1), 5), floorMod(int64(k-1), 5)
	return anchorMonday + int(7*q+r)
}

package calendar

import "time"

// CST is China Standard Time, the fixed UTC+08:00 zone in which all dates are
// evaluated. China has observed no daylight saving time since 1991, so a fixed
// zone avoids depending on the tzdata database.
var CST = time.FixedZone("CST", 8*60*60)

const (
	cstOffset  = 8 * 60 * 60 // seconds east of UTC
	secondsDay = 24 * 60 * 60
	dayLen     = 24 * time.Hour
)

// Date returns midnight at the start of the given civil date in [CST].
// Like [time.Date] it normalises out-of-range months and days.
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, CST)
}

// dayNum returns the CST civil date of t as days since 1970-01-01.
func dayNum(t time.Time) int {
	return int(floorDiv(t.Unix()+cstOffset, secondsDay))
}

// timeOfDay returns the time elapsed since CST midnight at t.
func timeOfDay(t time.Time) time.Duration {
	sec := floorMod(t.Unix()+cstOffset, secondsDay)
	return time.Duration(sec)*time.Second + time.Duration(t.Nanosecond())
}

// instant returns the moment at offset tod after CST midnight of day d.
func instant(d int, tod time.Duration) time.Time {
	return time.Unix(int64(d)*secondsDay-cstOffset, 0).Add(tod).In(CST)
}

// midnight returns CST midnight at the start of day d.
func midnight(d int) time.Time { return instant(d, 0) }

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

// yearOf returns the proleptic Gregorian year of day d (days since
// 1970-01-01), using Howard Hinnant's civil_from_days algorithm.
func yearOf(d int) int {
	z := int64(d) + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	y := yoe + era*400
	if mp >= 10 { // January or February belong to the next civil year.
		y++
	}
	return int(y)
}

// firstDayOf returns the day number of 1 January of year y.
func firstDayOf(y int) int {
	return dayNum(time.Date(y, time.January, 1, 0, 0, 0, 0, CST))
}

package org

import (
	"slices"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// overlapHorizon is how many days ahead two recurring entries are
// compared: a year and a week, so that every weekday pattern and the
// holiday arrangement published for the coming year are seen.
const overlapHorizon = 372

// cstDay returns midnight CST at the start of t's CST date.
func cstDay(t time.Time) time.Time {
	y, m, d := t.In(calendar.CST).Date()
	return calendar.Date(y, m, d)
}

// startsOn reports whether the entry's shift starts on the CST date of
// day, over the holiday calendar: a weekly entry skips public holidays
// and works make-up working days, as service points' opening hours do.
func (e RosterEntry) startsOn(cal *calendar.Calendar, day time.Time) bool {
	switch e.Days {
	case DaysDate:
		return e.Date == day.In(calendar.CST).Format(time.DateOnly)
	case DaysWorking:
		return cal.IsWorkday(day)
	case DaysDaily:
		return true
	}
	if d, listed := cal.LookupDay(day); listed {
		return !d.OffDay
	}
	return slices.Contains(e.Weekdays, day.In(calendar.CST).Weekday())
}

// shiftOn returns the shift that starts on the CST date of day; a night
// shift ends on the next day.
func (e RosterEntry) shiftOn(day time.Time) (from, to time.Time) {
	mid := cstDay(day)
	from = mid.Add(time.Duration(e.Start) * time.Minute)
	to = mid.Add(time.Duration(e.End) * time.Minute)
	if e.Overnight() {
		to = to.AddDate(0, 0, 1)
	}
	return from, to
}

// shiftAt returns the shift of the entry under way at t: one that started
// on t's date, or a night shift that started the day before.
func (e RosterEntry) shiftAt(cal *calendar.Calendar, t time.Time) (from, to time.Time, ok bool) {
	today := cstDay(t)
	for _, day := range []time.Time{today, today.AddDate(0, 0, -1)} {
		if !e.startsOn(cal, day) {
			continue
		}
		if from, to := e.shiftOn(day); !t.Before(from) && t.Before(to) {
			return from, to, true
		}
	}
	return time.Time{}, time.Time{}, false
}

// overlapWindow is the range of start days over which a and b are
// compared: around a dated entry's day, else the horizon from yesterday.
func overlapWindow(a, b RosterEntry, today time.Time) (time.Time, int) {
	for _, e := range []RosterEntry{a, b} {
		if e.Days == DaysDate {
			d, _ := time.ParseInLocation(time.DateOnly, e.Date, calendar.CST)
			return d.AddDate(0, 0, -1), 3
		}
	}
	return today.AddDate(0, 0, -1), overlapHorizon
}

// firstOverlap returns the first day on which a shift of a starts that
// overlaps a shift of b (which may start the day before, the same day or
// the day after).
func firstOverlap(cal *calendar.Calendar, a, b RosterEntry, today time.Time) (time.Time, bool) {
	from, days := overlapWindow(a, b, today)
	for i := range days {
		day := from.AddDate(0, 0, i)
		if !a.startsOn(cal, day) {
			continue
		}
		af, at := a.shiftOn(day)
		for k := -1; k <= 1; k++ {
			bd := day.AddDate(0, 0, k)
			if !b.startsOn(cal, bd) {
				continue
			}
			if bf, bt := b.shiftOn(bd); af.Before(bt) && bf.Before(at) {
				return day, true
			}
		}
	}
	return time.Time{}, false
}

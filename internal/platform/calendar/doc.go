// Package calendar counts working days and office hours over the official
// Chinese public holiday calendar.
//
// Administrative time limits are counted in working days that exclude
// statutory holidays (行政许可法 Art. 82). The holiday calendar changes every
// year by State Council notice: some weekdays become days off and some
// weekend days become make-up working days (调休上班). A [Calendar] holds that
// data, embedded from the holiday-cn project for 2007 onwards, and can take
// more years at run time through [Calendar.AddYear].
//
// Conventions:
//
//   - Every date is a civil date in China Standard Time (UTC+08:00, the
//     fixed zone [CST]). Inputs may be in any location and are converted;
//     results are returned in [CST].
//   - A date is a working day unless the data lists it as a day off; a date
//     the data lists as a make-up day is a working day; any other date is a
//     working day from Monday to Friday.
//   - For a year without data only weekends are days off, and the calendar
//     reports the missing year once through its logger and hook.
//   - Periods start counting on the day after the starting day (民法典
//     Art. 201): AddWorkdays(accepted, 20) is the 20th working day after the
//     day of acceptance, returned as midnight CST at its start; n = 0 gives
//     the starting day itself if it is a working day, else the next one.
//     WorkdaysBetween(a, b) counts working days dated in (a, b] and is the
//     inverse of AddWorkdays. DeadlineAfterWorkdays gives the closing time
//     of that last day (民法典 Art. 203).
//   - Office-hour arithmetic counts only time inside [OfficeHours] on working
//     days; intervals are half-open.
//   - A suspension ([Interval]) removes every calendar day it touches from
//     working-day counts, and exactly its own time from working-duration
//     counts.
//
// A Calendar is safe for concurrent use. Readers never block: they work on an
// immutable snapshot which AddYear replaces atomically.
package calendar

package org

import (
	"fmt"
	"strings"
	"time"
)

// Duty rosters (值班表) say who is on duty at a service point, for which
// kind of duty, when. Extended-hours counters (延时服务), 12-hour counters
// and night-duty pre-review (夜间预审) are nothing more than these rows:
// a person may act at a point when a roster entry covers the moment.

// DutyKind is the kind of duty an entry is for.
type DutyKind string

// The kinds of duty.
const (
	DutyCounter     DutyKind = "counter"      // 窗口: the ordinary counter
	DutyNightReview DutyKind = "night_review" // 夜间预审: online applications pre-reviewed at night
	DutyExtended    DutyKind = "extended"     // 延时服务: the counter kept open after office hours
)

// DutyKinds lists every kind, in the order forms offer them.
var DutyKinds = []DutyKind{DutyCounter, DutyExtended, DutyNightReview}

// Valid reports whether k is a known kind.
func (k DutyKind) Valid() bool {
	switch k {
	case DutyCounter, DutyNightReview, DutyExtended:
		return true
	}
	return false
}

// Name is the kind's Chinese name.
func (k DutyKind) Name() string {
	switch k {
	case DutyCounter:
		return "窗口值班"
	case DutyNightReview:
		return "夜间预审"
	case DutyExtended:
		return "延时服务"
	}
	return string(k)
}

// DayRule says on which days an entry's shift starts.
type DayRule string

// The day rules, read over the holiday calendar as service points'
// published opening hours are.
const (
	// DaysDate is one civil date.
	DaysDate DayRule = "date"
	// DaysWorking is every working day: Monday to Friday and make-up
	// working days (调休上班), not public holidays.
	DaysWorking DayRule = "working"
	// DaysWeekly is the chosen weekdays except public holidays, plus
	// make-up working days.
	DaysWeekly DayRule = "weekly"
	// DaysDaily is every day, public holidays included.
	DaysDaily DayRule = "daily"
)

// DayRules lists every rule, in the order forms offer them.
var DayRules = []DayRule{DaysWorking, DaysWeekly, DaysDaily, DaysDate}

// Valid reports whether r is a known rule.
func (r DayRule) Valid() bool {
	switch r {
	case DaysDate, DaysWorking, DaysWeekly, DaysDaily:
		return true
	}
	return false
}

// Name is the rule's Chinese name.
func (r DayRule) Name() string {
	switch r {
	case DaysDate:
		return "指定日期"
	case DaysWorking:
		return "工作日（按节假日安排）"
	case DaysWeekly:
		return "每周固定几天（法定节假日除外）"
	case DaysDaily:
		return "每天（含节假日）"
	}
	return string(r)
}

// TimeOfDay is a time of day in minutes after midnight, China Standard
// Time: 0 to 1439.
type TimeOfDay int

// String shows the time as "20:00".
func (t TimeOfDay) String() string { return fmt.Sprintf("%02d:%02d", int(t)/60, int(t)%60) }

// MarshalText writes the time as "20:00" in JSON.
func (t TimeOfDay) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// RosterEntry is one line of a service point's duty roster.
type RosterEntry struct {
	ID        int64    `json:"id"`
	PointCode string   `json:"point_code"`
	AccountID int64    `json:"account_id"`
	Kind      DutyKind `json:"kind"`
	Days      DayRule  `json:"days"`
	// Date is the day of a DaysDate entry, "2026-10-01", "" otherwise.
	Date string `json:"date,omitempty"`
	// Weekdays are the days of a DaysWeekly entry.
	Weekdays []time.Weekday `json:"weekdays,omitempty"`
	// Start and End bound the shift; an End not after Start is on the
	// next day (a night shift, 20:00–08:00).
	Start TimeOfDay `json:"start"`
	End   TimeOfDay `json:"end"`
	Note  string    `json:"note"`
}

// Overnight reports whether the shift ends on the day after it starts.
func (e RosterEntry) Overnight() bool { return e.End <= e.Start }

// Hours shows the shift, "20:00—次日08:00" for a night shift.
func (e RosterEntry) Hours() string {
	if e.Overnight() {
		return e.Start.String() + "—次日" + e.End.String()
	}
	return e.Start.String() + "—" + e.End.String()
}

// DaysText shows on which days the shift starts, in Chinese.
func (e RosterEntry) DaysText() string {
	switch e.Days {
	case DaysDate:
		return e.Date
	case DaysWorking:
		return "工作日"
	case DaysDaily:
		return "每天"
	case DaysWeekly:
		return weekdaysText(e.Weekdays) + "（法定节假日除外）"
	}
	return string(e.Days)
}

// weekdayNames are the Chinese names of the days, by time.Weekday.
var weekdayNames = [7]string{"周日", "周一", "周二", "周三", "周四", "周五", "周六"}

// weekdaysText shows a set of days Monday first: "周一至周六" for a run of
// three or more, "周一、周三" otherwise.
func weekdaysText(days []time.Weekday) string {
	var set [7]bool
	for _, d := range days {
		set[d] = true
	}
	order := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
	var parts []string
	for i := 0; i < len(order); {
		if !set[order[i]] {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && set[order[j+1]] {
			j++
		}
		if j-i >= 2 {
			parts = append(parts, weekdayNames[order[i]]+"至"+weekdayNames[order[j]])
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, weekdayNames[order[k]])
			}
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}

// weekdayMask packs days into the bit mask stored in the database.
func weekdayMask(days []time.Weekday) int {
	m := 0
	for _, d := range days {
		m |= 1 << d
	}
	return m
}

// maskWeekdays unpacks a bit mask, Sunday first.
func maskWeekdays(m int) []time.Weekday {
	var out []time.Weekday
	for d := time.Sunday; d <= time.Saturday; d++ {
		if m&(1<<d) != 0 {
			out = append(out, d)
		}
	}
	return out
}

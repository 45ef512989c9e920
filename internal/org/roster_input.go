package org

import (
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// maxNoteRunes bounds a roster entry's note.
const maxNoteRunes = 128

// RosterInput is a new roster entry as typed: times and the date are text,
// so that the service names the field of any mistake.
type RosterInput struct {
	PointCode string `json:"point_code"`
	AccountID int64  `json:"account_id"`
	Kind      string `json:"kind"`
	Days      string `json:"days"`
	// Date, "2026-10-01", is required for the "date" rule and ignored
	// otherwise.
	Date string `json:"date"`
	// Weekdays, 0 (Sunday) to 6, are required for the "weekly" rule and
	// ignored otherwise.
	Weekdays []int `json:"weekdays"`
	// Start and End are "08:30"; an End not after Start ends the next day.
	Start string `json:"start"`
	End   string `json:"end"`
	Note  string `json:"note"`
}

// validate checks and normalises the input into an entry, recording
// mistakes in fe; today is the current CST date, before which a dated
// entry may not start.
func (in RosterInput) validate(fe fieldErrors, today time.Time) RosterEntry {
	e := RosterEntry{PointCode: in.PointCode, AccountID: in.AccountID, Kind: DutyKind(in.Kind), Days: DayRule(in.Days)}
	fe.code("point_code", "服务网点", in.PointCode, kindOf(in.PointCode) == authz.ScopeServicePoint)
	switch {
	case in.AccountID == 0:
		fe.add("account_id", "请选择值班人员")
	case in.AccountID < 0:
		fe.add("account_id", "人员账号应为数字编号")
	}
	if !e.Kind.Valid() {
		fe.add("kind", choose("值班类型", in.Kind))
	}
	e.Date, e.Weekdays = in.validateDays(fe, today)
	e.Start = fe.clock("start", "开始时间", in.Start)
	e.End = fe.clock("end", "结束时间", in.End)
	if _, bad := fe["start"]; !bad && e.Start == e.End && fe["end"] == "" {
		fe.add("end", "结束时间不能与开始时间相同")
	}
	e.Note = fe.text("note", "备注", in.Note, maxNoteRunes, false)
	return e
}

// validateDays checks the day rule and what it needs.
func (in RosterInput) validateDays(fe fieldErrors, today time.Time) (string, []time.Weekday) {
	switch DayRule(in.Days) {
	case DaysDate:
		return fe.date("date", in.Date, today), nil
	case DaysWeekly:
		return "", fe.weekdays("weekdays", in.Weekdays)
	case DaysWorking, DaysDaily:
		return "", nil
	}
	fe.add("days", choose("值班日期规则", in.Days))
	return "", nil
}

// choose is the message for a missing or unknown choice.
func choose(label, v string) string {
	if strings.TrimSpace(v) == "" {
		return "请选择" + label
	}
	return label + "无效"
}

// clock reads a time of day, "8:30" or "08:30"; "24:00" is midnight at
// the end of the day, the same as "00:00" for an end.
func (f fieldErrors) clock(field, label, v string) TimeOfDay {
	v = strings.TrimSpace(strings.ReplaceAll(v, "：", ":"))
	if v == "" {
		f.add(field, "请填写"+label)
		return 0
	}
	hh, mm, ok := strings.Cut(v, ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	switch {
	case !ok || errH != nil || errM != nil || len(hh) > 2 || len(mm) != 2 || hh[0] == '+' || hh[0] == '-':
		f.add(field, label+"格式应为 时:分，如 08:30")
	case h == 24 && m == 0:
		return 0
	case h < 0 || h > 23 || m < 0 || m > 59:
		f.add(field, label+"不是有效的时刻（00:00 至 23:59）")
	}
	return TimeOfDay(h*60 + m)
}

// date reads a civil date no earlier than today.
func (f fieldErrors) date(field, v string, today time.Time) string {
	v = strings.TrimSpace(v)
	if v == "" {
		f.add(field, "请填写值班日期")
		return ""
	}
	d, err := time.ParseInLocation(time.DateOnly, v, calendar.CST)
	switch {
	case err != nil:
		f.add(field, "日期格式应为 2026-10-01")
	case d.Before(today):
		f.add(field, "值班日期不能早于今天")
	}
	return v
}

// weekdays reads at least one day, 0 (Sunday) to 6.
func (f fieldErrors) weekdays(field string, days []int) []time.Weekday {
	var set [7]bool
	for _, d := range days {
		if d < 0 || d > 6 {
			f.add(field, "星期的取值无效")
			return nil
		}
		set[d] = true
	}
	var out []time.Weekday
	for d := range set {
		if set[d] {
			out = append(out, time.Weekday(d))
		}
	}
	if len(out) == 0 {
		f.add(field, "请至少选择一天")
	}
	return out
}

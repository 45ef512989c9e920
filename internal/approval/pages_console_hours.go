package approval

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// openingRule is one line of a service point's published opening hours,
// e.g. "周一至周六 8:00—20:00" or "工作日 9:00—12:00，13:30—17:30（法定节假日
// 除外）": on which days, during which hours.
type openingRule struct {
	days     dayRule
	weekdays [7]bool // by time.Weekday, for daysWeekly
	hours    calendar.OfficeHours
	holidays bool // open on public holidays too
}

// dayRule says which days a rule covers.
type dayRule int

// The day rules.
const (
	daysWorking dayRule = iota // 工作日: the working days of the holiday calendar
	daysWeekly                 // 周一至周六 …: those weekdays and make-up working days, not public holidays
	daysEvery                  // 每天, 全年无休: every day, public holidays included
)

var (
	// clauseSep splits the text into clauses; online service is not a
	// counter's opening time.
	clauseSep   = regexp.MustCompile(`[；;。\n]`)
	onlineWords = []string{"网上", "线上", "网办", "掌上", "自助"}
	dashes      = `[-－—–~～至到]`
	dayPrefix   = regexp.MustCompile(`^(工作日|每天|每日|全年无休|周[一二三四五六日天]\s*` + dashes + `\s*周[一二三四五六日天]|周[一二三四五六日天](?:\s*[、,，]\s*周[一二三四五六日天])*)`)
	timeSpan    = regexp.MustCompile(`^(\d{1,2})[:：](\d{2})\s*` + dashes + `\s*(\d{1,2})[:：](\d{2})`)
	spanSep     = regexp.MustCompile(`^[\s，,、]+`)
	dayName     = regexp.MustCompile(`周([一二三四五六日天])`)
	dashRe      = regexp.MustCompile(dashes)
	remark      = regexp.MustCompile(`[（(]([^）)]*)[）)]\s*$`)
	weekdayOf   = map[string]time.Weekday{"一": time.Monday, "二": time.Tuesday, "三": time.Wednesday, "四": time.Thursday,
		"五": time.Friday, "六": time.Saturday, "日": time.Sunday, "天": time.Sunday}
)

// parseOpeningHours reads a point's published opening hours. It only
// accepts what it fully understands: anything else is not guessed at, and
// ok is false.
func parseOpeningHours(text string) (rules []openingRule, ok bool) {
	for _, clause := range clauseSep.Split(text, -1) {
		clause = strings.TrimSpace(clause)
		if clause == "" || isOnline(clause) {
			continue
		}
		r, ok := parseClause(clause)
		if !ok {
			return nil, false
		}
		rules = append(rules, r)
	}
	return rules, len(rules) > 0
}

// isOnline reports whether a clause is about online or self service.
func isOnline(clause string) bool {
	for _, w := range onlineWords {
		if strings.HasPrefix(clause, w) {
			return true
		}
	}
	return false
}

// parseClause reads "days hours (remark)".
func parseClause(c string) (openingRule, bool) {
	var r openingRule
	if m := remark.FindStringSubmatch(c); m != nil {
		switch {
		case strings.Contains(m[1], "节假日除外"):
		case strings.Contains(m[1], "节假日照常") || strings.Contains(m[1], "节假日不休"):
			r.holidays = true
		default:
			return r, false
		}
		c = strings.TrimSpace(c[:len(c)-len(m[0])])
	}
	days := dayPrefix.FindString(c)
	if days == "" || !r.setDays(days) {
		return r, false
	}
	hours, ok := parseSpans(strings.TrimSpace(c[len(days):]))
	if !ok {
		return r, false
	}
	r.hours = hours
	return r, true
}

// setDays reads the day part of a clause.
func (r *openingRule) setDays(days string) bool {
	switch days {
	case "工作日":
		r.days = daysWorking
		return true
	case "每天", "每日", "全年无休":
		r.days, r.holidays = daysEvery, true
		return true
	}
	r.days = daysWeekly
	names := dayName.FindAllStringSubmatch(days, -1)
	if dashRe.MatchString(days) && len(names) == 2 {
		from, to := weekdayOf[names[0][1]], weekdayOf[names[1][1]]
		for d := from; ; d = (d + 1) % 7 {
			r.weekdays[d] = true
			if d == to {
				break
			}
		}
		return true
	}
	for _, n := range names {
		r.weekdays[weekdayOf[n[1]]] = true
	}
	return len(names) > 0
}

// parseSpans reads "8:00—12:00，13:30—17:30" or "24小时".
func parseSpans(s string) (calendar.OfficeHours, bool) {
	if s == "24小时" || s == "0:00—24:00" {
		h, err := calendar.NewOfficeHours(calendar.Span{Start: 0, End: 24 * time.Hour})
		return h, err == nil
	}
	var spans []calendar.Span
	for s != "" {
		m := timeSpan.FindStringSubmatch(s)
		if m == nil {
			return calendar.OfficeHours{}, false
		}
		from, okA := clockOffset(m[1], m[2])
		to, okB := clockOffset(m[3], m[4])
		if !okA || !okB {
			return calendar.OfficeHours{}, false
		}
		spans = append(spans, calendar.Span{Start: from, End: to})
		s = s[len(m[0]):]
		s = s[len(spanSep.FindString(s)):]
	}
	h, err := calendar.NewOfficeHours(spans...)
	return h, err == nil
}

// clockOffset reads hours and minutes as an offset from midnight.
func clockOffset(hh, mm string) (time.Duration, bool) {
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if errH != nil || errM != nil || h > 24 || m > 59 || (h == 24 && m != 0) {
		return 0, false
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, true
}

// openAt reports whether any rule has the point open at t, over the
// holiday calendar (public holidays, make-up working days).
func openAt(rules []openingRule, cal *calendar.Calendar, t time.Time) bool {
	for _, r := range rules {
		if r.openOn(cal, t) && inHours(r.hours, t) {
			return true
		}
	}
	return false
}

// openOn reports whether the rule covers the CST date of t.
func (r openingRule) openOn(cal *calendar.Calendar, t time.Time) bool {
	day, listed := cal.LookupDay(t)
	switch {
	case r.days == daysWorking:
		return cal.IsWorkday(t)
	case listed && day.OffDay:
		return r.holidays
	case listed: // a make-up working day (调休上班): offices work
		return true
	case r.days == daysEvery:
		return true
	}
	return r.weekdays[t.In(calendar.CST).Weekday()]
}

// inHours reports whether the CST time of day of t is in one of h's spans.
func inHours(h calendar.OfficeHours, t time.Time) bool {
	c := t.In(calendar.CST)
	tod := time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute + time.Duration(c.Second())*time.Second
	for _, s := range h.Spans() {
		if tod >= s.Start && tod < s.End {
			return true
		}
	}
	return false
}

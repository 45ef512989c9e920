package approval

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// at is a moment in China time.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, calendar.CST)
}

func TestOpeningHoursOpenNow(t *testing.T) {
	cal := calendar.Default()
	const (
		centre = "周一至周六 8:00—20:00；网上办理24小时"
		office = "工作日 9:00—12:00，13:30—17:30（法定节假日除外）"
	)
	cases := []struct {
		text string
		when time.Time
		open bool
	}{
		{centre, at(2026, 3, 2, 8, 0), true},    // Monday opening
		{centre, at(2026, 3, 2, 7, 59), false},  // before
		{centre, at(2026, 3, 2, 20, 0), false},  // closing time is closed
		{centre, at(2026, 3, 7, 19, 30), true},  // Saturday
		{centre, at(2026, 3, 8, 10, 0), false},  // Sunday
		{centre, at(2026, 10, 1, 10, 0), false}, // National Day
		{office, at(2026, 3, 2, 9, 0), true},    // Monday morning
		{office, at(2026, 3, 2, 12, 30), false}, // lunch
		{office, at(2026, 3, 2, 13, 30), true},  // afternoon
		{office, at(2026, 3, 7, 10, 0), false},  // Saturday
		{office, at(2026, 10, 1, 10, 0), false}, // National Day
		{office, at(2026, 2, 28, 10, 0), true},  // Saturday make-up working day after the Spring Festival
		{"每天 0:00—24:00", at(2026, 10, 1, 3, 0), true},
		{"周一、周三 9:00-11:30", at(2026, 3, 4, 10, 0), true},
		{"周一、周三 9:00-11:30", at(2026, 3, 3, 10, 0), false},
		{"周六至周一 9:00-11:00", at(2026, 3, 8, 10, 0), true}, // a range over the week's end
		{"周六至周一 9:00-11:00", at(2026, 3, 4, 10, 0), false},
		{"工作日 9:00-17:00；周六 9:00-12:00", at(2026, 3, 7, 11, 0), true},
	}
	for _, c := range cases {
		rules, ok := parseOpeningHours(c.text)
		if !ok {
			t.Errorf("%q: not understood", c.text)
			continue
		}
		if got := openAt(rules, cal, c.when.UTC()); got != c.open {
			t.Errorf("%q at %s: open = %v, want %v", c.text, c.when.Format("2006-01-02 Mon 15:04"), got, c.open)
		}
	}
}

func TestOpeningHoursNotGuessed(t *testing.T) {
	for _, text := range []string{
		"", "网上办理24小时", "以公告为准", "工作日 上午", "工作日 9:00", "工作日 9:00—25:00",
		"工作日 12:00—9:00", "工作日 9:00—12:00，11:00—13:00", "周八 9:00—12:00",
		"工作日 9:00—12:00（夏季延长）", "9:00—12:00", "工作日 9:00—12:00 另行通知",
	} {
		if rules, ok := parseOpeningHours(text); ok {
			t.Errorf("%q understood as %+v", text, rules)
		}
	}
}

func TestOpeningHoursHolidayRemark(t *testing.T) {
	rules, ok := parseOpeningHours("周一至周日 9:00—17:00（节假日照常）")
	if !ok || !openAt(rules, calendar.Default(), at(2026, 10, 1, 10, 0).UTC()) {
		t.Fatalf("open on holidays as stated: %v %+v", ok, rules)
	}
}

func FuzzOpeningHours(f *testing.F) {
	for _, s := range []string{"周一至周六 8:00—20:00；网上办理24小时", "工作日 9:00—12:00，13:30—17:30（法定节假日除外）", "每天24小时"} {
		f.Add(s)
	}
	cal := calendar.Default()
	f.Fuzz(func(t *testing.T, s string) {
		rules, ok := parseOpeningHours(s)
		if ok != (len(rules) > 0) {
			t.Fatalf("%q: ok %v with %d rules", s, ok, len(rules))
		}
		openAt(rules, cal, at(2026, 3, 2, 10, 0))
	})
}

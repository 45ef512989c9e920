package calendar

import (
	"log/slog"
	"slices"
	"testing"
	"time"
)

func TestEmbeddedYears(t *testing.T) {
	c := quiet(t)
	var want []int
	for y := 2007; y <= 2026; y++ {
		want = append(want, y)
	}
	if got := c.Years(); !slices.Equal(got, want) {
		t.Fatalf("Years() = %v, want %v", got, want)
	}
	// 2027.json is holiday-cn's empty placeholder: not covered.
	for y, has := range map[int]bool{2006: false, 2007: true, 2026: true, 2027: false} {
		if got := c.HasYear(y); got != has {
			t.Errorf("HasYear(%d) = %v, want %v", y, got, has)
		}
	}
}

func TestDefault(t *testing.T) {
	if !Default().HasYear(2026) {
		t.Fatal("Default() lacks 2026")
	}
}

func TestIsWorkday(t *testing.T) {
	c := quiet(t)
	tests := []struct {
		name string
		t    time.Time
		want bool
	}{
		{"make-up Saturday before Spring Festival", date(2026, 2, 14), true},
		{"Spring Festival Sunday", date(2026, 2, 15), false},
		{"Spring Festival Monday", date(2026, 2, 16), false},
		{"Spring Festival last day", date(2026, 2, 23), false},
		{"after Spring Festival", date(2026, 2, 24), true},
		{"make-up Saturday after Spring Festival", date(2026, 2, 28), true},
		{"make-up Sunday for New Year", date(2026, 1, 4), true},
		{"National Day", date(2026, 10, 1), false},
		{"National Day last day", date(2026, 10, 7), false},
		{"2026-10-08 is an ordinary Thursday", date(2026, 10, 8), true},
		{"make-up Saturday after National Day", date(2026, 10, 10), true},
		{"ordinary Sunday", date(2026, 10, 11), false},
		{"make-up Sunday before Mid-Autumn", date(2026, 9, 20), true},
		{"ordinary Saturday", date(2026, 9, 19), false},
		{"ordinary Wednesday", date(2026, 9, 30), true},
		{"2006-12-30 listed by 2007.json", date(2006, 12, 30), true},
		{"2007-12-31 listed by 2008.json", date(2007, 12, 31), false},
		{"CST midnight from UTC", time.Date(2026, 9, 30, 16, 0, 0, 0, time.UTC), false},
		{"last second of 30 Sep CST in UTC", time.Date(2026, 9, 30, 15, 59, 59, 0, time.UTC), true},
		{"New York afternoon of 7 Oct is 8 Oct in CST", time.Date(2026, 10, 7, 13, 0, 0, 0, time.FixedZone("EDT", -4*3600)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.IsWorkday(tt.t); got != tt.want {
				t.Errorf("IsWorkday(%v) = %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestNationalDay2026(t *testing.T) {
	c := quiet(t)
	for d := 1; d <= 7; d++ {
		day, ok := c.LookupDay(date(2026, 10, d))
		if !ok || !day.OffDay || day.Name != "国庆节" || c.IsWorkday(day.Date) {
			t.Errorf("2026-10-%02d: LookupDay = %+v, %v", d, day, ok)
		}
	}
	if _, ok := c.LookupDay(date(2026, 10, 8)); ok {
		t.Error("2026-10-08 is not listed in the data")
	}
}

func TestSpringFestival2026(t *testing.T) {
	c := quiet(t)
	data, ok := c.Data(2026)
	if !ok {
		t.Fatal("no data for 2026")
	}
	var off, makeUp []time.Time
	for _, d := range data.Days {
		if d.Name != "春节" {
			continue
		}
		if d.OffDay {
			off = append(off, d.Date)
		} else {
			makeUp = append(makeUp, d.Date)
		}
	}
	if len(off) != 9 || !off[0].Equal(date(2026, 2, 15)) || !off[8].Equal(date(2026, 2, 23)) {
		t.Errorf("Spring Festival days off = %v, want 2026-02-15..23", off)
	}
	if !slices.EqualFunc(makeUp, []time.Time{date(2026, 2, 14), date(2026, 2, 28)}, time.Time.Equal) {
		t.Errorf("Spring Festival make-up days = %v", makeUp)
	}
	for d := off[0]; !d.After(off[8]); d = d.AddDate(0, 0, 1) {
		if c.IsWorkday(d) {
			t.Errorf("%v is a working day", d)
		}
	}
}

func TestWorkdaysInYear(t *testing.T) {
	c := quiet(t)
	for _, y := range []int{2025, 2026} {
		if got := c.WorkdaysBetween(date(y-1, 12, 31), date(y, 12, 31)); got != 248 {
			t.Errorf("working days in %d = %d, want 248", y, got)
		}
	}
}

func TestDataIsCopy(t *testing.T) {
	c := quiet(t)
	d, _ := c.Data(2026)
	d.Days[0].OffDay = false
	if c.IsWorkday(date(2026, 1, 1)) {
		t.Fatal("mutating Data's result changed the calendar")
	}
}

func TestZeroCalendar(t *testing.T) {
	var c Calendar
	c.log = slog.New(slog.DiscardHandler)
	if !c.IsWorkday(date(2026, 10, 1)) || len(c.Years()) != 0 {
		t.Fatal("zero Calendar should know no holidays")
	}
	if _, err := c.AddYear([]byte(year2030)); err != nil || c.IsWorkday(date(2030, 10, 1)) {
		t.Fatalf("AddYear on a zero Calendar: %v", err)
	}
}

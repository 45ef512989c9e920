package calendar

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
)

// year2030 gives 2030 a National Day holiday with a make-up Sunday.
const year2030 = `{"year": 2030, "papers": [], "days": [
 {"name": "国庆节", "date": "2030-09-29", "isOffDay": false},
 {"name": "国庆节", "date": "2030-10-01", "isOffDay": true},
 {"name": "国庆节", "date": "2030-10-02", "isOffDay": true},
 {"name": "国庆节", "date": "2030-10-03", "isOffDay": true},
 {"name": "国庆节", "date": "2030-10-04", "isOffDay": true},
 {"name": "国庆节", "date": "2030-10-07", "isOffDay": true}]}`

func TestAddYear(t *testing.T) {
	c := quiet(t)
	if !c.IsWorkday(date(2030, 10, 1)) || c.IsWorkday(date(2030, 9, 29)) {
		t.Fatal("before AddYear 2030 should follow weekends only")
	}
	if got := c.AddWorkdays(date(2030, 9, 30), 1); !got.Equal(date(2030, 10, 1)) {
		t.Fatalf("before: AddWorkdays = %v", got)
	}
	y, err := c.AddYear([]byte(year2030))
	if err != nil || y != 2030 {
		t.Fatalf("AddYear = %d, %v", y, err)
	}
	if !c.HasYear(2030) || !slices.Contains(c.Years(), 2030) {
		t.Fatal("2030 not reported as loaded")
	}
	if c.IsWorkday(date(2030, 10, 1)) || !c.IsWorkday(date(2030, 9, 29)) {
		t.Error("after AddYear the 2030 data is not applied")
	}
	if got := c.AddWorkdays(date(2030, 9, 30), 1); !got.Equal(date(2030, 10, 8)) {
		t.Errorf("after: AddWorkdays = %v, want 2030-10-08", got)
	}
	if got := c.WorkdaysBetween(date(2030, 9, 27), date(2030, 10, 8)); got != 3 {
		t.Errorf("after: WorkdaysBetween = %d, want 3 (29, 30 Sep and 8 Oct)", got)
	}
	// Years 2027–2029 stay weekend-only and 2026 is untouched.
	if c.HasYear(2028) || c.IsWorkday(date(2026, 10, 1)) {
		t.Error("AddYear disturbed other years")
	}
}

func TestAddYearReplaces(t *testing.T) {
	c := quiet(t)
	if _, err := c.AddYear([]byte(`{"year":2026,"days":[{"date":"2026-10-01","isOffDay":true}]}`)); err != nil {
		t.Fatal(err)
	}
	if !c.IsWorkday(date(2026, 10, 2)) {
		t.Error("replacing 2026 kept the old 2026-10-02 day off")
	}
}

func TestAddYearRejectsBadData(t *testing.T) {
	c := quiet(t)
	before := c.Years()
	for _, in := range []string{`{`, `{"days":[]}`, `{"year":2030,"days":[{"date":"2032-01-01","isOffDay":true}]}`} {
		if _, err := c.AddYear([]byte(in)); !errors.Is(err, ErrInvalidData) {
			t.Errorf("AddYear(%s) error = %v, want ErrInvalidData", in, err)
		}
	}
	if !slices.Equal(c.Years(), before) {
		t.Error("failed AddYear changed the calendar")
	}
}

func TestNewWithYears(t *testing.T) {
	y, err := ParseYear(strings.NewReader(year2030))
	if err != nil {
		t.Fatal(err)
	}
	c := quiet(t, WithoutEmbedded(), WithYears(y))
	if !slices.Equal(c.Years(), []int{2030}) || c.IsWorkday(date(2030, 10, 1)) {
		t.Errorf("Years() = %v", c.Years())
	}
	if !c.IsWorkday(date(2026, 10, 1)) {
		t.Error("WithoutEmbedded still knows 2026")
	}
	if _, err := New(WithYears(YearData{Year: 2030})); !errors.Is(err, ErrNoDays) {
		t.Errorf("New with an empty year: %v", err)
	}
}

func TestAddYearConcurrentWithReaders(t *testing.T) {
	c := quiet(t)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 500 {
				c.AddWorkdays(date(2030, 9, 30), 5)
				c.HasYear(2030)
			}
		})
	}
	for range 20 {
		if _, err := c.AddYear([]byte(year2030)); err != nil {
			t.Error(err)
		}
	}
	wg.Wait()
	if got := c.AddWorkdays(date(2030, 9, 30), 1); !got.Equal(date(2030, 10, 8)) {
		t.Errorf("AddWorkdays = %v", got)
	}
}

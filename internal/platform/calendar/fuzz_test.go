package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func FuzzParseYear(f *testing.F) {
	// Small seeds keep minimisation fast; the embedded files are covered by
	// the unit tests.
	f.Add([]byte(year2030))
	f.Add([]byte(`{"year":2007,"papers":["u"],"days":[{"name":"元旦","date":"2006-12-30","isOffDay":false}]}`))
	f.Add([]byte(`{"year":2030,"days":[{"date":"2030-02-30","isOffDay":true}]}`))
	f.Add([]byte(`{"year":2030,"days":[{"date":"2031-12-31","isOffDay":false}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		y, err := ParseYear(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrInvalidData) && !errors.Is(err, ErrNoDays) {
				t.Fatalf("error %v wraps neither ErrInvalidData nor ErrNoDays", err)
			}
			return
		}
		if err := y.Validate(); err != nil {
			t.Fatalf("parsed data does not validate: %v", err)
		}
		out, err := json.Marshal(y)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseYear(bytes.NewReader(out))
		if err != nil || !equalYear(y, back) {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		c := quiet(t, WithoutEmbedded())
		if err := c.AddYearData(y); err != nil || !c.HasYear(y.Year) {
			t.Fatalf("AddYearData: %v", err)
		}
	})
}

// fuzzYear builds holiday data for one year in 2027–2046 from bit masks:
// bit i marks day 5*i+shift of the year as a day off (off) or a make-up day
// (work, where not also off).
func fuzzYear(year uint16, off, work uint64) (YearData, bool) {
	y := YearData{Year: 2027 + int(year%20)}
	shift := int(year/20) % 5
	for i := range 64 {
		d := Date(y.Year, time.January, 1+5*i+shift)
		switch {
		case off&(1<<i) != 0:
			y.Days = append(y.Days, Day{Date: d, Name: "off", OffDay: true})
		case work&(1<<i) != 0:
			y.Days = append(y.Days, Day{Date: d, Name: "work"})
		}
	}
	return y, len(y.Days) > 0
}

func FuzzWorkdays(f *testing.F) {
	f.Add(int64(0), 20, uint16(3), uint64(0xff00), uint64(0xf0))
	f.Add(int64(1_790_000_000), -7, uint16(0), uint64(0), uint64(0))
	f.Add(int64(-1_000_000_000), 0, uint16(1), uint64(1), uint64(2))
	c0 := quiet(f)
	f.Fuzz(func(t *testing.T, sec int64, n int, year uint16, off, work uint64) {
		c := c0
		if y, ok := fuzzYear(year, off, work); ok {
			c = quiet(t, WithYears(y))
		}
		// Years 1900–2100, |n| <= 400.
		d := time.Unix(-2_208_988_800+sec%(100*365*86400)+100*365*86400, 0)
		n %= 401
		got := c.AddWorkdays(d, n)
		if !c.IsWorkday(got) {
			t.Fatalf("AddWorkdays(%v, %d) = %v, not a working day", d, n, got)
		}
		back, want := c.WorkdaysBetween(d, got), n
		switch {
		case c.IsWorkday(d) || n > 0:
		case n == 0:
			want = 1
		default:
			want = n + 1
		}
		if back != want {
			t.Fatalf("WorkdaysBetween(%v, AddWorkdays(.., %d) = %v) = %d, want %d", d, n, got, back, want)
		}
		if n >= -30 && n <= 30 {
			if naive := naiveAdd(c, d, n); !naive.Equal(got) {
				t.Fatalf("AddWorkdays(%v, %d) = %v, naive %v", d, n, got, naive)
			}
		}
	})
}

func FuzzWorkingDuration(f *testing.F) {
	f.Add(int64(1_790_000_000), int64(3*time.Hour), "09:00-12:00,13:30-17:30")
	f.Add(int64(1_790_000_000), int64(-25*time.Hour), "08:00-20:00")
	f.Add(int64(0), int64(time.Minute), "00:00-24:00")
	c := quiet(f)
	f.Fuzz(func(t *testing.T, sec, d int64, spec string) {
		h, err := ParseOfficeHours(spec)
		if err != nil {
			return
		}
		a := time.Unix(1_167_580_800+sec%(30*365*86400), 0) // around 2007–2037
		dur := time.Duration(d % int64(2000*time.Hour))
		got := c.AddWorkingDuration(a, dur, h)
		if back := c.WorkingDurationBetween(a, got, h); back != dur {
			t.Fatalf("%v: WorkingDurationBetween(%v, AddWorkingDuration(.., %v) = %v) = %v", h, a, dur, got, back)
		}
	})
}

package calendar

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

const (
	// MinDataYear is the earliest year accepted in holiday data.
	MinDataYear = 1000
	// MaxDataYear is the latest year accepted in holiday data.
	MaxDataYear = 9999
)

var (
	// ErrInvalidData is wrapped by every error about malformed holiday data.
	ErrInvalidData = errors.New("calendar: invalid holiday data")
	// ErrNoDays reports a year file that lists no days, which is how
	// holiday-cn publishes a year whose State Council notice is not out yet.
	ErrNoDays = errors.New("calendar: holiday data lists no days")
)

// Day is one date listed in the holiday data.
type Day struct {
	// Date is midnight CST at the start of the day; only its CST date matters.
	Date time.Time
	// Name is the holiday's name, e.g. "国庆节".
	Name string
	// OffDay is true for a public holiday day off and false for a make-up
	// working day (调休上班).
	OffDay bool
}

// YearData is the holiday arrangement for one year, as published in one
// holiday-cn file.
type YearData struct {
	// Year is the year the arrangement is for.
	Year int
	// Papers lists the URLs of the official notices.
	Papers []string
	// Days lists the days off and make-up days. Dates may fall in the year
	// before or after Year (e.g. 2007 lists 2006-12-30).
	Days []Day
}

// Validate checks that y is usable: Year within [MinDataYear, MaxDataYear],
// at least one day, every date within Year±1 and no date listed twice.
func (y YearData) Validate() error {
	if y.Year < MinDataYear || y.Year > MaxDataYear {
		return fmt.Errorf("%w: year %d outside %d–%d", ErrInvalidData, y.Year, MinDataYear, MaxDataYear)
	}
	if len(y.Days) == 0 {
		return fmt.Errorf("%w: year %d (notice not published yet?)", ErrNoDays, y.Year)
	}
	seen := make(map[int]bool, len(y.Days))
	for i, d := range y.Days {
		n := dayNum(d.Date)
		if dy := yearOf(n); dy < y.Year-1 || dy > y.Year+1 {
			return fmt.Errorf("%w: year %d: days[%d]: date %s is outside %d±1",
				ErrInvalidData, y.Year, i, d.Date.In(CST).Format(time.DateOnly), y.Year)
		}
		if seen[n] {
			return fmt.Errorf("%w: year %d: days[%d]: date %s listed twice",
				ErrInvalidData, y.Year, i, d.Date.In(CST).Format(time.DateOnly))
		}
		seen[n] = true
	}
	return nil
}

// clone returns a deep copy of y with every date normalised to CST midnight.
func (y YearData) clone() YearData {
	c := YearData{Year: y.Year, Papers: slices.Clone(y.Papers), Days: slices.Clone(y.Days)}
	for i := range c.Days {
		c.Days[i].Date = midnight(dayNum(c.Days[i].Date))
	}
	return c
}

// MarshalJSON encodes y in the holiday-cn file format read by [ParseYear].
func (y YearData) MarshalJSON() ([]byte, error) {
	f := fileYear{Year: &y.Year, Papers: y.Papers, Days: make([]fileDay, len(y.Days))}
	if f.Papers == nil {
		f.Papers = []string{}
	}
	for i, d := range y.Days {
		off := d.OffDay
		f.Days[i] = fileDay{Name: d.Name, Date: d.Date.In(CST).Format(time.DateOnly), IsOffDay: &off}
	}
	return json.Marshal(f)
}

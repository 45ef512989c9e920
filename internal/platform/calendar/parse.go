package calendar

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// maxFileSize bounds the input of ParseYear; real files are about 5 KiB.
const maxFileSize = 1 << 20

// fileYear is the holiday-cn JSON file layout.
type fileYear struct {
	Year   *int      `json:"year"`
	Papers []string  `json:"papers"`
	Days   []fileDay `json:"days"`
}

// fileDay is one entry of fileYear.Days.
type fileDay struct {
	Name     string `json:"name"`
	Date     string `json:"date"`
	IsOffDay *bool  `json:"isOffDay"`
}

// ParseYear reads one year file in the holiday-cn format
// (https://github.com/NateScarlet/holiday-cn) and validates it as
// [YearData.Validate] does. Errors wrap [ErrInvalidData], or [ErrNoDays] for a
// file that lists no days yet.
func ParseYear(r io.Reader) (YearData, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return YearData{}, fmt.Errorf("calendar: reading holiday data: %w", err)
	}
	if len(data) > maxFileSize {
		return YearData{}, fmt.Errorf("%w: larger than %d bytes", ErrInvalidData, maxFileSize)
	}
	return parseYear(data)
}

func parseYear(data []byte) (YearData, error) {
	var f fileYear
	if err := json.Unmarshal(data, &f); err != nil {
		return YearData{}, fmt.Errorf("%w: %v", ErrInvalidData, err)
	}
	if f.Year == nil {
		return YearData{}, fmt.Errorf("%w: missing \"year\"", ErrInvalidData)
	}
	y := YearData{Year: *f.Year, Papers: f.Papers, Days: make([]Day, len(f.Days))}
	for i, fd := range f.Days {
		d, err := fd.day()
		if err != nil {
			return YearData{}, fmt.Errorf("%w: year %d: days[%d]: %v", ErrInvalidData, y.Year, i, err)
		}
		y.Days[i] = d
	}
	if err := y.Validate(); err != nil {
		return YearData{}, err
	}
	return y, nil
}

// day converts and checks one file entry.
func (fd fileDay) day() (Day, error) {
	t, err := time.ParseInLocation(time.DateOnly, fd.Date, CST)
	if err != nil {
		return Day{}, fmt.Errorf("bad date %q: want YYYY-MM-DD", fd.Date)
	}
	if fd.IsOffDay == nil {
		return Day{}, fmt.Errorf("date %s: missing \"isOffDay\"", fd.Date)
	}
	return Day{Date: t, Name: fd.Name, OffDay: *fd.IsOffDay}, nil
}

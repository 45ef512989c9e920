package calendar

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/iotest"
)

func TestParseYearEmbedded(t *testing.T) {
	b, err := embedded.ReadFile("data/2026.json")
	if err != nil {
		t.Fatal(err)
	}
	y, err := ParseYear(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if y.Year != 2026 || len(y.Days) != 39 || len(y.Papers) != 1 {
		t.Fatalf("got year %d, %d days, papers %v", y.Year, len(y.Days), y.Papers)
	}
	first := y.Days[0]
	if first.Name != "元旦" || !first.OffDay || !first.Date.Equal(date(2026, 1, 1)) || first.Date.Location() != CST {
		t.Errorf("first day = %+v", first)
	}
}

func TestParseYearPreviousYearDates(t *testing.T) {
	b, _ := embedded.ReadFile("data/2007.json")
	y, err := ParseYear(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if !y.Days[0].Date.Equal(date(2006, 12, 30)) || y.Days[0].OffDay {
		t.Errorf("first 2007 day = %+v, want make-up day 2006-12-30", y.Days[0])
	}
}

func TestParseYearErrors(t *testing.T) {
	tests := []struct {
		name, in, msg string
		want          error
	}{
		{"not JSON", `holidays`, "invalid character", ErrInvalidData},
		{"truncated", `{"year": 2030, "days": [`, "unexpected end", ErrInvalidData},
		{"trailing data", `{"year":2030,"days":[{"date":"2030-01-01","isOffDay":true}]} {}`, "invalid character", ErrInvalidData},
		{"wrong type", `{"year": "2030"}`, "cannot unmarshal", ErrInvalidData},
		{"missing year", `{"days":[{"date":"2030-01-01","isOffDay":true}]}`, `missing "year"`, ErrInvalidData},
		{"null year", `{"year":null,"days":[]}`, `missing "year"`, ErrInvalidData},
		{"year zero", `{"year":0,"days":[]}`, "outside 1000", ErrInvalidData},
		{"bad date", `{"year":2030,"days":[{"date":"2030-02-30","isOffDay":true}]}`, `bad date "2030-02-30"`, ErrInvalidData},
		{"slashes", `{"year":2030,"days":[{"date":"2030/01/01","isOffDay":true}]}`, "bad date", ErrInvalidData},
		{"empty date", `{"year":2030,"days":[{"isOffDay":true}]}`, `bad date ""`, ErrInvalidData},
		{"date too late", `{"year":2030,"days":[{"date":"2032-01-01","isOffDay":true}]}`, "outside 2030±1", ErrInvalidData},
		{"date too early", `{"year":2030,"days":[{"date":"2028-12-31","isOffDay":true}]}`, "days[0]", ErrInvalidData},
		{"missing isOffDay", `{"year":2030,"days":[{"date":"2030-01-01"}]}`, `missing "isOffDay"`, ErrInvalidData},
		{"duplicate", `{"year":2030,"days":[{"date":"2030-01-01","isOffDay":true},{"date":"2030-01-01","isOffDay":false}]}`, "listed twice", ErrInvalidData},
		{"no days", `{"year":2027,"papers":[],"days":[]}`, "2027", ErrNoDays},
		{"days missing", `{"year":2027}`, "no days", ErrNoDays},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseYear(strings.NewReader(tt.in))
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("error = %v, want %v containing %q", err, tt.want, tt.msg)
			}
		})
	}
}

func TestParseYearReadErrors(t *testing.T) {
	if _, err := ParseYear(iotest.ErrReader(errors.New("disk on fire"))); err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Errorf("read error = %v", err)
	}
	big := strings.NewReader(`{"year":2030,"papers":["` + strings.Repeat("x", maxFileSize) + `"]}`)
	if _, err := ParseYear(big); !errors.Is(err, ErrInvalidData) {
		t.Errorf("oversized input error = %v", err)
	}
}

func TestYearDataJSONRoundTrip(t *testing.T) {
	b, _ := embedded.ReadFile("data/2008.json")
	y, err := ParseYear(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(y)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseYear(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if !equalYear(y, back) {
		t.Errorf("round trip changed data:\n%+v\n%+v", y, back)
	}
}

// equalYear compares year data by CST date.
func equalYear(a, b YearData) bool {
	if a.Year != b.Year || len(a.Days) != len(b.Days) || strings.Join(a.Papers, "\n") != strings.Join(b.Papers, "\n") {
		return false
	}
	for i := range a.Days {
		x, y := a.Days[i], b.Days[i]
		if dayNum(x.Date) != dayNum(y.Date) || x.Name != y.Name || x.OffDay != y.OffDay {
			return false
		}
	}
	return true
}

func TestEmbeddedFilesMatchNames(t *testing.T) {
	names := []string{"data/2007.json", "data/2026.json"}
	for _, n := range names {
		if _, err := embeddedYear(n); err != nil {
			t.Errorf("%s: %v", n, err)
		}
	}
	if _, err := embedded.ReadFile("data/LICENSE"); err != nil {
		t.Errorf("licence not embedded: %v", err)
	}
}

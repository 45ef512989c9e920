package open311

import (
	"net/url"
	"testing"
	"unicode"

	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

func TestPublicText(t *testing.T) {
	cases := map[string]string{
		"电话13800000001请回电":       "电话****请回电",
		"电话 138 0000 0001":       "电话 ****",
		"电话138-0000-0001。":       "电话****。",
		"座机025-84561234":         "座机****",
		"身份证32011319900101123X号": "身份证****号",
		"身份证320113199001011234":  "身份证****",
		"全角１３８００００００００１":         "全角****",
		"七位8456123":              "七位****",
		"六位845612":               "六位845612",
		"2026-03-02 起":           "2026-03-02 起",
		"5栋302室，3-1-502":         "5栋302室，3-1-502",
		"共12户 300 元":             "共12户 300 元",
		"":                       "",
	}
	for in, want := range cases {
		if got := workorder.PublicText(in); got != want {
			t.Errorf("PublicText(%q) = %q, want %q", in, got, want)
		}
	}
}

// No run of seven digits or more survives, whatever the text.
func FuzzPublicText(f *testing.F) {
	for _, s := range []string{"13800000001", "138 0000 0001", "a1234567b", "１２３４５６７", "12 345 6789", "123-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		run := 0
		for _, r := range workorder.PublicText(s) {
			if unicode.IsDigit(r) {
				run++
			} else {
				run = 0
			}
			if run >= 7 {
				t.Fatalf("PublicText(%q) keeps a run of %d digits", s, run)
			}
		}
	})
}

// Whatever the query, an accepted one asks for at most 90 days and at
// most a page of MaxPublicLimit.
func FuzzParseList(f *testing.F) {
	for _, q := range []string{"", "status=open", "start_date=2026-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z",
		"page=2&page_size=10", "start_date=2026-02-25", "service_request_id=a,b"} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := parseList(v, testNow)
		if err != nil {
			return
		}
		fl := q.filter
		if fl.Limit < 1 || fl.Limit > workorder.MaxPublicLimit || fl.Offset < 0 {
			t.Fatalf("%q: limit %d offset %d", raw, fl.Limit, fl.Offset)
		}
		if !q.byID && (fl.From.IsZero() || fl.To.Sub(fl.From) > maxSpan || fl.To.Before(fl.From)) {
			t.Fatalf("%q: window %v – %v", raw, fl.From, fl.To)
		}
	})
}

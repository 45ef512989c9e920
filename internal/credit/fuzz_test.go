package credit

import (
	"strings"
	"testing"
	"time"
)

// FuzzReadTable feeds arbitrary bytes to the import reader and row
// parser: no input may panic, and every normalised date is a real one or
// the input unchanged.
func FuzzReadTable(f *testing.F) {
	f.Add([]byte("主体类型,证件号码,记录类别,严重程度,决定文书号,决定日期\n自然人,320113199001011234,行政处罚,一般失信,1号,2026/1/5\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\"unclosed,\n"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0})
	f.Fuzz(func(t *testing.T, data []byte) {
		_, rows, problem := readTable(data)
		if problem != "" || len(rows) == 0 {
			return
		}
		rep := &ImportReport{}
		pos := mapHeader(rows[0], rep)
		for i, row := range rows[1:] {
			in, ok := rowInput(row, i+2, pos, "320113D01", rep)
			if ok {
				in.check()
			}
		}
	})
}

func FuzzDateCell(f *testing.F) {
	for _, s := range []string{"2026-01-05", "2026/1/5", "2026年1月5日", "20260105", "45809", "2026-02-30", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := dateCell(v)
		if got == v {
			return
		}
		if _, err := time.Parse(time.DateOnly, got); err != nil {
			t.Fatalf("dateCell(%q) = %q, not a date", v, got)
		}
	})
}

func TestDateCell(t *testing.T) {
	cases := map[string]string{"2026-01-05": "2026-01-05", "2026/1/5": "2026-01-05", "2026.1.5": "2026-01-05",
		"2026年1月5日": "2026-01-05", "20260105": "2026-01-05", "45809": "2025-06-01", "2026-02-30": "2026-02-30", "": ""}
	for in, want := range cases {
		if got := dateCell(in); got != want {
			t.Errorf("dateCell(%q) = %q, want %q", in, got, want)
		}
	}
	if strings.Contains(dateCell("abc"), "-") {
		t.Error("garbage became a date")
	}
}

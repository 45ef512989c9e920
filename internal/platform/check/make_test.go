package check

import (
	"testing"
	"time"
)

func TestMakeIDNumber(t *testing.T) {
	birth := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 2000; i++ {
		b := birth.AddDate(0, 0, i*17)
		s := MakeIDNumber("320113", b, i%1000)
		if err := IDNumberAt(s, fixedNow); err != nil {
			t.Fatalf("MakeIDNumber gave %s: %v", s, err)
		}
		got, _ := IDBirthDate(s)
		if got.Format("20060102") != b.Format("20060102") {
			t.Fatalf("birth date %v, want %v", got, b)
		}
	}
}

func TestMakeIDNumberPanics(t *testing.T) {
	ok := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		region string
		birth  time.Time
		seq    int
	}{
		{"32011", ok, 1},
		{"000000", ok, 1},
		{"32011a", ok, 1},
		{"320113", time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), 1},
		{"320113", ok, -1},
		{"320113", ok, 1000},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("MakeIDNumber(%q, %v, %d) did not panic", c.region, c.birth, c.seq)
				}
			}()
			MakeIDNumber(c.region, c.birth, c.seq)
		}()
	}
}

func TestMakeCreditCode(t *testing.T) {
	for _, c := range realCreditCodes {
		if got := MakeCreditCode(c[:17]); got != c {
			t.Errorf("MakeCreditCode(%s) = %s, want %s", c[:17], got, c)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("MakeCreditCode did not panic on a bad prefix")
		}
	}()
	MakeCreditCode("9144030070846113I")
}

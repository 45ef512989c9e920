package check

import (
	"errors"
	"testing"
	"time"
)

// fixedNow is the reference time of the table tests.
var fixedNow = time.Date(2026, 1, 1, 12, 0, 0, 0, chinaTime)

// withCheck appends the computed check character to 17 digits.
func withCheck(first17 string) string {
	return first17 + string(idCheckChar(first17))
}

func TestIDNumberAt(t *testing.T) {
	tomorrow := fixedNow.AddDate(0, 0, 1)
	tests := []struct {
		name, in, code string
	}{
		// 11010519491231002X and 440524188001010014 are the worked
		// examples printed in GB 11643-1999.
		{"standard example", "11010519491231002X", ""},
		{"lowercase x", "11010519491231002x", ""},
		{"surrounding space", " 11010519491231002X\t", ""},
		{"wrong check digit", "110105194912310021", CodeChecksum},
		{"check X expected digit", "11010519491231002" + "1", CodeChecksum},
		{"year before 1900", "440524188001010014", CodeBirthDate},
		{"february 30", withCheck("32011319990230123"), CodeBirthDate},
		{"month 13", withCheck("32011319991301123"), CodeBirthDate},
		{"day 00", withCheck("32011319990100123"), CodeBirthDate},
		{"leap day", withCheck("32011320000229123"), ""},
		{"not leap day", withCheck("32011319000229123"), CodeBirthDate},
		{"born today", MakeIDNumber("320113", fixedNow, 7), ""},
		{"born tomorrow", MakeIDNumber("320113", tomorrow, 7), CodeBirthDate},
		{"unknown province", withCheck("00011319900101123"), CodeRegion},
		{"province 99", withCheck("99011319900101123"), CodeRegion},
		{"hong kong permit", withCheck("81000019900101123"), ""},
		{"foreigner permanent residence", withCheck("91115619900101123"), ""},
		{"foreigner bad province", withCheck("97115619900101123"), CodeRegion},
		{"empty", "", CodeEmpty},
		{"blank", "   ", CodeEmpty},
		{"old 15 digit", "110105491231002", CodeLength},
		{"too long", "11010519491231002X1", CodeLength},
		{"x in the middle", "1101051949123100X2", CodeFormat},
		{"two letters", "1101051949123100XX", CodeFormat},
		{"full-width X", "11010519491231002Ｘ", CodeLength},
		{"nul byte", "11010519491231002\x00", CodeFormat},
		{"sql injection", "'; DROP TABLE x;--", CodeFormat},
		{"script tag", "<script>", CodeLength},
		{"script 18", "<script>alert(1)</", CodeFormat},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := IDNumberAt(tc.in, fixedNow)
			if got := ErrorCode(err); got != tc.code {
				t.Fatalf("IDNumberAt(%q) code = %q (%v), want %q", tc.in, got, err, tc.code)
			}
			if err != nil && err.Error() == "" {
				t.Fatal("empty message")
			}
		})
	}
}

func TestIDNumberErrorMessage(t *testing.T) {
	err := IDNumber("110105194912310021")
	if err == nil || err.Error() != "身份证号码校验位错误" {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(err, &FieldError{Code: CodeChecksum}) {
		t.Fatal("errors.Is by code failed")
	}
	if errors.Is(err, &FieldError{Code: CodeLength}) {
		t.Fatal("errors.Is matched another code")
	}
}

func TestNormalizeIDNumber(t *testing.T) {
	for in, want := range map[string]string{
		" 11010519491231002x ": "11010519491231002X",
		"11010519491231002X":   "11010519491231002X",
		"x":                    "X",
		"":                     "",
	} {
		if got := NormalizeIDNumber(in); got != want {
			t.Errorf("NormalizeIDNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIDNumberCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
		code string
	}{
		{"11010519491231002", 'X', ""},
		{"44052418800101001", '4', ""},
		{"1101051949123100", 0, CodeLength},
		{"1101051949123100A", 0, CodeFormat},
	}
	for _, tc := range tests {
		got, err := IDNumberCheckChar(tc.in)
		if got != tc.want || ErrorCode(err) != tc.code {
			t.Errorf("IDNumberCheckChar(%q) = %q, %v; want %q, %q", tc.in, got, err, tc.want, tc.code)
		}
	}
}

func TestIDBirthDateAndSex(t *testing.T) {
	d, err := IDBirthDate("11010519491231002x")
	if err != nil || d.Format("2006-01-02") != "1949-12-31" {
		t.Fatalf("IDBirthDate = %v, %v", d, err)
	}
	if sex, err := IDSex("11010519491231002X"); err != nil || sex != SexFemale {
		t.Fatalf("IDSex = %v, %v", sex, err)
	}
	male := MakeIDNumber("320113", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 1)
	if sex, err := IDSex(male); err != nil || sex != SexMale || sex.String() != "男" {
		t.Fatalf("IDSex(%s) = %v, %v", male, sex, err)
	}
	if _, err := IDBirthDate("110105194912310021"); ErrorCode(err) != CodeChecksum {
		t.Fatalf("IDBirthDate of bad number: %v", err)
	}
	if sex, err := IDSex("bad"); err == nil || sex != SexUnknown || sex.String() != "未知" {
		t.Fatalf("IDSex(bad) = %v, %v", sex, err)
	}
}

package check

import (
	"strings"
	"testing"
)

// realCreditCodes are published codes of well-known organisations; both
// their check characters verify with the algorithm, which confirms them.
var realCreditCodes = []string{
	"914403001922038216", // 华为技术有限公司
	"91440300708461136T", // 深圳市腾讯计算机系统有限公司
	"91330100799655058B", // 阿里巴巴（中国）有限公司
	"91110000710925462X", // 中国移动通信集团有限公司
	"91110108551385082Q", // 小米科技有限责任公司
	"12100000400000624D", // 北京大学
}

func TestCreditCodeReal(t *testing.T) {
	for _, c := range realCreditCodes {
		r, err := CreditCode(c)
		if err != nil || !r.ChecksumOK || !r.OrgCodeOK || r.Warning != "" || r.Normalized != c {
			t.Errorf("CreditCode(%s) = %+v, %v", c, r, err)
		}
	}
}

func TestCreditCodeWarnings(t *testing.T) {
	// Constructed: position 17 changed from 1 to 2 and position 18
	// recomputed, so only the GB 11714 check fails.
	orgBad := MakeCreditCode("91440300192203822")
	tests := []struct {
		name, in       string
		checksum, org  bool
		warningContain string
	}{
		{"lowercase", " 91440300708461136t ", true, true, ""},
		{"wrong check char", "914403001922038217", false, true, "试点"},
		{"wrong org check", orgBad, true, false, "组织机构代码"},
		{"both wrong", "914403001922038227", false, false, "；"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := CreditCode(tc.in)
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if r.ChecksumOK != tc.checksum || r.OrgCodeOK != tc.org {
				t.Fatalf("result %+v", r)
			}
			if (tc.warningContain == "") != (r.Warning == "") || !strings.Contains(r.Warning, tc.warningContain) {
				t.Fatalf("warning %q, want containing %q", r.Warning, tc.warningContain)
			}
		})
	}
}

func TestCreditCodeErrors(t *testing.T) {
	tests := []struct{ name, in, code string }{
		{"empty", "", CodeEmpty},
		{"too short", "91440300708461136", CodeLength},
		{"too long", "91440300708461136TT", CodeLength},
		{"letter I", "91440300708461136I", CodeFormat},
		{"letter O", "9144030070846113O6", CodeFormat},
		{"letter Z", "91440300708461136Z", CodeFormat},
		{"letter S", "S1440300708461136T", CodeFormat},
		{"letter V", "91440300708461136V", CodeFormat},
		{"unknown authority", "B1440300708461136T", CodeAuthority},
		{"type zero", "90440300708461136T", CodeAuthority},
		{"type letter", "9A440300708461136T", CodeAuthority},
		{"division letters", "91AB0300708461136T", CodeRegion},
		{"sql injection", "'; DROP TABLE x;--", CodeFormat},
		{"script tag", "<script>", CodeLength},
		{"full-width", "９１４４０３００７０８４６１１３６Ｔ", CodeLength},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := CreditCode(tc.in)
			if got := ErrorCode(err); got != tc.code {
				t.Fatalf("CreditCode(%q) = %+v, %v; want code %q", tc.in, r, err, tc.code)
			}
		})
	}
}

func TestCreditCodeCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
		code string
	}{
		{"91440300708461136", 'T', ""},
		{"91330100799655058", 'B', ""},
		{"91440300708461136"[:16], 0, CodeLength},
		{"9144030070846113I", 0, CodeFormat},
	}
	for _, tc := range tests {
		got, err := CreditCodeCheckChar(tc.in)
		if got != tc.want || ErrorCode(err) != tc.code {
			t.Errorf("CreditCodeCheckChar(%q) = %q, %v", tc.in, got, err)
		}
	}
}

func TestOrgCodeCheckChar(t *testing.T) {
	tests := []struct {
		in   string
		want byte
		code string
	}{
		{"19220382", '1', ""},
		{"71092546", '2', ""},
		{"00000006", 'X', ""},
		{"00000000", '0', ""},
		{"40000062", '4', ""},
		{"1922038", 0, CodeLength},
		{"1922038*", 0, CodeFormat},
	}
	for _, tc := range tests {
		got, err := OrgCodeCheckChar(tc.in)
		if got != tc.want || ErrorCode(err) != tc.code {
			t.Errorf("OrgCodeCheckChar(%q) = %q, %v", tc.in, got, err)
		}
	}
}

func TestAuthorityName(t *testing.T) {
	if AuthorityName('9') != "工商" || AuthorityName('Z') != "" {
		t.Fatal("authority table")
	}
}

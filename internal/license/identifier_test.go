package license_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestIdentifierRoundTrip(t *testing.T) {
	id := license.Identifier{TypeCode: "SPJY", Issuer: issuerCode, Serial: "2026000001", Version: 1}
	s := id.String()
	want := "1.2.156.3005.2.SPJY." + issuerCode + ".2026000001.001."
	if !strings.HasPrefix(s, want) || len(s) != len(want)+1 {
		t.Fatalf("String() = %q, want %s<check>", s, want)
	}
	c, _ := license.CheckChar(strings.ReplaceAll(s[:len(s)-2], ".", ""))
	if s[len(s)-1] != c {
		t.Fatalf("check character %c, want %c", s[len(s)-1], c)
	}
	got, err := license.ParseIdentifier(" " + s + " ")
	if err != nil || got != id {
		t.Fatalf("ParseIdentifier = %+v, %v; want %+v", got, err, id)
	}
}

func TestParseIdentifierRejects(t *testing.T) {
	good := license.Identifier{TypeCode: "SPJY", Issuer: issuerCode, Serial: "2026000001", Version: 7}.String()
	body, check := good[:len(good)-1], good[len(good)-1]
	other := byte('0')
	if check == '0' {
		other = '1'
	}
	badIssuer := issuerCode[:17] + string(map[bool]byte{true: '0', false: '1'}[issuerCode[17] != '0'])
	for name, s := range map[string]string{
		"wrong check":        body + string(other),
		"lower-case check":   strings.ToLower(good),
		"no check":           body[:len(body)-1],
		"two-char check":     body + string(check) + "0",
		"wrong root":         strings.Replace(good, "1.2.156.3005.2.", "1.2.156.3005.3.", 1),
		"missing part":       "1.2.156.3005.2.SPJY." + issuerCode + ".001.X",
		"extra part":         strings.Replace(good, ".007.", ".007.1.", 1),
		"version 2 digits":   strings.Replace(good, ".007.", ".07.", 1),
		"version 000":        strings.Replace(good, ".007.", ".000.", 1),
		"version letters":    strings.Replace(good, ".007.", ".00A.", 1),
		"serial letters":     strings.Replace(good, ".2026000001.", ".2026A00001.", 1),
		"empty type":         strings.Replace(good, ".SPJY.", "..", 1),
		"type lower-case":    strings.Replace(good, ".SPJY.", ".spjy.", 1),
		"issuer bad code":    strings.Replace(good, issuerCode, badIssuer, 1),
		"issuer short":       strings.Replace(good, issuerCode, issuerCode[:17], 1),
		"empty":              "",
		"too long":           good + strings.Repeat("0", 200),
		"chinese":            "1.2.156.3005.2.食品." + issuerCode + ".1.001.0",
		"trailing dot":       good + ".",
		"serial 21 digits":   strings.Replace(good, ".2026000001.", "."+strings.Repeat("1", 21)+".", 1),
		"type over 32 chars": strings.Replace(good, ".SPJY.", "."+strings.Repeat("A", 33)+".", 1),
	} {
		if _, err := license.ParseIdentifier(s); apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("%s: ParseIdentifier(%q) error = %v, want invalid", name, s, err)
		}
	}
}

func FuzzParseIdentifier(f *testing.F) {
	f.Add(license.Identifier{TypeCode: "SPJY", Issuer: issuerCode, Serial: "2026000001", Version: 1}.String())
	f.Add("1.2.156.3005.2.A.B.C.001.0")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		id, err := license.ParseIdentifier(s)
		if err != nil {
			if apperr.CodeOf(err) != apperr.CodeInvalid {
				t.Fatalf("error %v is not invalid", err)
			}
			return
		}
		if again, err := license.ParseIdentifier(id.String()); err != nil || again != id {
			t.Fatalf("round trip of %q: %+v, %v", s, again, err)
		}
		if id.String() != strings.TrimSpace(s) {
			t.Fatalf("accepted %q but renders %q", s, id.String())
		}
	})
}

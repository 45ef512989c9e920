package license_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
)

// Vectors worked by hand from ISO/IEC 7064 MOD 37,36 (hybrid system,
// M = 36, M+1 = 37, P1 = M; for each character a: S = P + a,
// r = S mod 36 with 0 read as 36, P' = 2r mod 37; the check character c
// makes (P + c) mod 36 = 1).
//
// "A1": A = 10, 1 = 1.
//
//	P1 = 36; S1 = 36 + 10 = 46; r1 = 46 mod 36 = 10; P2 = 20 mod 37 = 20
//	S2 = 20 + 1 = 21; r2 = 21; P3 = 42 mod 37 = 5
//	c = (37 - 5) mod 36 = 32 → "W"; check: (5 + 32) mod 36 = 1 ✓
//
// "0": S1 = 36 + 0 = 36; r1 = 36 (0 read as 36); P2 = 72 mod 37 = 35;
// c = (37 - 35) mod 36 = 2 → "2".
//
// "ZZ": Z = 35. S1 = 71; r1 = 35; P2 = 70 mod 37 = 33; S2 = 68; r2 = 32;
// P3 = 64 mod 37 = 27; c = (37 - 27) mod 36 = 10 → "A".
//
// "1": S1 = 37; r1 = 1; P2 = 2; c = 35 → "Z".
func TestCheckCharHandVectors(t *testing.T) {
	for _, tc := range []struct{ in, want string }{{"A1", "W"}, {"0", "2"}, {"ZZ", "A"}, {"1", "Z"}} {
		got, err := license.CheckChar(tc.in)
		if err != nil || string(got) != tc.want {
			t.Errorf("CheckChar(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if !license.ValidCheck(tc.in + tc.want) {
			t.Errorf("ValidCheck(%q) = false", tc.in+tc.want)
		}
	}
}

func TestValidCheckRejects(t *testing.T) {
	for _, s := range []string{
		"A1V", // wrong check character (W expected)
		"A1X", // wrong check character
		"1AW", // transposed data characters
		"02 ", // character outside the alphabet
		"a1W", // lower case is outside the alphabet
		"W",   // nothing to check
		"",    // empty
	} {
		if license.ValidCheck(s) {
			t.Errorf("ValidCheck(%q) = true, want false", s)
		}
	}
	if _, err := license.CheckChar("A.1"); err == nil {
		t.Error("CheckChar accepted '.'")
	}
}

// The standard's promise: every single substitution and every adjacent
// transposition of different characters is detected.
func TestCheckDetectsSingleErrors(t *testing.T) {
	const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	body := "12156300524SPJY11320113000000013202600000100"
	c, err := license.CheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	full := body + string(c)
	for i := range len(full) {
		for j := range len(alphabet) {
			if alphabet[j] == full[i] {
				continue
			}
			s := full[:i] + string(alphabet[j]) + full[i+1:]
			if license.ValidCheck(s) {
				t.Fatalf("substitution at %d by %c not detected", i, alphabet[j])
			}
		}
		if i+1 < len(full) && full[i] != full[i+1] {
			s := full[:i] + string(full[i+1]) + string(full[i]) + full[i+2:]
			if license.ValidCheck(s) {
				t.Fatalf("transposition at %d not detected", i)
			}
		}
	}
}

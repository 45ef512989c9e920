package license

import "errors"

// The ISO/IEC 7064 MOD 37,36 hybrid system: the alphabet 0-9A-Z (values
// 0–35), M = 36 and M+1 = 37.
const (
	mod37Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	modM          = 36
	modM1         = 37
)

// errCheckAlphabet is returned for a character outside 0-9A-Z.
var errCheckAlphabet = errors.New("license: character outside 0-9A-Z")

// checkValue is the value of c in the alphabet, or -1.
func checkValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// mod3736Run runs the hybrid recursion over s: P1 = M; for each character
// a, S = P + a, r = S mod M (0 counts as M), P' = 2r mod (M+1). It returns
// the final P and the last r.
func mod3736Run(s string) (p, r int, err error) {
	p = modM
	for i := 0; i < len(s); i++ {
		a := checkValue(s[i])
		if a < 0 {
			return 0, 0, errCheckAlphabet
		}
		r = (p + a) % modM
		if r == 0 {
			r = modM
		}
		p = (2 * r) % modM1
	}
	return p, r, nil
}

// CheckChar computes the MOD 37,36 check character of s (0-9A-Z only):
// the character a with P(n+1) + a ≡ 1 (mod 36).
func CheckChar(s string) (byte, error) {
	p, _, err := mod3736Run(s)
	if err != nil {
		return 0, err
	}
	return mod37Alphabet[(modM1-p)%modM], nil
}

// ValidCheck reports whether s ends in its correct check character: run
// over the whole string, the last reduction must be 1.
func ValidCheck(s string) bool {
	if len(s) < 2 {
		return false
	}
	_, r, err := mod3736Run(s)
	return err == nil && r == 1
}

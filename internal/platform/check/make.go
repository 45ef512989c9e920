package check

import (
	"fmt"
	"time"
)

// MakeIDNumber builds a valid ID number for demo data and tests from a
// six-digit region code (e.g. "320113"), a birth date (its calendar date in
// its own location is used) and a sequence number 0–999; an odd sequence
// number gives a man, an even one a woman. It panics on a malformed region,
// a year outside 1900–9999 or a sequence out of range. The birth date must
// not be in the future for the result to pass IDNumber.
func MakeIDNumber(region string, birth time.Time, seq int) string {
	y, m, d := birth.Date()
	switch {
	case len(region) != 6 || !allDigits(region) || !idRegionOK(region):
		panic(fmt.Sprintf("check.MakeIDNumber: bad region %q", region))
	case y < 1900 || y > 9999:
		panic(fmt.Sprintf("check.MakeIDNumber: bad birth year %d", y))
	case seq < 0 || seq > 999:
		panic(fmt.Sprintf("check.MakeIDNumber: bad sequence %d", seq))
	}
	first17 := fmt.Sprintf("%s%04d%02d%02d%03d", region, y, int(m), d, seq)
	return first17 + string(idCheckChar(first17))
}

// MakeCreditCode appends the check character to the first 17 characters of
// a credit code and returns the 18-character code. It panics if prefix17 is
// not 17 characters of the credit code alphabet. For a code that CreditCode
// accepts without warning, position 17 must itself be the GB 11714 check
// character of positions 9–16 (see OrgCodeCheckChar).
func MakeCreditCode(prefix17 string) string {
	c, err := CreditCodeCheckChar(prefix17)
	if err != nil {
		panic(fmt.Sprintf("check.MakeCreditCode: %q: %v", prefix17, ErrorCode(err)))
	}
	return asciiUpper(prefix17) + string(c)
}

package check

import "strings"

const creditLength = 18

// Result describes an accepted unified social credit code.
type Result struct {
	// Normalized is the code in upper case without surrounding space.
	Normalized string
	// Warning is a Chinese note for the resident or clerk when a checksum
	// does not match; it is empty when both checks pass.
	Warning string
	// ChecksumOK reports whether the check character (position 18) matches.
	ChecksumOK bool
	// OrgCodeOK reports whether the GB 11714 check character of the
	// organisation code (position 17) matches.
	OrgCodeOK bool
}

// NormalizeCreditCode returns s without surrounding white space and with
// ASCII letters upper-cased.
func NormalizeCreditCode(s string) string {
	return asciiUpper(strings.TrimSpace(s))
}

// CreditCode validates an 18-character unified social credit code
// (GB 32100-2015). A wrong length, character set, registration authority,
// type code or division code is an error. Codes of the right shape whose
// check characters do not match are accepted with a Warning, because codes
// assigned during the pilot period may not satisfy them.
func CreditCode(s string) (Result, error) {
	s = NormalizeCreditCode(s)
	if err := creditShape(s); err != nil {
		return Result{}, err
	}
	r := Result{
		Normalized: s,
		ChecksumOK: creditCheckChar(s[:17]) == s[17],
		OrgCodeOK:  orgCheckChar(s[8:16]) == s[16],
	}
	r.Warning = creditWarning(r)
	return r, nil
}

// creditShape checks length, alphabet and the fixed-meaning positions.
func creditShape(s string) error {
	switch {
	case s == "":
		return fail(CodeEmpty, "请输入统一社会信用代码")
	case len(s) != creditLength:
		return fail(CodeLength, "统一社会信用代码应为18位")
	case !inAlphabet(s, creditAlphabet):
		return fail(CodeFormat, "统一社会信用代码含有无效字符")
	case authorities[s[0]] == "" || s[1] < '1' || s[1] > '9':
		return fail(CodeAuthority, "统一社会信用代码的登记管理部门或机构类别代码无效")
	case !allDigits(s[2:8]):
		return fail(CodeRegion, "统一社会信用代码的行政区划码无效")
	}
	return nil
}

func creditWarning(r Result) string {
	var parts []string
	if !r.ChecksumOK {
		parts = append(parts, "统一社会信用代码校验位不符，可能为试点期间赋予的代码，请核实")
	}
	if !r.OrgCodeOK {
		parts = append(parts, "统一社会信用代码中的组织机构代码校验位不符，请核实")
	}
	return strings.Join(parts, "；")
}

// CreditCodeCheckChar returns the check character (position 18) for the
// first 17 characters of a credit code. Lowercase letters are accepted.
func CreditCodeCheckChar(first17 string) (byte, error) {
	first17 = asciiUpper(first17)
	if len(first17) != 17 {
		return 0, fail(CodeLength, "统一社会信用代码前17位长度不正确")
	}
	if !inAlphabet(first17, creditAlphabet) {
		return 0, fail(CodeFormat, "统一社会信用代码含有无效字符")
	}
	return creditCheckChar(first17), nil
}

// OrgCodeCheckChar returns the GB 11714 check character ('0'–'9' or 'X')
// for the 8-character body of an organisation code (positions 9–16 of a
// credit code). Lowercase letters are accepted.
func OrgCodeCheckChar(body8 string) (byte, error) {
	body8 = asciiUpper(body8)
	if len(body8) != 8 {
		return 0, fail(CodeLength, "组织机构代码本体应为8位")
	}
	if !inAlphabet(body8, orgAlphabet) {
		return 0, fail(CodeFormat, "组织机构代码含有无效字符")
	}
	return orgCheckChar(body8), nil
}

// creditCheckChar computes position 18; s must be in creditAlphabet.
func creditCheckChar(first17 string) byte {
	sum := 0
	for i, w := range creditWeights {
		sum += strings.IndexByte(creditAlphabet, first17[i]) * w
	}
	return creditAlphabet[(31-sum%31)%31]
}

// orgCheckChar computes the GB 11714 check; s must be in orgAlphabet.
func orgCheckChar(body8 string) byte {
	sum := 0
	for i, w := range orgWeights {
		sum += strings.IndexByte(orgAlphabet, body8[i]) * w
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X'
	case 11:
		return '0'
	default:
		return byte('0' + c)
	}
}

// inAlphabet reports whether every byte of s occurs in alphabet.
func inAlphabet(s, alphabet string) bool {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(alphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

// asciiUpper upper-cases ASCII letters only, so no non-ASCII rune can turn
// into an accepted character.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

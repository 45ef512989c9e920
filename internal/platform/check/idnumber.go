package check

import (
	"strings"
	"time"
)

const idLength = 18

// idWeights are the ISO 7064 MOD 11-2 weights of GB 11643-1999.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps the weighted sum mod 11 to the check character.
const idCheckChars = "10X98765432"

// chinaTime is China Standard Time (UTC+8, no daylight saving), the zone in
// which birth dates on ID numbers are calendar dates.
var chinaTime = time.FixedZone("CST", 8*60*60)

// NormalizeIDNumber returns s without surrounding white space and with a
// trailing lowercase x upper-cased. Store and compare this form.
func NormalizeIDNumber(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "x") {
		s = s[:len(s)-1] + "X"
	}
	return s
}

// IDNumber validates an 18-character resident ID number (GB 11643-1999)
// against the current time. See IDNumberAt.
func IDNumber(s string) error {
	return IDNumberAt(s, time.Now())
}

// IDNumberAt validates a resident ID number as of now: layout (17 digits and
// a check character 0–9 or X; a lowercase x is accepted), region code, birth
// date (a real date from 1900 on, not after now in China time) and the
// ISO 7064 MOD 11-2 check character. The value is normalised with
// NormalizeIDNumber first.
func IDNumberAt(s string, now time.Time) error {
	s = NormalizeIDNumber(s)
	if err := idShape(s); err != nil {
		return err
	}
	if !idRegionOK(s) {
		return fail(CodeRegion, "身份证号码地区代码无效")
	}
	if !idBirthOK(s, now) {
		return fail(CodeBirthDate, "身份证号码中的出生日期无效")
	}
	if idCheckChar(s[:17]) != s[17] {
		return fail(CodeChecksum, "身份证号码校验位错误")
	}
	return nil
}

// idShape checks length and characters of a normalised ID number.
func idShape(s string) error {
	switch {
	case s == "":
		return fail(CodeEmpty, "请输入身份证号码")
	case len(s) != idLength:
		return fail(CodeLength, "身份证号码应为18位")
	case !allDigits(s[:17]) || !(isDigit(s[17]) || s[17] == 'X'):
		return fail(CodeFormat, "身份证号码格式不正确")
	}
	return nil
}

// IDNumberCheckChar returns the check character ('0'–'9' or 'X') for the
// first 17 digits of an ID number.
func IDNumberCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fail(CodeLength, "身份证号码本体码应为17位")
	}
	if !allDigits(first17) {
		return 0, fail(CodeFormat, "身份证号码本体码应为数字")
	}
	return idCheckChar(first17), nil
}

// idCheckChar computes the check character of 17 ASCII digits.
func idCheckChar(first17 string) byte {
	sum := 0
	for i, w := range idWeights {
		sum += int(first17[i]-'0') * w
	}
	return idCheckChars[sum%11]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

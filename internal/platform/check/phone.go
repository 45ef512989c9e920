package check

import "strings"

// stripPhone removes the separators people type inside phone numbers:
// spaces, dashes and parentheses.
func stripPhone(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '-', '(', ')':
			return -1
		}
		return r
	}, s)
}

// dropCountryCode removes a leading +86 or 0086 and reports whether it did.
func dropCountryCode(s string) (string, bool) {
	for _, p := range []string{"+86", "0086"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest, true
		}
	}
	return s, false
}

// Phone validates a mainland mobile number and returns its 11 digits.
// Spaces, dashes and a +86, 0086 or 86 prefix are accepted.
func Phone(s string) (string, error) {
	d := stripPhone(s)
	if d == "" {
		return "", fail(CodeEmpty, "请输入手机号码")
	}
	d, _ = dropCountryCode(d)
	if len(d) == 13 && strings.HasPrefix(d, "86") {
		d = d[2:]
	}
	switch {
	case !allDigits(d):
		return "", fail(CodeFormat, "手机号码只能包含数字")
	case len(d) != 11:
		return "", fail(CodeLength, "手机号码应为11位")
	case d[0] != '1' || d[1] < '3':
		return "", fail(CodeFormat, "手机号码格式不正确")
	}
	return d, nil
}

// Landline validates a fixed-line number with area code and returns it as
// "area-local", e.g. "025-12345678". Area codes are 010 and 02x (three
// digits) or 0 followed by three digits starting 3–9; local numbers have 7
// or 8 digits and do not start with 0. A +86 or 0086 prefix may
// replace the leading 0. Extensions are not supported.
func Landline(s string) (string, error) {
	d := stripPhone(s)
	if d == "" {
		return "", fail(CodeEmpty, "请输入电话号码")
	}
	if rest, ok := dropCountryCode(d); ok {
		d = rest
		if !strings.HasPrefix(d, "0") {
			d = "0" + d
		}
	}
	area := areaCodeLen(d)
	local := d[min(area, len(d)):]
	if area == 0 || !allDigits(d) || len(local) < 7 || len(local) > 8 || local[0] == '0' {
		return "", fail(CodeFormat, "固定电话格式不正确，请填写区号和号码，如025-12345678")
	}
	return d[:area] + "-" + local, nil
}

// areaCodeLen returns the length of the area code d starts with, or 0.
func areaCodeLen(d string) int {
	switch {
	case len(d) < 3 || d[0] != '0':
		return 0
	case d[1] == '2' || strings.HasPrefix(d, "010"):
		return 3
	case d[1] >= '3' && d[1] <= '9' && len(d) >= 4:
		return 4
	}
	return 0
}

// ServicePhone validates a consultation phone number: a mobile number, a
// five-digit service hotline (10xxx, 11xxx, 12xxx, 95xxx, 96xxx, such as
// 12345 or 96106), a 400/800 number or a landline with area code. It
// returns the normalised form: 11 digits, the hotline digits,
// "400-123-4567" or "025-12345678".
func ServicePhone(s string) (string, error) {
	if p, err := Phone(s); err == nil {
		return p, nil
	}
	d := stripPhone(s)
	if isHotline(d) {
		return d, nil
	}
	if isFreephone(d) {
		return d[:3] + "-" + d[3:6] + "-" + d[6:], nil
	}
	if p, err := Landline(s); err == nil {
		return p, nil
	}
	if d == "" {
		return "", fail(CodeEmpty, "请输入咨询电话")
	}
	return "", fail(CodeFormat, "咨询电话格式不正确，可填写手机号码、带区号的固定电话或12345等服务热线")
}

// isHotline reports whether d is a five-digit service number.
func isHotline(d string) bool {
	if len(d) != 5 || !allDigits(d) {
		return false
	}
	return (d[0] == '1' && d[1] <= '2') || (d[0] == '9' && (d[1] == '5' || d[1] == '6'))
}

// isFreephone reports whether d is a ten-digit 400 or 800 number.
func isFreephone(d string) bool {
	return len(d) == 10 && allDigits(d) && (strings.HasPrefix(d, "400") || strings.HasPrefix(d, "800"))
}

package identity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// Length limits, in characters (runes).
const (
	maxNameLen        = 64
	minUsernameLen    = 3
	maxUsernameLen    = 32
	maxCodeInputLen   = 16
	maxPhoneInputLen  = 32
	maxIDInputLen     = 32
	maxCreditInputLen = 32
)

// cleanName trims surrounding white space and checks a person's or an
// organisation's name: 1 to 64 characters, valid UTF-8, no control
// characters. Anything else, quotes and angle brackets included, is kept
// verbatim: names are data, escaped where they are shown.
func cleanName(field, v, msgEmpty, msgLong string) (string, error) {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "", apperr.Invalid(field, msgEmpty)
	case !utf8.ValidString(v) || hasControl(v):
		return "", apperr.Invalid(field, "名称"+msgBadChars)
	case utf8.RuneCountInString(v) > maxNameLen:
		return "", apperr.Invalid(field, msgLong)
	}
	return v, nil
}

func hasControl(s string) bool {
	return strings.IndexFunc(s, unicode.IsControl) >= 0
}

// cleanUsername lower-cases a username and checks it: 3 to 32 characters
// of a-z, 0-9, '.', '_' and '-'.
func cleanUsername(v string) (string, error) {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "":
		return "", apperr.Invalid("username", msgUsernameEmpty)
	case utf8.RuneCountInString(v) > maxUsernameLen:
		return "", apperr.Invalid("username", msgUsernameLong)
	case len(v) < minUsernameLen:
		return "", apperr.Invalid("username", msgUsernameShort)
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return "", apperr.Invalid("username", msgUsernameChars)
		}
	}
	return v, nil
}

// cleanPhone normalises a mainland mobile number.
func cleanPhone(v string) (string, error) {
	if len(v) > maxPhoneInputLen {
		return "", apperr.Invalid("phone", "手机号码应为11位")
	}
	p, err := check.Phone(v)
	if err != nil {
		return "", apperr.Invalid("phone", err.Error())
	}
	return p, nil
}

// validDistrict reports whether code looks like a 6-digit district code.
func validDistrict(code string) bool {
	if len(code) != 6 {
		return false
	}
	return allDigits(code)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// validScopeShape checks that a grant's scope code has the shape of its
// kind and lies in district: 6, 9, 12 or 15 digits for divisions,
// district+"D"+2 digits for departments, division+"P"+2 digits for
// service points. Whether the unit exists is the organisation's business.
func validScopeShape(s authz.Scope, district string) error {
	if !strings.HasPrefix(s.Code, district) {
		return apperr.Invalid("scope", msgScopeDistrict)
	}
	ok := false
	switch s.Kind {
	case authz.ScopeDistrict:
		ok = s.Code == district
	case authz.ScopeStreet:
		ok = len(s.Code) == 9 && allDigits(s.Code)
	case authz.ScopeCommunity:
		ok = len(s.Code) == 12 && allDigits(s.Code)
	case authz.ScopeGrid:
		ok = len(s.Code) == 15 && allDigits(s.Code)
	case authz.ScopeDepartment:
		ok = len(s.Code) == 9 && s.Code[6] == 'D' && allDigits(s.Code[7:])
	case authz.ScopeServicePoint:
		div, num, found := strings.Cut(s.Code, "P")
		ok = found && len(num) == 2 && allDigits(num) && allDigits(div) &&
			(len(div) == 6 || len(div) == 9 || len(div) == 12)
	}
	if !ok {
		return apperr.Invalid("scope", msgScopeBad)
	}
	return nil
}

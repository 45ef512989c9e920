package license

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// rootArc is the object identifier arc of Chinese electronic licences
// (GB/T 36902): 1.2.156.3005.2.
const rootArc = "1.2.156.3005.2"

// Limits of the identifier's parts.
const (
	maxTypeCode = 32
	maxSerial   = 20
	maxVersion  = 999
)

// Identifier is a licence identifier (证照标识):
// 1.2.156.3005.2.<type code>.<issuer credit code>.<serial>.<version>.<check>.
type Identifier struct {
	TypeCode string // 证照类型代码, 0-9A-Z
	Issuer   string // 颁发机构统一社会信用代码
	Serial   string // serial within type and issuer, digits
	Version  int    // 1–999, written with 3 digits
}

// body is the identifier without its check character.
func (id Identifier) body() string {
	return fmt.Sprintf("%s.%s.%s.%s.%03d", rootArc, id.TypeCode, id.Issuer, id.Serial, id.Version)
}

// checkInput is what the check character covers: the body with the dots
// dropped, because MOD 37,36 has no value for '.'.
func checkInput(body string) string { return strings.ReplaceAll(body, ".", "") }

// String renders the identifier with its check character. It panics on an
// identifier that fails Validate: callers build identifiers from checked
// parts.
func (id Identifier) String() string {
	if err := id.Validate(); err != nil {
		panic(err)
	}
	b := id.body()
	c, err := CheckChar(checkInput(b))
	if err != nil {
		panic(err)
	}
	return b + "." + string(c)
}

// Validate checks every part's shape.
func (id Identifier) Validate() error {
	switch {
	case id.TypeCode == "" || len(id.TypeCode) > maxTypeCode || !alnumUpper(id.TypeCode):
		return apperr.Invalid("identifier", "证照类型代码应为1到32位数字或大写字母")
	case !validIssuer(id.Issuer):
		return apperr.Invalid("identifier", "颁发机构代码不是有效的统一社会信用代码")
	case id.Serial == "" || len(id.Serial) > maxSerial || !digits(id.Serial):
		return apperr.Invalid("identifier", "证照流水号应为1到20位数字")
	case id.Version < 1 || id.Version > maxVersion:
		return apperr.Invalid("identifier", "证照版本号应为001到999")
	}
	return nil
}

// ParseIdentifier parses and checks an identifier; any malformed part or
// a wrong check character is an invalid error naming the field
// "identifier".
func ParseIdentifier(s string) (Identifier, error) {
	s = strings.TrimSpace(s)
	if len(s) > 120 || !strings.HasPrefix(s, rootArc+".") {
		return Identifier{}, apperr.Invalid("identifier", "证照标识应以 "+rootArc+" 开头")
	}
	parts := strings.Split(s[len(rootArc)+1:], ".")
	if len(parts) != 5 {
		return Identifier{}, apperr.Invalid("identifier", "证照标识应由类型代码、颁发机构代码、流水号、版本号和校验位组成")
	}
	if len(parts[3]) != 3 || !digits(parts[3]) {
		return Identifier{}, apperr.Invalid("identifier", "证照版本号应为3位数字")
	}
	v, _ := strconv.Atoi(parts[3])
	id := Identifier{TypeCode: parts[0], Issuer: parts[1], Serial: parts[2], Version: v}
	if err := id.Validate(); err != nil {
		return Identifier{}, err
	}
	if len(parts[4]) != 1 || !ValidCheck(checkInput(s)) {
		return Identifier{}, apperr.Invalid("identifier", "证照标识校验位错误")
	}
	return id, nil
}

// validIssuer accepts a credit code of the right shape whose GB 32100
// check character matches: an issuer is a government body, never a
// pilot-period code.
func validIssuer(s string) bool {
	r, err := check.CreditCode(s)
	return err == nil && r.Normalized == s && r.ChecksumOK
}

func alnumUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if checkValue(s[i]) < 0 {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

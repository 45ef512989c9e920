package license

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// Limits of the free text a licence carries.
const (
	maxText      = 200
	maxDataKeys  = 50
	maxDataValue = 500
)

// IssueInput is what a licence is issued from.
type IssueInput struct {
	Department     string            `json:"department"`  // issuing department code, e.g. 320113D05
	IssuerName     string            `json:"issuer_name"` // 颁发机构 (the department's full name)
	IssuerCode     string            `json:"issuer_code"` // its credit code
	TypeCode       string            `json:"type_code"`
	Name           string            `json:"name"`   // 证照名称
	Number         string            `json:"number"` // 证照编号; the serial when empty
	ValidFrom      string            `json:"valid_from"`
	ValidUntil     string            `json:"valid_until"` // "" = 长期
	HolderName     string            `json:"holder_name"`
	HolderCode     string            `json:"holder_code"`
	HolderCodeType string            `json:"holder_code_type"` // 111 | 001
	HolderAccount  int64             `json:"holder_account"`
	Territory      string            `json:"territory"`
	Data           map[string]string `json:"data"`
	ApplicationID  int64             `json:"application_id,omitempty"`
	ItemCode       string            `json:"item_code,omitempty"`
}

// normalize trims text and upper-cases codes.
func (in *IssueInput) normalize() {
	for _, p := range []*string{&in.Department, &in.IssuerName, &in.Name, &in.Number, &in.ValidFrom, &in.ValidUntil,
		&in.HolderName, &in.Territory, &in.ItemCode} {
		*p = strings.TrimSpace(*p)
	}
	in.TypeCode = strings.ToUpper(strings.TrimSpace(in.TypeCode))
	in.IssuerCode = check.NormalizeCreditCode(in.IssuerCode)
	in.HolderCode = strings.ToUpper(strings.TrimSpace(in.HolderCode))
}

// validate checks every field, naming the first bad one.
func (in *IssueInput) validate(now time.Time) error {
	in.normalize()
	if err := (Identifier{TypeCode: in.TypeCode, Issuer: in.IssuerCode, Serial: "1", Version: 1}).Validate(); err != nil {
		return fieldOfIdentifier(in)
	}
	switch {
	case in.Department == "":
		return apperr.Invalid("department", "请指定颁证部门")
	case !text(in.Name, 1) || !text(in.IssuerName, 1) || !text(in.HolderName, 1):
		return apperr.Invalid(firstEmpty(in), "证照名称、颁发机构和持证主体名称应为1到200个字")
	case !text(in.Number, 0) || !text(in.Territory, 1):
		return apperr.Invalid("territory", "管辖属地应为1到200个字")
	}
	if err := validHolder(in.HolderCodeType, in.HolderCode, now); err != nil {
		return err
	}
	if err := validDates(in.ValidFrom, in.ValidUntil); err != nil {
		return err
	}
	return validData(in.Data)
}

// fieldOfIdentifier names which identifier part is wrong.
func fieldOfIdentifier(in *IssueInput) error {
	if in.TypeCode == "" || len(in.TypeCode) > maxTypeCode || !alnumUpper(in.TypeCode) {
		return apperr.Invalid("type_code", "证照类型代码应为1到32位数字或大写字母")
	}
	return apperr.Invalid("issuer_code", "颁发机构代码不是有效的统一社会信用代码")
}

func firstEmpty(in *IssueInput) string {
	switch {
	case !text(in.Name, 1):
		return "name"
	case !text(in.IssuerName, 1):
		return "issuer_name"
	}
	return "holder_name"
}

// text reports whether s has between min and maxText characters.
func text(s string, min int) bool {
	n := utf8.RuneCountInString(s)
	return n >= min && n <= maxText
}

// validHolder checks the holder's code against its type.
func validHolder(kind, code string, now time.Time) error {
	switch kind {
	case HolderIDNumber:
		if check.IDNumberAt(code, now) != nil {
			return apperr.Invalid("holder_code", "持证主体身份证号码不正确")
		}
	case HolderCreditCode:
		if _, err := check.CreditCode(code); err != nil {
			return apperr.Invalid("holder_code", "持证主体统一社会信用代码不正确")
		}
	default:
		return apperr.Invalid("holder_code_type", "持证主体代码类型应为111（身份证）或001（统一社会信用代码）")
	}
	return nil
}

// validDates checks the validity period: from is a date, until empty
// (长期) or a date not before from.
func validDates(from, until string) error {
	f, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return apperr.Invalid("valid_from", "有效期起始日期应为YYYY-MM-DD")
	}
	if until == "" {
		return nil
	}
	u, err := time.Parse(time.DateOnly, until)
	if err != nil || u.Before(f) {
		return apperr.Invalid("valid_until", "有效期截止日期应为YYYY-MM-DD且不早于起始日期")
	}
	return nil
}

// validData bounds the licence's data.
func validData(data map[string]string) error {
	if len(data) > maxDataKeys {
		return apperr.Invalid("data", "照面信息最多50项")
	}
	for k, v := range data {
		if !text(k, 1) || utf8.RuneCountInString(v) > maxDataValue {
			return apperr.Invalid("data", "照面信息的名称应为1到200个字，内容最多500个字")
		}
	}
	return nil
}

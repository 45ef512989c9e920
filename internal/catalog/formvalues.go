package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// Area is the part of the country an address field must lie in. The
// system holds no address register yet, so an address is accepted when it
// names the district or one of its streets: that refuses addresses plainly
// elsewhere while leaving the exact place to the clerk who reads it.
type Area struct {
	District string   // e.g. 栖霞区
	Streets  []string // e.g. 尧化街道
}

// QixiaArea is the area of the model district.
var QixiaArea = Area{District: "栖霞区", Streets: []string{
	"尧化街道", "马群街道", "迈皋桥街道", "燕子矶街道", "栖霞街道", "龙潭街道", "仙林街道", "八卦洲街道", "西岗街道",
}}

// numberPattern accepts plain decimals only: no exponents, hex, Inf or NaN,
// which strconv would take but no clerk would read.
var numberPattern = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// Limits of submitted answers.
const (
	maxTableRows  = 200
	maxFileRefLen = 200
	maxNumberLen  = 32
)

// Validate checks an applicant's answers against the form, for an address
// within QixiaArea, and returns a Chinese message per field at fault
// (table cells as "name[row].column"); an empty map means all is well.
func (f Form) Validate(values map[string]any) map[string]string {
	return f.ValidateIn(values, QixiaArea)
}

// ValidateIn is Validate for addresses within area.
func (f Form) ValidateIn(values map[string]any, area Area) map[string]string {
	out := map[string]string{}
	known := map[string]bool{}
	for _, fd := range f {
		known[fd.Name] = true
		fd.validate(out, fd.Name, values[fd.Name], area)
	}
	for k := range values {
		if !known[k] {
			out[short(k)] = "表单中没有此项"
		}
	}
	return out
}

// validate checks one answer and records a message under path.
func (fd FormField) validate(out map[string]string, path string, v any, area Area) {
	if isEmpty(v) {
		if fd.Required {
			out[path] = "请填写" + fd.Label
		}
		return
	}
	if fd.Type == FieldTable {
		fd.validateTable(out, path, v, area)
		return
	}
	if fd.Type == FieldMultiChoice {
		if msg := fd.checkMulti(v); msg != "" {
			out[path] = msg
		}
		return
	}
	s, ok := scalar(v)
	if !ok {
		out[path] = fd.Label + "格式不正确"
		return
	}
	if msg := fd.checkScalar(strings.TrimSpace(s), area); msg != "" {
		out[path] = msg
	}
}

// checkScalar checks a single-valued answer by the field's type.
func (fd FormField) checkScalar(s string, area Area) string {
	if !utf8.ValidString(s) {
		return fd.Label + "含有无效字符"
	}
	switch fd.Type {
	case FieldText, FieldLongText:
		if utf8.RuneCountInString(s) > fd.maxLen() {
			return fmt.Sprintf("%s不能超过%d个字", fd.Label, fd.maxLen())
		}
	case FieldNumber:
		if len(s) > maxNumberLen || !numberPattern.MatchString(s) {
			return fd.Label + "应为数字"
		}
	case FieldDate:
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			return fd.Label + "应为日期，格式如2025-03-01"
		}
	case FieldChoice:
		if !contains(fd.Options, s) {
			return fd.Label + "的选项无效"
		}
	case FieldIDNumber:
		if err := check.IDNumber(s); err != nil {
			return err.Error()
		}
	case FieldCreditCode:
		if _, err := check.CreditCode(s); err != nil {
			return err.Error()
		}
	case FieldPhone:
		if _, err := check.Phone(s); err != nil {
			return err.Error()
		}
	case FieldAddress:
		return fd.checkAddress(s, area)
	case FieldFile:
		if len(s) > maxFileRefLen || strings.ContainsAny(s, "<>\"'\\\x00") {
			return fd.Label + "附件编号无效"
		}
	default:
		return fd.Label + "无法填写"
	}
	return ""
}

func (fd FormField) checkAddress(s string, area Area) string {
	if utf8.RuneCountInString(s) > fd.maxLen() {
		return fmt.Sprintf("%s不能超过%d个字", fd.Label, fd.maxLen())
	}
	if area.District != "" && strings.Contains(s, area.District) {
		return ""
	}
	for _, st := range area.Streets {
		if strings.Contains(s, st) {
			return ""
		}
	}
	return fd.Label + "应在" + area.District + "范围内，请写明所在区或街道"
}

func (fd FormField) checkMulti(v any) string {
	list, ok := v.([]any)
	if strs, isStrs := v.([]string); isStrs {
		list, ok = make([]any, len(strs)), true
		for i, s := range strs {
			list[i] = s
		}
	}
	if !ok || len(list) > len(fd.Options) {
		return fd.Label + "的选项无效"
	}
	seen := map[string]bool{}
	for _, x := range list {
		s, isStr := x.(string)
		if !isStr || !contains(fd.Options, s) || seen[s] {
			return fd.Label + "的选项无效"
		}
		seen[s] = true
	}
	return ""
}

// validateTable checks each row of a table answer by the columns.
func (fd FormField) validateTable(out map[string]string, path string, v any, area Area) {
	rows, ok := v.([]any)
	if !ok {
		if typed, isTyped := v.([]map[string]any); isTyped {
			rows, ok = make([]any, len(typed)), true
			for i, r := range typed {
				rows[i] = r
			}
		}
	}
	if !ok || len(rows) > maxTableRows {
		out[path] = fmt.Sprintf("%s应为不超过%d行的表格", fd.Label, maxTableRows)
		return
	}
	for i, r := range rows {
		row, isRow := r.(map[string]any)
		if !isRow {
			out[fmt.Sprintf("%s[%d]", path, i)] = "表格行格式不正确"
			continue
		}
		for k, msg := range Form(fd.Columns).ValidateIn(row, area) {
			out[fmt.Sprintf("%s[%d].%s", path, i, k)] = msg
		}
	}
}

// scalar renders a single answer as text: HTML forms send strings, JSON
// clients may send numbers and booleans.
func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case int64:
		return strconv.FormatInt(x, 10), true
	}
	return "", false
}

func isEmpty(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	case []string:
		return len(x) == 0
	case []map[string]any:
		return len(x) == 0
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

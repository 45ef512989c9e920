package catalog

import (
	"fmt"
	"regexp"
	"unicode/utf8"
)

// FieldType is the kind of answer a form field takes.
type FieldType string

// The field types.
const (
	FieldText        FieldType = "text"
	FieldLongText    FieldType = "long_text"
	FieldNumber      FieldType = "number"
	FieldDate        FieldType = "date"
	FieldChoice      FieldType = "choice"
	FieldMultiChoice FieldType = "multi_choice"
	FieldIDNumber    FieldType = "id_number"
	FieldCreditCode  FieldType = "credit_code"
	FieldPhone       FieldType = "phone"
	FieldAddress     FieldType = "address"
	FieldFile        FieldType = "file"
	FieldTable       FieldType = "table"
)

var fieldTypeNames = map[FieldType]string{
	FieldText: "单行文本", FieldLongText: "多行文本", FieldNumber: "数字", FieldDate: "日期",
	FieldChoice: "单选", FieldMultiChoice: "多选", FieldIDNumber: "身份证号码", FieldCreditCode: "统一社会信用代码",
	FieldPhone: "手机号码", FieldAddress: "地址", FieldFile: "附件", FieldTable: "表格",
}

// Name is the field type's Chinese name.
func (t FieldType) Name() string { return nameOr(fieldTypeNames, t) }

// Valid reports whether t is known.
func (t FieldType) Valid() bool { _, ok := fieldTypeNames[t]; return ok }

// FormField is one question of an application form. Columns are the
// fields of each row of a table field.
type FormField struct {
	Name     string      `json:"name"`
	Label    string      `json:"label"`
	Type     FieldType   `json:"type"`
	Required bool        `json:"required"`
	MaxLen   int         `json:"max_len"`
	Options  []string    `json:"options"`
	Help     string      `json:"help"`
	Columns  []FormField `json:"columns"`
}

// Form is an item's application form: its fields in display order.
type Form []FormField

// Limits of form definitions.
const (
	// MaxFieldLen caps max_len: longer answers belong in an attached file.
	MaxFieldLen = 2000
	// DefaultTextLen and DefaultLongTextLen apply when max_len is 0.
	DefaultTextLen     = 100
	DefaultLongTextLen = 2000
	maxLabelRunes      = 100
)

// fieldNamePattern keeps field names usable as HTML names, JSON keys and
// spreadsheet headers alike.
var fieldNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// check adds the problems of a form definition under path (e.g. "form").
func (f Form) check(p *problems, path string, nested bool) {
	seen := map[string]bool{}
	for i, fd := range f {
		at := fmt.Sprintf("%s[%d]", path, i)
		if !fieldNamePattern.MatchString(fd.Name) {
			p.add(at+".name", "字段名应为小写字母开头的英文、数字或下划线")
		} else if seen[fd.Name] {
			p.add(at+".name", "字段名重复")
		}
		seen[fd.Name] = true
		fd.check(p, at, nested)
	}
}

// check adds the problems of one field definition other than its name.
func (fd FormField) check(p *problems, at string, nested bool) {
	if fd.Label == "" {
		p.add(at+".label", "请填写字段标签")
	} else if utf8.RuneCountInString(fd.Label) > maxLabelRunes {
		p.add(at+".label", "字段标签不能超过100个字")
	}
	if !fd.Type.Valid() {
		p.add(at+".type", "字段类型无效")
		return
	}
	if fd.MaxLen < 0 || fd.MaxLen > MaxFieldLen {
		p.add(at+".max_len", "长度上限应在0到2000之间")
	}
	switch fd.Type {
	case FieldChoice, FieldMultiChoice:
		fd.checkOptions(p, at)
	case FieldTable:
		if nested {
			p.add(at+".type", "表格中不能再嵌套表格")
		} else if len(fd.Columns) == 0 {
			p.add(at+".columns", "表格字段应至少有一列")
		} else {
			Form(fd.Columns).check(p, at+".columns", true)
		}
	}
}

func (fd FormField) checkOptions(p *problems, at string) {
	if len(fd.Options) == 0 {
		p.add(at+".options", "选择字段应至少有一个选项")
		return
	}
	seen := map[string]bool{}
	for j, o := range fd.Options {
		switch {
		case o == "":
			p.add(fmt.Sprintf("%s.options[%d]", at, j), "选项不能为空")
		case seen[o]:
			p.add(fmt.Sprintf("%s.options[%d]", at, j), "选项重复")
		}
		seen[o] = true
	}
}

// maxLen is the effective length limit of a text-like field.
func (fd FormField) maxLen() int {
	switch {
	case fd.MaxLen > 0:
		return fd.MaxLen
	case fd.Type == FieldLongText:
		return DefaultLongTextLen
	}
	return DefaultTextLen
}

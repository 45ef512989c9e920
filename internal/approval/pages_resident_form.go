package approval

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
)

// rFieldView is one form field as the edit page draws it. Name is the HTML
// input name, Key the error key ("form.premises") and anchor.
type rFieldView struct {
	Key, Name, Field, Label, Type, Help string
	Required                            bool
	Value                               string
	Checked                             map[string]bool // multi-choice answers
	Options                             []string
	Input, Mode, Auto                   string // input type, inputmode and autocomplete
	MaxLen                              int
	Error                               string
	File                                string // a file field's uploaded file name
	Columns                             []rFieldView
	Rows                                []rRowView // a table's rows
	RowErrors                           []string   // a table's messages about cells
}

// rRowView is one row of a table field: its number (from 1) and cells.
type rRowView struct {
	N     int
	Cells []rFieldView
}

// rInputs maps text-like field types to their input type, inputmode and
// autocomplete hints, so phones bring up the right keyboard.
var rInputs = map[catalog.FieldType][3]string{
	catalog.FieldText:       {"text", "", ""},
	catalog.FieldNumber:     {"text", "decimal", ""},
	catalog.FieldDate:       {"date", "", ""},
	catalog.FieldIDNumber:   {"text", "", "off"},
	catalog.FieldCreditCode: {"text", "", "off"},
	catalog.FieldPhone:      {"tel", "tel", "tel"},
	catalog.FieldAddress:    {"text", "", "street-address"},
}

// rFieldsOfForm builds the views of the merged form with the draft's
// answers, the table rows to draw and the problems to show.
func rFieldsOfForm(form catalog.Form, values map[string]any, extra map[string]int, problems map[string]string, rFileNames map[string]string) []rFieldView {
	out := make([]rFieldView, 0, len(form))
	for _, fd := range form {
		v := rBaseField(fd, "f."+fd.Name, "form."+fd.Name)
		v.Error = problems[v.Key]
		switch fd.Type {
		case catalog.FieldMultiChoice:
			v.Checked = map[string]bool{}
			for _, x := range rListOf(values[fd.Name]) {
				v.Checked[rTextOf(x)] = true
			}
		case catalog.FieldTable:
			rTableRows(&v, fd, values[fd.Name], extra[fd.Name], problems)
		case catalog.FieldFile:
			v.Value = rTextOf(values[fd.Name])
			v.File = rFileNames[v.Value]
		default:
			v.Value = rTextOf(values[fd.Name])
		}
		out = append(out, v)
	}
	return out
}

// rBaseField is the view of a field definition without an answer.
func rBaseField(fd catalog.FormField, name, key string) rFieldView {
	in := rInputs[fd.Type]
	v := rFieldView{Key: key, Name: name, Field: fd.Name, Label: fd.Label, Type: string(fd.Type), Help: fd.Help, Required: fd.Required,
		Options: fd.Options, Input: in[0], Mode: in[1], Auto: in[2], MaxLen: fd.MaxLen}
	if v.MaxLen == 0 {
		switch fd.Type {
		case catalog.FieldLongText:
			v.MaxLen = catalog.DefaultLongTextLen
		case catalog.FieldText, catalog.FieldAddress:
			v.MaxLen = catalog.DefaultTextLen
		}
	}
	return v
}

// rTableRows fills a table field's rows: the answered rows, then extra
// empty ones (at least one) to type into without any script.
func rTableRows(v *rFieldView, fd catalog.FormField, rAnswer any, extra int, problems map[string]string) {
	for _, c := range fd.Columns {
		v.Columns = append(v.Columns, rBaseField(c, "", ""))
	}
	rows := rListOf(rAnswer)
	n := len(rows) + max(extra, 1)
	for i := 0; i < n; i++ {
		var row map[string]any
		if i < len(rows) {
			row, _ = rows[i].(map[string]any)
		}
		var cells []rFieldView
		for _, c := range fd.Columns {
			cell := rBaseField(c, fmt.Sprintf("t.%s.%d.%s", fd.Name, i, c.Name), fmt.Sprintf("%s[%d].%s", v.Key, i, c.Name))
			cell.Value, cell.Error = rTextOf(row[c.Name]), problems[cell.Key]
			cells = append(cells, cell)
		}
		v.Rows = append(v.Rows, rRowView{N: i + 1, Cells: cells})
	}
	prefix := v.Key + "["
	var keys []string
	for k := range problems {
		if strings.HasPrefix(k, prefix) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		v.RowErrors = append(v.RowErrors, rRowLabel(k, v.Key)+problems[k])
	}
}

// rRowLabel says "第2行：" for a cell key like "form.staff[1].name".
func rRowLabel(key, table string) string {
	rest := strings.TrimPrefix(key, table+"[")
	n, err := strconv.Atoi(rest[:max(strings.IndexByte(rest, ']'), 0)])
	if err != nil {
		return ""
	}
	return "第" + strconv.Itoa(n+1) + "行："
}

// rListOf reads a list answer as JSON decoding gives it.
func rListOf(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case []map[string]any:
		out := make([]any, len(x))
		for i, m := range x {
			out[i] = m
		}
		return out
	}
	return nil
}

// rTextOf shows a scalar answer as the text of an input.
func rTextOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "是"
		}
		return "否"
	}
	return fmt.Sprint(v)
}

// rItoa is strconv.Itoa, short for the pages' texts.
func rItoa(n int) string { return strconv.Itoa(n) }

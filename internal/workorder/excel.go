package workorder

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The sheets of the category workbook (docs/workorder-design.md describes
// it). Row 1 holds the Chinese headers, row 2 the column keys, data starts
// at row 3; every cell is text.
const (
	SheetCategories = "分类"
	SheetFields     = "字段"
)

// xlLayout is a sheet's columns: keys (row 2) and headers (row 1).
type xlLayout struct{ keys, headers []string }

var xlLayouts = map[string]xlLayout{
	SheetCategories: {
		keys: []string{"code", "parent", "name", "description", "property", "grid_class", "handler", "response",
			"resolution", "limit_source", "urgencies", "verify"},
		headers: []string{"编码", "上级编码", "名称", "说明", "物业类", "部件事件类别", "默认处置单位", "首次响应时限",
			"办结时限", "时限来源", "紧急程度时限", "需要核查"},
	},
	SheetFields: {
		keys:    []string{"category", "key", "label", "type", "required", "description", "options"},
		headers: []string{"分类编码", "字段键", "字段名称", "类型", "必填", "说明", "选项"},
	},
}

var xlSheetOrder = []string{SheetCategories, SheetFields}

// header returns the header of a key's column.
func (l xlLayout) header(key string) string {
	for i, k := range l.keys {
		if k == key {
			return l.headers[i]
		}
	}
	return key
}

// ExportExcel writes a tree as the category workbook.
func ExportExcel(t *Tree) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	for i, name := range xlSheetOrder {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		l := xlLayouts[name]
		if err := xlWriteRow(f, name, 1, l.headers); err != nil {
			return nil, err
		}
		if err := xlWriteRow(f, name, 2, l.keys); err != nil {
			return nil, err
		}
	}
	row, frow := 3, 3
	for _, c := range t.Categories {
		if err := xlWriteRow(f, SheetCategories, row, categoryCells(c)); err != nil {
			return nil, err
		}
		row++
		for _, fd := range c.Fields {
			if err := xlWriteRow(f, SheetFields, frow, fieldCells(c.Code, fd)); err != nil {
				return nil, err
			}
			frow++
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, fmt.Errorf("workorder: export: %w", err)
	}
	return b.Bytes(), nil
}

func xlWriteRow(f *excelize.File, sheet string, row int, cells []string) error {
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	return f.SetSheetRow(sheet, cell, &vals)
}

func categoryCells(c Category) []string {
	return []string{c.Code, c.Parent, c.Name, c.Description, yesNo(c.Property), c.GridClass, HandlerName(c.Handler),
		c.Response.String(), c.Resolution.String(), c.LimitSource, urgencyCell(c.Urgencies), yesNo(c.Verify)}
}

func fieldCells(code string, fd Field) []string {
	opts := make([]string, len(fd.Options))
	for i, o := range fd.Options {
		opts[i] = o.Key + "=" + o.Name
	}
	return []string{code, fd.Key, fd.Label, fd.Type.Name(), yesNo(fd.Required), fd.Description, strings.Join(opts, "；")}
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// urgencyCell writes urgencies as "紧急：1小时/24小时；特急" (an urgency
// without own limits keeps the category's).
func urgencyCell(us []UrgencyOption) string {
	parts := make([]string, len(us))
	for i, u := range us {
		parts[i] = u.Code.Name()
		if !u.Response.IsZero() || !u.Resolution.IsZero() {
			parts[i] += "：" + u.Response.String() + "/" + u.Resolution.String()
		}
	}
	return strings.Join(parts, "；")
}

var limitRE = regexp.MustCompile(`^(\d{1,4})\s*(小时|个工作日|工作日)$`)

// parseLimit reads "2小时" or "3个工作日"; empty is the zero limit.
func parseLimit(s string) (Limit, string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Limit{}, ""
	}
	m := limitRE.FindStringSubmatch(s)
	if m == nil {
		return Limit{}, "时限应写作“2小时”或“3个工作日”"
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		return Limit{}, "时限应为正整数，不设时限请留空"
	}
	if m[2] == "小时" {
		return Limit{Value: n, Unit: UnitHours}, ""
	}
	return Limit{Value: n, Unit: UnitWorkdays}, ""
}

// parseYesNo reads 是/否 (empty is 否).
func parseYesNo(s string) (bool, string) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "是", "TRUE", "1", "Y", "YES":
		return true, ""
	case "否", "FALSE", "0", "N", "NO", "":
		return false, ""
	}
	return false, "应填写「是」或「否」"
}

// splitList splits a cell on "；" or ";".
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '；' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

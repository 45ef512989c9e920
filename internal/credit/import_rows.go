package credit

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxCellRunes bounds any cell of an import file.
const maxCellRunes = 500

// importColumn is a column of the import template: its header (and the
// other headers accepted for it) and the record field it fills.
type importColumn struct {
	header   string
	aliases  []string
	field    string
	required bool
}

// ImportColumns documents the import template, in order. A file must have
// the required columns; others may be left out. Headers are matched after
// trimming spaces.
var importColumns = []importColumn{
	{header: "主体类型", field: "subject_kind"},
	{header: "主体名称", aliases: []string{"姓名", "名称"}, field: "subject_name"},
	{header: "证件号码", aliases: []string{"身份证号码", "统一社会信用代码", "身份证号码/统一社会信用代码"}, field: "subject_code", required: true},
	{header: "记录类别", field: "kind", required: true},
	{header: "严重程度", field: "severity", required: true},
	{header: "决定文书号", aliases: []string{"文书号"}, field: "document_no", required: true},
	{header: "决定日期", field: "decided_on", required: true},
	{header: "有效期至", field: "valid_until"},
	{header: "事实摘要", aliases: []string{"摘要"}, field: "summary"},
}

// ImportHeaders returns the template's headers, for a blank template.
func ImportHeaders() []string {
	out := make([]string, len(importColumns))
	for i, c := range importColumns {
		out[i] = c.header
	}
	return out
}

// headerOf returns the template header of a record field.
func headerOf(field string) string {
	for _, c := range importColumns {
		if c.field == field {
			return c.header
		}
	}
	return ""
}

// mapHeader finds each column's position in the header row; missing
// required columns and unknown or repeated headers are reported.
func mapHeader(header []string, rep *ImportReport) map[string]int {
	pos := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		c, ok := columnNamed(h)
		switch {
		case !ok:
			rep.add(1, h, "无法识别的列，模板的列为："+strings.Join(ImportHeaders(), "、"))
		case hasKey(pos, c.field):
			rep.add(1, h, "列重复")
		default:
			pos[c.field] = i
		}
	}
	for _, c := range importColumns {
		if _, ok := pos[c.field]; c.required && !ok {
			rep.add(1, c.header, "缺少必填列「"+c.header+"」")
		}
	}
	return pos
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

func columnNamed(h string) (importColumn, bool) {
	for _, c := range importColumns {
		if c.header == h {
			return c, true
		}
		for _, a := range c.aliases {
			if a == h {
				return c, true
			}
		}
	}
	return importColumn{}, false
}

// rowInput reads one data row into a record input, reporting cells that
// are too long or whose value has no meaning; false when the row is blank.
func rowInput(row []string, line int, pos map[string]int, dept string, rep *ImportReport) (RecordInput, bool) {
	cell := func(field string) string {
		i, ok := pos[field]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	blank := true
	for _, c := range row {
		blank = blank && strings.TrimSpace(c) == ""
	}
	if blank {
		return RecordInput{}, false
	}
	in := RecordInput{SubjectName: cell("subject_name"), SubjectCode: cell("subject_code"), Department: dept,
		Kind: cell("kind"), DocumentNo: cell("document_no"), Summary: cell("summary")}
	for _, c := range importColumns {
		if v := cell(c.field); utf8.RuneCountInString(v) > maxCellRunes {
			rep.add(line, c.header, fmt.Sprintf("单元格内容过长（超过%d个字）", maxCellRunes))
		}
	}
	in.SubjectKind = kindCell(cell("subject_kind"), line, rep)
	in.Severity = severityCell(cell("severity"))
	in.DecidedOn = dateCell(cell("decided_on"))
	in.ValidUntil = dateCell(cell("valid_until"))
	return in, true
}

// kindCell reads 主体类型; "" infers the kind from the code.
func kindCell(v string, line int, rep *ImportReport) SubjectKind {
	switch v {
	case "":
		return ""
	case "自然人", "个人", "person":
		return Person
	case "法人", "法人和其他组织", "企业", "非法人组织", "entity":
		return Entity
	}
	rep.add(line, "主体类型", "主体类型应为“自然人”或“法人和其他组织”")
	return ""
}

// severityCell reads 严重程度 in Chinese or as its code; an unknown value
// is passed on for the record check to report.
func severityCell(v string) Severity {
	for s, name := range severityNames {
		if v == name || v == string(s) {
			return s
		}
	}
	return Severity(v)
}

// excelEpoch is day 0 of Excel's 1900 date system (with its leap-year bug).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// dateCell normalises the date spellings found in department files —
// 2025-06-01, 2025/6/1, 2025.6.1, 2025年6月1日, 20250601 and Excel serial
// numbers — to YYYY-MM-DD. Anything else is returned as is, for the record
// check to report.
func dateCell(v string) string {
	if v == "" {
		return ""
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil && n > 1 && n < 100000 && !strings.Contains(v, "-") && len(v) != 8 {
		return excelEpoch.AddDate(0, 0, int(n)).Format(time.DateOnly)
	}
	r := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "")
	s := r.Replace(v)
	for _, layout := range []string{"2006-1-2", "20060102"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly)
		}
	}
	return v
}

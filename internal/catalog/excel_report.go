package catalog

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// ImportProblem is one bad cell, row, sheet or file of an imported
// workbook. Row is the Excel row number (0 when the problem is the whole
// file or sheet); Column is the column header ("" for a whole row).
type ImportProblem struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// String renders the problem as staff read it: 「材料」第5行「来源」：….
func (p ImportProblem) String() string {
	var b strings.Builder
	if p.Sheet != "" {
		b.WriteString("「" + p.Sheet + "」")
	}
	if p.Row > 0 {
		b.WriteString("第" + strconv.Itoa(p.Row) + "行")
	}
	if p.Column != "" {
		b.WriteString("「" + p.Column + "」")
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	return b.String() + p.Reason
}

// ImportReport tells what an import found: the number of items read and
// every problem. An import with any problem writes nothing.
type ImportReport struct {
	Items    int             `json:"items"`
	Problems []ImportProblem `json:"problems"`
	seen     map[string]bool
}

// OK reports whether the workbook had no problem.
func (r *ImportReport) OK() bool { return len(r.Problems) == 0 }

// add records a problem, keeping only the first reason of a cell: a cell
// that failed to parse is not reported again by validation.
func (r *ImportReport) add(sheet string, row int, xlColumn, reason string) {
	key := fmt.Sprintf("%s\x00%d\x00%s", sheet, row, xlColumn)
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.Problems = append(r.Problems, ImportProblem{Sheet: sheet, Row: row, Column: xlColumn, Reason: reason})
}

// sort orders problems by sheet, row and column position.
func (r *ImportReport) sort() {
	slices.SortStableFunc(r.Problems, func(a, b ImportProblem) int {
		if c := slices.Index(xlSheetOrder, a.Sheet) - slices.Index(xlSheetOrder, b.Sheet); c != 0 {
			return c
		}
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		l := xlLayouts[a.Sheet]
		return slices.Index(l.headers, a.Column) - slices.Index(l.headers, b.Column)
	})
}

// Err is an invalid error summarising the report, with one field per
// problem ("事项!5!事项名称" → reason), or nil when the report is clean.
func (r *ImportReport) Err() error {
	if r.OK() {
		return nil
	}
	parts := make([]string, 0, 3)
	for i, p := range r.Problems {
		if i == 3 {
			parts = append(parts, "……")
			break
		}
		parts = append(parts, p.String())
	}
	e := apperr.New(apperr.CodeInvalid, "导入文件有"+strconv.Itoa(len(r.Problems))+"处问题，未导入任何事项："+strings.Join(parts, "；"))
	e.Fields = map[string]string{}
	for _, p := range r.Problems {
		e.Fields[fmt.Sprintf("%s!%d!%s", p.Sheet, p.Row, p.Column)] = p.Reason
	}
	return e
}

// xlOrigin remembers which rows an item was read from, to place validation
// messages on the cells staff must fix.
type xlOrigin struct {
	row       int
	materials []int
	steps     []int
	basis     []int
	form      []int
	columns   [][]int
}

var (
	xlIndexedPath = regexp.MustCompile(`^([a-z_]+)\[(\d+)\](?:\.(.*))?$`)
	xlItemPath    = regexp.MustCompile(`^items\[(\d+)\]\.(.*)$`)
)

// xlLocate turns a validation path of CheckAll ("items[3].materials[1].source")
// into the sheet, row and column header of the cell to fix.
func xlLocate(origins []xlOrigin, path string) (string, int, string) {
	m := xlItemPath.FindStringSubmatch(path)
	if m == nil {
		return SheetItems, 0, path
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(origins) {
		return SheetItems, 0, m[2]
	}
	o, rest := origins[i], m[2]
	im := xlIndexedPath.FindStringSubmatch(rest)
	if im == nil {
		if sheet, ok := xlListSheets[rest]; ok {
			return SheetItems, o.row, "（" + sheet + "表）"
		}
		return SheetItems, o.row, xlHeaderOf(SheetItems, rest)
	}
	name, sub := im[1], im[3]
	j, _ := strconv.Atoi(im[2])
	switch name {
	case "materials":
		return xlChildCell(SheetMaterials, o.materials, j, sub, o.row)
	case "steps":
		return xlChildCell(SheetSteps, o.steps, j, sub, o.row)
	case "legal_basis":
		return xlChildCell(SheetBasis, o.basis, j, sub, o.row)
	case "form":
		if cm := xlIndexedPath.FindStringSubmatch(sub); cm != nil && cm[1] == "columns" && j < len(o.columns) {
			k, _ := strconv.Atoi(cm[2])
			return xlChildCell(SheetForm, o.columns[j], k, cm[3], o.row)
		}
		return xlChildCell(SheetForm, o.form, j, sub, o.row)
	}
	return SheetItems, o.row, xlHeaderOf(SheetItems, name)
}

// xlListSheets names the sheet holding each list of an item, for a problem
// with the whole list ("请至少填写一个办理环节").
var xlListSheets = map[string]string{"materials": SheetMaterials, "steps": SheetSteps, "legal_basis": SheetBasis, "form": SheetForm}

func xlChildCell(sheet string, rows []int, j int, sub string, itemRow int) (string, int, string) {
	if j >= len(rows) {
		return SheetItems, itemRow, "（" + sheet + "表）"
	}
	return sheet, rows[j], xlHeaderOf(sheet, sub)
}

// xlHeaderOf is the header of the column holding a field path ("options[2]"
// is in 选项); the path itself when no column holds it.
func xlHeaderOf(sheet, path string) string {
	if m := xlIndexedPath.FindStringSubmatch(path); m != nil {
		path = m[1]
	}
	if a, ok := xlPathAliases[path]; ok {
		path = a
	}
	if sheet == SheetForm && path == "columns" {
		path = "type"
	}
	l := xlLayouts[sheet]
	if k := slices.Index(l.keys, path); k >= 0 {
		return l.headers[k]
	}
	return path
}

package workorder

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Limits of an imported workbook: a category tree is small, so anything
// bigger is not one (and a zip bomb is refused before it is unpacked).
const (
	MaxImportBytes = 5 << 20
	maxImportRows  = 5000
	xlMaxUnzip     = 64 << 20
)

// ImportProblem is one bad cell, row, sheet or file of an imported
// workbook: Row is the Excel row (0 for a whole sheet or file), Column
// the column's header ("" for a whole row).
type ImportProblem struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"`
	Reason string `json:"reason"`
}

// String renders the problem as staff read it: 「字段」第5行「类型」：….
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

// ImportReport lists what an import found; with any problem nothing is
// imported.
type ImportReport struct {
	Categories int             `json:"categories"`
	Problems   []ImportProblem `json:"problems"`
}

// add records a problem, the first per cell.
func (r *ImportReport) add(sheet string, row int, column, reason string) {
	for _, p := range r.Problems {
		if p.Sheet == sheet && p.Row == row && p.Column == column {
			return
		}
	}
	r.Problems = append(r.Problems, ImportProblem{Sheet: sheet, Row: row, Column: column, Reason: reason})
}

// Err is nil for a clean report, or an invalid error naming every problem
// ("分类!5!名称" → reason).
func (r *ImportReport) Err() error {
	if len(r.Problems) == 0 {
		return nil
	}
	slices.SortStableFunc(r.Problems, func(a, b ImportProblem) int {
		if c := slices.Index(xlSheetOrder, a.Sheet) - slices.Index(xlSheetOrder, b.Sheet); c != 0 {
			return c
		}
		return a.Row - b.Row
	})
	e := apperr.New(apperr.CodeInvalid, "导入文件有"+strconv.Itoa(len(r.Problems))+"处问题，未导入任何内容："+r.Problems[0].String())
	e.Fields = map[string]string{}
	for _, p := range r.Problems {
		e.Fields[fmt.Sprintf("%s!%d!%s", p.Sheet, p.Row, p.Column)] = p.Reason
	}
	return e
}

// xlRow is a data row: its Excel number and its cells by key.
type xlRow struct {
	n     int
	cells map[string]string
}

// ImportExcel reads a category workbook into a tree's categories and
// validates them as a whole. It is all or nothing: on any problem it
// returns no categories and a report of every bad cell.
func ImportExcel(rd io.Reader, size int64) ([]Category, *ImportReport, error) {
	rep := &ImportReport{}
	f := xlOpen(rd, size, rep)
	if f == nil {
		return nil, rep, rep.Err()
	}
	defer f.Close()
	sheets := map[string][]xlRow{}
	for _, name := range xlSheetOrder {
		sheets[name] = xlReadSheet(f, name, rep)
	}
	if len(rep.Problems) > 0 {
		return nil, rep, rep.Err()
	}
	cats, catRows, fieldRows := xlBuild(sheets, rep)
	rep.Categories = len(cats)
	if len(rep.Problems) == 0 {
		t := &Tree{Categories: cats}
		if err := t.Validate(); err != nil {
			e, _ := apperr.As(err)
			for path, msg := range e.Fields {
				sheet, row, col := xlLocate(path, catRows, fieldRows)
				rep.add(sheet, row, col, msg)
			}
		}
	}
	if err := rep.Err(); err != nil {
		return nil, rep, err
	}
	return cats, rep, nil
}

// xlOpen reads the upload within the limits and opens it, or records why
// it cannot (returning nil).
func xlOpen(rd io.Reader, size int64, rep *ImportReport) *excelize.File {
	tooBig := "文件超过5MB，不是分类表"
	if size > MaxImportBytes {
		rep.add("", 0, "", tooBig)
		return nil
	}
	buf, err := io.ReadAll(io.LimitReader(rd, MaxImportBytes+1))
	switch {
	case err != nil:
		rep.add("", 0, "", "文件没有完整上传，请重试")
		return nil
	case len(buf) > MaxImportBytes:
		rep.add("", 0, "", tooBig)
		return nil
	case !bytes.HasPrefix(buf, []byte("PK\x03\x04")):
		rep.add("", 0, "", "文件不是Excel工作簿（.xlsx），请用导出的分类表填写后再导入")
		return nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf), excelize.Options{UnzipSizeLimit: xlMaxUnzip, UnzipXMLSizeLimit: xlMaxUnzip})
	if err != nil {
		rep.add("", 0, "", "文件不是有效的Excel工作簿（.xlsx）或已损坏")
		return nil
	}
	return f
}

// xlReadSheet reads a sheet's data rows by the keys of row 2 (or the
// headers of row 1 when the key row was removed).
func xlReadSheet(f *excelize.File, name string, rep *ImportReport) []xlRow {
	if idx, err := f.GetSheetIndex(name); err != nil || idx < 0 {
		rep.add(name, 0, "", "缺少工作表「"+name+"」")
		return nil
	}
	rows, err := f.GetRows(name)
	switch {
	case err != nil:
		rep.add(name, 0, "", "工作表无法读取")
		return nil
	case len(rows) > maxImportRows:
		rep.add(name, 0, "", "工作表超过"+strconv.Itoa(maxImportRows)+"行")
		return nil
	case len(rows) == 0:
		rows = [][]string{nil}
	}
	l := xlLayouts[name]
	pos, start := map[string]int{}, 1
	keyRow := len(rows) > 1 && slices.ContainsFunc(rows[1], func(c string) bool { return slices.Contains(l.keys, strings.TrimSpace(c)) })
	for i, key := range l.keys {
		j := -1
		if keyRow {
			j = slices.IndexFunc(rows[1], func(c string) bool { return strings.TrimSpace(c) == key })
		}
		if j < 0 {
			j = slices.IndexFunc(rows[0], func(c string) bool { return strings.TrimSpace(c) == l.headers[i] })
		}
		if j < 0 {
			rep.add(name, 1, l.headers[i], "缺少列「"+l.headers[i]+"」（第2行应为“"+key+"”）")
		}
		pos[key] = j
	}
	if keyRow {
		start = 2
	}
	var out []xlRow
	for i := start; i < len(rows); i++ {
		r := xlRow{n: i + 1, cells: map[string]string{}}
		blank := true
		for key, j := range pos {
			if j >= 0 && j < len(rows[i]) {
				r.cells[key] = strings.TrimSpace(rows[i][j])
				blank = blank && r.cells[key] == ""
			}
		}
		if !blank {
			out = append(out, r)
		}
	}
	return out
}

var (
	xlCatPath   = regexp.MustCompile(`^categories\[(\d+)\](?:\.([a-z_]+))?`)
	xlFieldPath = regexp.MustCompile(`^categories\[(\d+)\]\.fields\[(\d+)\](?:\.([a-z_]+))?`)
)

// xlLocate turns a validation path into the sheet, row and column to fix.
func xlLocate(path string, catRows []int, fieldRows [][]int) (string, int, string) {
	if m := xlFieldPath.FindStringSubmatch(path); m != nil {
		i, _ := strconv.Atoi(m[1])
		j, _ := strconv.Atoi(m[2])
		if i < len(fieldRows) && j < len(fieldRows[i]) {
			return SheetFields, fieldRows[i][j], xlLayouts[SheetFields].header(m[3])
		}
	}
	if m := xlCatPath.FindStringSubmatch(path); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i < len(catRows) {
			key := m[2]
			if key == "fields" {
				return SheetCategories, catRows[i], "（字段表）"
			}
			return SheetCategories, catRows[i], xlLayouts[SheetCategories].header(key)
		}
	}
	return SheetCategories, 0, ""
}

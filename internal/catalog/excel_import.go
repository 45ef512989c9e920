package catalog

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Limits of an imported workbook. They are checked before anything is
// loaded whole, so a crafted file (a zip bomb, a sheet of a million rows)
// is refused instead of exhausting the server.
const (
	// MaxImportBytes caps the uploaded file: the generated 3,132-item
	// catalogue is a few megabytes.
	MaxImportBytes = 20 << 20
	// MaxImportRows caps the rows of one sheet.
	MaxImportRows = 100_000
	// xlMaxUnzip caps the workbook's unpacked size; worksheets above
	// xlMaxUnzipXML are unpacked to a temporary file and streamed.
	xlMaxUnzip    = 128 << 20
	xlMaxUnzipXML = 16 << 20
)

// xlRecord is one data row of a sheet: its Excel row number and its cells
// by contract key.
type xlRecord struct {
	row   int
	cells map[string]string
}

// Import reads a workbook in the template of docs/catalog-excel-template.md
// and checks every item (Item.Validate and CheckAll: duplicate codes,
// bundles, parents) against the district's department short names. It is
// all or nothing: when anything is wrong it returns no items, a report
// listing every bad file, sheet, row and cell with the reason in Chinese,
// and the report's invalid error. size is the upload's declared size.
func Import(r io.Reader, size int64, depts map[string]bool) ([]Item, *ImportReport, error) {
	return importWith(r, size, depts, nil)
}

// importWith is Import where bundles and parents may also name the items
// of known, the district's catalogue outside the file.
func importWith(r io.Reader, size int64, depts map[string]bool, known *xlKnown) ([]Item, *ImportReport, error) {
	rep := &ImportReport{}
	f, err := xlOpen(r, size, rep)
	if err != nil {
		return nil, rep, err
	}
	if f == nil {
		return nil, rep, rep.Err()
	}
	defer f.Close()
	sheets := map[string][]xlRecord{}
	for _, name := range xlSheetOrder {
		sheets[name] = xlReadSheet(f, name, rep)
	}
	if !rep.OK() {
		// The file's structure is wrong: checking its items would only
		// repeat the same problem on every row.
		rep.sort()
		return nil, rep, rep.Err()
	}
	items, origins := xlBuildItems(sheets, rep)
	rep.Items = len(items)
	if len(items) == 0 {
		rep.add(SheetItems, 0, "", "「事项」表中没有事项")
	}
	if err := CheckAll(items, depts); err != nil {
		e, ok := apperr.As(err)
		if !ok {
			return nil, rep, fmt.Errorf("catalog: import: %w", err)
		}
		for path, msg := range e.Fields {
			if known.excuses(items, path) {
				continue
			}
			sheet, row, col := xlLocate(origins, path)
			rep.add(sheet, row, col, msg)
		}
	}
	rep.sort()
	if !rep.OK() {
		return nil, rep, rep.Err()
	}
	return items, rep, nil
}

// xlOpen reads the upload within the size limit and opens it, or
// records why it cannot (returning a nil file).
func xlOpen(r io.Reader, size int64, rep *ImportReport) (*excelize.File, error) {
	tooBig := "文件超过20MB，请拆分后分批导入"
	if size > MaxImportBytes {
		rep.add("", 0, "", tooBig)
		return nil, nil
	}
	buf, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("catalog: import: read upload: %w", err)
	}
	switch {
	case len(buf) > MaxImportBytes:
		rep.add("", 0, "", tooBig)
		return nil, nil
	case !bytes.HasPrefix(buf, []byte("PK\x03\x04")):
		rep.add("", 0, "", "文件不是Excel工作簿（.xlsx），请用导出的模板填写后另存为.xlsx再导入")
		return nil, nil
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf), excelize.Options{
		UnzipSizeLimit: xlMaxUnzip, UnzipXMLSizeLimit: xlMaxUnzipXML})
	if err != nil {
		if strings.Contains(err.Error(), "UnzipSizeLimit") || strings.Contains(err.Error(), "unzip size") {
			rep.add("", 0, "", "文件解压后超过128MB，不是正常的事项清单")
		} else {
			rep.add("", 0, "", "文件不是有效的Excel工作簿（.xlsx）或已损坏")
		}
		return nil, nil
	}
	return f, nil
}

// xlReadSheet streams a sheet's rows, locating the template's columns by the
// header rows and refusing oversized sheets and cells as it goes.
func xlReadSheet(f *excelize.File, name string, rep *ImportReport) []xlRecord {
	if idx, err := f.GetSheetIndex(name); err != nil || idx < 0 {
		rep.add(name, 0, "", "缺少工作表「"+name+"」")
		return nil
	}
	rows, err := f.Rows(name)
	if err != nil {
		rep.add(name, 0, "", "工作表无法读取")
		return nil
	}
	defer rows.Close()
	var head []string
	var pos map[string]int
	var out []xlRecord
	n := 0
	for rows.Next() {
		n++
		if n > MaxImportRows {
			rep.add(name, 0, "", "工作表超过100000行，请拆分后分批导入")
			return nil
		}
		cols, err := rows.Columns()
		if err != nil {
			rep.add(name, n, "", "该行无法读取")
			return nil
		}
		switch n {
		case 1:
			head = cols
			continue
		case 2:
			pos = xlColumnPositions(name, head, cols, rep)
			if xlHasKeys(name, cols) {
				continue
			}
			// Staff deleted the key row: this row is already data.
		}
		if rec, ok := xlReadRecord(name, n, cols, pos, rep); ok {
			out = append(out, rec)
		}
	}
	if rows.Error() != nil {
		rep.add(name, 0, "", "工作表无法读取或超过Excel的行数上限")
		return nil
	}
	if n < 2 {
		xlColumnPositions(name, head, nil, rep)
	}
	return out
}

// xlReadRecord keeps a data row's cells by key, blanking (and reporting)
// xlCells longer than Excel allows; blank rows are skipped.
func xlReadRecord(sheet string, n int, cols []string, pos map[string]int, rep *ImportReport) (xlRecord, bool) {
	l := xlLayouts[sheet]
	blank := true
	for i, v := range cols {
		if xlCellTooLong(v) {
			col, _ := excelize.ColumnNumberToName(i + 1)
			for k, key := range l.keys {
				if pos[key] == i {
					col = l.headers[k]
				}
			}
			rep.add(sheet, n, col, "单元格内容超过32767个字符（Excel单元格上限）")
			cols[i] = ""
		}
		if strings.TrimSpace(v) != "" {
			blank = false
		}
	}
	if blank {
		return xlRecord{}, false
	}
	rec := xlRecord{row: n, cells: make(map[string]string, len(l.keys))}
	for _, key := range l.keys {
		if i, ok := pos[key]; ok && i < len(cols) {
			rec.cells[key] = cols[i]
		}
	}
	return rec, true
}

// xlColumnPositions finds each template column by its key in row 2, or by
// its Chinese header in row 1 when staff removed the key row's text, and
// reports every missing one.
func xlColumnPositions(sheet string, head, keys []string, rep *ImportReport) map[string]int {
	l := xlLayouts[sheet]
	pos := map[string]int{}
	for k, key := range l.keys {
		i := xlIndexOf(keys, key)
		if i < 0 {
			i = xlIndexOf(head, l.headers[k])
		}
		if i < 0 {
			rep.add(sheet, 1, l.headers[k], "缺少必填列「"+l.headers[k]+"」（第2行应为“"+key+"”）")
			continue
		}
		pos[key] = i
	}
	return pos
}

// xlHasKeys reports whether a row is the key row: it holds at least one
// of the sheet's contract keys.
func xlHasKeys(sheet string, cols []string) bool {
	for _, key := range xlLayouts[sheet].keys {
		if xlIndexOf(cols, key) >= 0 {
			return true
		}
	}
	return false
}

func xlIndexOf(vs []string, s string) int {
	for i, v := range vs {
		if strings.TrimSpace(v) == s {
			return i
		}
	}
	return -1
}

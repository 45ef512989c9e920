package catalog

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// xlBadCase is a workbook that must be refused with a problem at a cell.
type xlBadCase struct {
	name   string
	file   func(t *testing.T, items []Item) []byte
	sheet  string
	row    int
	column string
	reason string
}

// xlMutated exports the demo items after change.
func xlMutated(change func(items []Item)) func(*testing.T, []Item) []byte {
	return func(t *testing.T, items []Item) []byte {
		items = append([]Item(nil), items...)
		change(items)
		return xlExportBytes(t, items)
	}
}

// xlEdited exports the demo items and edits the workbook.
func xlEdited(edit func(f *excelize.File) error) func(*testing.T, []Item) []byte {
	return func(t *testing.T, items []Item) []byte { return xlEditWorkbook(t, xlDemoWorkbook(t), edit) }
}

func xlBigCell(t *testing.T, items []Item) []byte {
	raw := xlEditWorkbook(t, xlDemoWorkbook(t), func(f *excelize.File) error {
		return f.SetCellStr(SheetItems, "C5", "@@BIG@@")
	})
	return xlPatchZip(t, raw, func(name string, data []byte) []byte {
		return bytes.ReplaceAll(data, []byte("@@BIG@@"), bytes.Repeat([]byte("大"), 700_000)) // 2.1 MB
	})
}

// xlTallSheet is a small file (a few kilobytes) whose 环节 sheet unpacks
// to 100,100 rows.
func xlTallSheet(t *testing.T, items []Item) []byte {
	rows := strings.Repeat("<row/>", MaxImportRows+100)
	return xlPatchZip(t, xlExportBytes(t, items[:1]), func(name string, data []byte) []byte {
		if name != "xl/worksheets/sheet4.xml" {
			return data
		}
		return bytes.Replace(data, []byte("</sheetData>"), []byte(rows+"</sheetData>"), 1)
	})
}

func xlPlainZip(t *testing.T, _ []Item) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("这不是工作簿"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func xlBadCases() []xlBadCase {
	return []xlBadCase{
		{"missing required column", xlEdited(func(f *excelize.File) error { return f.RemoveCol(SheetItems, "C") }),
			SheetItems, 1, "事项名称", "缺少必填列"},
		{"missing sheet", xlEdited(func(f *excelize.File) error { return f.DeleteSheet(SheetSteps) }),
			SheetSteps, 0, "", "缺少工作表"},
		{"unknown department", xlMutated(func(items []Item) { items[2].Department = "区不存在局" }),
			SheetItems, 5, "主管部门", "部门「区不存在局」不存在"},
		{"duplicate codes", xlMutated(func(items []Item) { items[1].ImplCode = items[0].ImplCode }),
			SheetItems, 4, "实施编码", "实施编码与第1项重复"},
		{"promised beyond legal", xlMutated(func(items []Item) { items[0].PromisedDays = items[0].LegalDays + 1 }),
			SheetItems, 3, "承诺办结时限（工作日）", "不能超过法定办结时限"},
		{"bundle to a missing item", xlMutated(func(items []Item) { items[3].Bundle = []string{"999999999999-320113"} }),
			SheetItems, 6, "证照联办事项（实施编码）", "不在清单中"},
		{"unknown form field type", xlEdited(func(f *excelize.File) error { return f.SetCellStr(SheetForm, "E3", "富文本") }),
			SheetForm, 3, "类型", "未知的字段类型「富文本」"},
		{"bad flag", xlEdited(func(f *excelize.File) error { return f.SetCellStr(SheetMaterials, "C4", "也许") }),
			SheetMaterials, 4, "必要", "应填写「是」或「否」"},
		{"row of a missing item", xlEdited(func(f *excelize.File) error { return f.SetCellStr(SheetSteps, "A3", "000000000001-320113") }),
			SheetSteps, 3, "实施编码", "在「事项」表中不存在"},
		{"table column before its table", xlEdited(func(f *excelize.File) error { return f.SetCellStr(SheetForm, "B3", "nothing") }),
			SheetForm, 3, "所属表格字段", "应在本行之前定义"},
		{"2 MB cell", xlBigCell, SheetItems, 5, "事项名称", "超过32767个字符"},
		{"zip-bomb-sized sheet", xlTallSheet, SheetSteps, 0, "", "超过100000行"},
		{"no items", func(t *testing.T, _ []Item) []byte { return xlExportBytes(t, nil) },
			SheetItems, 0, "", "没有事项"},
		{"PNG renamed .xlsx", func(*testing.T, []Item) []byte {
			return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 100)...)
		}, "", 0, "", "不是Excel工作簿"},
		{"text renamed .xlsx", func(*testing.T, []Item) []byte { return []byte("实施编码,事项名称\n1,2\n") },
			"", 0, "", "不是Excel工作簿"},
		{"zip that is no workbook", xlPlainZip, "", 0, "", "不是有效的Excel工作簿"},
		{"truncated workbook", func(t *testing.T, items []Item) []byte { return xlExportBytes(t, items)[:3000] },
			"", 0, "", "不是有效的Excel工作簿"},
	}
}

func TestImportBadInputChangesNothing(t *testing.T) {
	svc, depts, items, snap := xlDemoService(t)
	before := snap()
	for _, c := range xlBadCases() {
		t.Run(c.name, func(t *testing.T) {
			raw := c.file(t, items)
			got, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts)
			wantCode(t, err, apperr.CodeInvalid)
			if got != nil {
				t.Errorf("bad file gave %d items", len(got))
			}
			xlWantProblem(t, rep, c.sheet, c.row, c.column, c.reason)
			rep2, err := svc.ImportWorkbook(context.Background(), admin(), bytes.NewReader(raw), int64(len(raw)), ImportOptions{Publish: true})
			wantCode(t, err, apperr.CodeInvalid)
			if rep2 == nil || len(rep2.Problems) != len(rep.Problems) {
				t.Errorf("service report differs: %s", xlReportText(rep2))
			}
			if snap() != before {
				t.Fatalf("bad file wrote: %s", snap())
			}
		})
	}
}

// TestImportReportsEveryProblem puts several faults in one file: all are
// listed, in sheet and row order, and the error names the count.
func TestImportReportsEveryProblem(t *testing.T) {
	depts, items := xlDemoDepts(t)
	items = append([]Item(nil), items...)
	items[0].PromisedDays = items[0].LegalDays + 1
	items[2].Department = "区不存在局"
	items[4].Steps[0].Role = "boss"
	raw := xlEditWorkbook(t, xlExportBytes(t, items), func(f *excelize.File) error {
		return f.SetCellStr(SheetForm, "E4", "富文本")
	})
	_, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts)
	xlWantProblem(t, rep, SheetItems, 3, "承诺办结时限（工作日）", "不能超过法定办结时限")
	xlWantProblem(t, rep, SheetItems, 5, "主管部门", "不存在")
	xlWantProblem(t, rep, SheetForm, 4, "类型", "未知的字段类型")
	row := 3
	for _, it := range items[:4] {
		row += len(it.Steps)
	}
	xlWantProblem(t, rep, SheetSteps, row, "角色", "未知的环节角色「boss」")
	if len(rep.Problems) != 4 {
		t.Errorf("want exactly 4 problems, got:\n%s", xlReportText(rep))
	}
	if e, ok := apperr.As(err); !ok || !strings.Contains(e.Message, "4处问题") || len(e.Fields) != 4 {
		t.Errorf("error = %v", err)
	}
	if rep.Problems[0].Sheet != SheetItems || rep.Problems[len(rep.Problems)-1].Sheet != SheetSteps {
		t.Errorf("problems not in sheet order:\n%s", xlReportText(rep))
	}
}

func TestImportRefusesOversizedUploads(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	_, rep, err := Import(strings.NewReader("PK"), MaxImportBytes+1, depts)
	wantCode(t, err, apperr.CodeInvalid)
	xlWantProblem(t, rep, "", 0, "", "文件超过20MB")
	// A size that lies is caught while reading.
	big := bytes.Repeat([]byte{'P'}, MaxImportBytes+10)
	_, rep, err = Import(bytes.NewReader(big), 100, depts)
	wantCode(t, err, apperr.CodeInvalid)
	xlWantProblem(t, rep, "", 0, "", "文件超过20MB")
}

package workorder

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func demoTreeFor(t *testing.T) *Tree {
	t.Helper()
	cats, _, err := DemoCategories()
	if err != nil {
		t.Fatal(err)
	}
	return &Tree{Version: 1, Categories: cats}
}

func TestExcelRoundTrip(t *testing.T) {
	tree := demoTreeFor(t)
	b, err := ExportExcel(tree)
	if err != nil {
		t.Fatal(err)
	}
	got, rep, err := ImportExcel(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if rep.Categories != len(tree.Categories) || !reflect.DeepEqual(got, tree.Categories) {
		for i := range got {
			if !reflect.DeepEqual(got[i], tree.Categories[i]) {
				t.Fatalf("category %d differs:\n got %+v\nwant %+v", i, got[i], tree.Categories[i])
			}
		}
		t.Fatalf("round trip lost categories: %d of %d", len(got), len(tree.Categories))
	}
}

// edited exports the demo tree, lets edit change cells, and returns the
// workbook.
func edited(t *testing.T, edit func(f *excelize.File)) []byte {
	t.Helper()
	b, err := ExportExcel(demoTreeFor(t))
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestExcelReportsEveryBadCell(t *testing.T) {
	b := edited(t, func(f *excelize.File) {
		f.SetCellValue(SheetCategories, "H3", "两小时")   // 首次响应时限 of WY
		f.SetCellValue(SheetCategories, "E4", "也许")    // 物业类 of WY-01
		f.SetCellValue(SheetCategories, "A5", "wy-02") // a bad code
		f.SetCellValue(SheetCategories, "F6", "SJ-9999")
		f.SetCellValue(SheetFields, "D3", "颜色")           // 类型 of the first field
		f.SetCellValue(SheetFields, "G4", "甲乙丙")          // options without keys
		f.SetCellValue(SheetFields, "A5", "ZZ")           // a field of no category
		f.SetCellValue(SheetCategories, "K3", "特别紧急：1小时") // an unknown urgency
	})
	cats, rep, err := ImportExcel(bytes.NewReader(b), int64(len(b)))
	if apperr.CodeOf(err) != apperr.CodeInvalid || cats != nil {
		t.Fatalf("import: %v", err)
	}
	want := []string{"「分类」第3行「首次响应时限」", "「分类」第4行「物业类」", "「分类」第3行「紧急程度时限」",
		"「字段」第3行「类型」", "「字段」第4行「选项」", "「字段」第5行「分类编码」"}
	var all []string
	for _, p := range rep.Problems {
		all = append(all, p.String())
	}
	joined := strings.Join(all, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("no problem at %s in:\n%s", w, joined)
		}
	}
	// Cell problems stop before validation; a clean file with a bad tree
	// reports the validation problems on their cells.
	b = edited(t, func(f *excelize.File) {
		f.SetCellValue(SheetCategories, "C5", "")
		f.SetCellValue(SheetCategories, "F6", "SJ-9999")
	})
	_, rep, _ = ImportExcel(bytes.NewReader(b), int64(len(b)))
	all = nil
	for _, p := range rep.Problems {
		all = append(all, p.String())
	}
	joined = strings.Join(all, "\n")
	for _, w := range []string{"「分类」第5行「名称」", "「分类」第6行「部件事件类别」"} {
		if !strings.Contains(joined, w) {
			t.Errorf("no problem at %s in:\n%s", w, joined)
		}
	}
}

func TestExcelRefusesOtherFiles(t *testing.T) {
	cases := map[string][]byte{
		"不是Excel工作簿": []byte("%PDF-1.7 not a workbook"),
		"超过5MB":      append([]byte("PK\x03\x04"), make([]byte, MaxImportBytes)...),
		"已损坏":        append([]byte("PK\x03\x04"), []byte("garbage")...),
	}
	for want, b := range cases {
		_, rep, err := ImportExcel(bytes.NewReader(b), int64(len(b)))
		if apperr.CodeOf(err) != apperr.CodeInvalid || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Reason, want) {
			t.Errorf("%s: %v %+v", want, err, rep)
		}
	}
	// A workbook missing a sheet and a column.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", SheetCategories)
	f.SetSheetRow(SheetCategories, "A1", &[]any{"编码", "名称"})
	var out bytes.Buffer
	f.Write(&out)
	_, rep, err := ImportExcel(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if apperr.CodeOf(err) != apperr.CodeInvalid || !strings.Contains(err.Error(), "缺少") {
		t.Errorf("missing sheet: %v", err)
	}
	found := map[string]bool{}
	for _, p := range rep.Problems {
		found[p.Sheet+p.Column] = true
	}
	if !found[SheetFields] || !found[SheetCategories+"上级编码"] {
		t.Errorf("problems %+v", rep.Problems)
	}
}

package catalog

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlDemoDepts are the departments the demo catalogue names.
func xlDemoDepts(t testing.TB) (staticDepts, []Item) {
	t.Helper()
	items, err := DemoItems()
	if err != nil {
		t.Fatal(err)
	}
	d := staticDepts{}
	for _, it := range items {
		d[it.Department] = true
		for _, s := range it.Steps {
			d[s.Department] = true
		}
	}
	return d, items
}

func xlDeptList(d staticDepts) []string {
	var out []string
	for k := range d {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// xlDemoWorkbook is the demo catalogue exported once per test binary.
func xlDemoWorkbook(t testing.TB) []byte {
	t.Helper()
	xlDemoOnce.Do(func() {
		_, items := xlDemoDepts(t)
		xlDemoRaw = xlExportBytes(t, items)
	})
	if xlDemoRaw == nil {
		t.Fatal("demo workbook not exported")
	}
	return xlDemoRaw
}

var (
	xlDemoOnce sync.Once
	xlDemoRaw  []byte
)

// xlExportBytes exports items to a workbook in memory.
func xlExportBytes(t testing.TB, items []Item) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Export(items, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// xlEditWorkbook opens an exported workbook, applies edit and saves it.
func xlEditWorkbook(t testing.TB, raw []byte, edit func(f *excelize.File) error) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := edit(f); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// xlPatchZip rewrites every part of a zip file through fn, to craft what
// excelize itself refuses to write (cells beyond Excel's limit).
func xlPatchZip(t testing.TB, raw []byte, fn func(name string, data []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(fn(zf.Name, data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// xlWantProblem fails unless the report lists a problem at sheet, row and
// xlColumn whose reason contains reason.
func xlWantProblem(t testing.TB, rep *ImportReport, sheet string, row int, xlColumn, reason string) {
	t.Helper()
	for _, p := range rep.Problems {
		if p.Sheet == sheet && p.Row == row && p.Column == xlColumn && strings.Contains(p.Reason, reason) {
			return
		}
	}
	t.Errorf("no problem %s!%d!%s %q in report:\n%s", sheet, row, xlColumn, reason, xlReportText(rep))
}

func xlReportText(rep *ImportReport) string {
	if rep == nil {
		return "<nil report>"
	}
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

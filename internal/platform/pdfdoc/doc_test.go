package pdfdoc_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc/pdftest"
)

var generated = time.Date(2026, 11, 28, 2, 0, 0, 0, time.UTC)

// render writes d and parses it back.
func render(t *testing.T, d *pdfdoc.Doc) pdftest.Info {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		t.Fatalf("output starts %q", b[:min(len(b), 10)])
	}
	info, err := pdftest.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func TestOnePageDocument(t *testing.T) {
	d := pdfdoc.New("办事指南", pdfdoc.GeneratedAt(generated), pdfdoc.Issuer("南京市栖霞区人民政府"))
	d.Title("食品经营许可（新办）")
	d.Subtitle("实施编码 012300300001-320113")
	d.Heading("基本信息")
	d.KeyValue("实施机关", "南京市栖霞区市场监督管理局")
	d.Paragraph("周一至周六 8:00—20:00")
	d.Note("以网上公布的现行版本为准")
	d.Numbered([]string{"具有与经营的食品品种相适应的场所"})
	info := render(t, d)
	if info.Pages != 1 || d.PageCount() != 1 {
		t.Fatalf("%d pages (doc says %d), want 1", info.Pages, d.PageCount())
	}
	for _, want := range []string{"办事指南", "南京市栖霞区人民政府", "食品经营许可（新办）", "实施编码 012300300001-320113",
		"基本信息", "实施机关", "周一至周六 8:00—20:00", "以网上公布的现行版本为准", "1.", "具有与经营的食品品种相适应的场所",
		"生成时间 2026-11-28 10:00", "第 1 页 / 共 1 页"} {
		if !info.HasText(want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if info.HasText("不在文中") {
		t.Error("HasText finds text that is not there")
	}
}

// TestTableBreaksAcrossPages fills a table past one page: rows flow onto
// further pages, each continued page repeats the header, and the footer
// counts the pages.
func TestTableBreaksAcrossPages(t *testing.T) {
	d := pdfdoc.New("材料清单", pdfdoc.GeneratedAt(generated))
	var rows [][]string
	for i := 1; i <= 60; i++ {
		rows = append(rows, []string{fmt.Sprint(i), fmt.Sprintf("第%d份材料：食品安全自查、从业人员健康管理、进货查验记录等规章制度", i), "必须"})
	}
	d.Table([]pdfdoc.Column{{Title: "序号", Center: true}, {Title: "材料名称", Weight: 6}, {Title: "必要性", Weight: 1.5}}, rows)
	info := render(t, d)
	if info.Pages < 3 {
		t.Fatalf("%d pages for 60 two-line rows, want at least 3", info.Pages)
	}
	headers := 0
	for _, s := range info.Streams {
		headers += bytes.Count(s, pdftest.Encode("必要性"))
	}
	if headers != info.Pages {
		t.Errorf("the header row is drawn %d times on %d pages", headers, info.Pages)
	}
	for _, want := range []string{"第1份材料：", "第60份材料：", fmt.Sprintf("第 %d 页 / 共 %d 页", info.Pages, info.Pages)} {
		if !info.HasText(want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// TestLongParagraphFlows sets a paragraph longer than a page and a table
// cell taller than a page: both go on over the next pages, nothing lost.
func TestLongParagraphFlows(t *testing.T) {
	d := pdfdoc.New("长文", pdfdoc.Uncompressed())
	var sb strings.Builder
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&sb, "第%03d句承诺内容真实准确。", i)
	}
	d.Paragraph(sb.String())
	d.Table([]pdfdoc.Column{{Title: "说明"}}, [][]string{{strings.Repeat("很长的单元格。\n", 80) + "单元格末行"}})
	info := render(t, d)
	if info.Pages < 3 {
		t.Fatalf("%d pages, want at least 3", info.Pages)
	}
	for _, want := range []string{"第001句", "第120句", "单元格末行"} {
		if !info.HasText(want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

func TestBadTableRowIsAnError(t *testing.T) {
	d := pdfdoc.New("表")
	d.Table([]pdfdoc.Column{{Title: "甲"}, {Title: "乙"}}, [][]string{{"只有一格"}})
	if _, err := d.Bytes(); err == nil || !strings.Contains(err.Error(), "row 1 has 1 cells for 2 columns") {
		t.Fatalf("err = %v", err)
	}
}

func TestWriteToCountsBytes(t *testing.T) {
	d := pdfdoc.New("计数")
	d.Paragraph("内容")
	var buf bytes.Buffer
	n, err := d.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) || n == 0 {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, buf.Len())
	}
}

// TestPDFTestRejectsBrokenFiles makes sure the checker the other tests
// rely on does fail: truncated files and moved objects are caught.
func TestPDFTestRejectsBrokenFiles(t *testing.T) {
	d := pdfdoc.New("校验")
	d.Paragraph("内容")
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	moved := bytes.Replace(b, []byte("1 0 obj"), []byte("1 0 obj  "), 1)
	moved = bytes.Replace(moved, []byte("%PDF-1.3"), []byte("%PDF-1.3\n"), 1)
	for name, bad := range map[string][]byte{
		"not a pdf": []byte("<html>"), "truncated": b[:len(b)/2], "shifted": moved,
	} {
		if _, err := pdftest.Parse(bad); err == nil {
			t.Errorf("%s: parsed without error", name)
		}
	}
}

// BenchmarkGuideDocument renders a guide-sized document: about three pages
// of grid, lists and tables. Most of the time is fpdf parsing the embedded
// font and subsetting it.
func BenchmarkGuideDocument(b *testing.B) {
	var size int
	for b.Loop() {
		d := pdfdoc.New("办事指南", pdfdoc.GeneratedAt(generated))
		d.Title("食品经营许可（新办）")
		for i := 0; i < 12; i++ {
			d.KeyValue("承诺办结时限", "承诺 1个工作日（演示值）")
		}
		d.Heading("受理条件")
		d.Numbered([]string{strings.Repeat("具有与经营的食品品种、数量相适应的食品原料处理场所，", 3), "有专职或兼职的食品安全管理人员"})
		rows := make([][]string, 20)
		for i := range rows {
			rows[i] = []string{fmt.Sprint(i + 1), "食品安全自查、从业人员健康管理、进货查验记录等规章制度", "必须", "申请人提交"}
		}
		d.Table([]pdfdoc.Column{{Title: "序号"}, {Title: "材料名称", Weight: 5}, {Title: "必要性"}, {Title: "来源", Weight: 2}}, rows)
		out, err := d.Bytes()
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

package catalog_test

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc/pdftest"
)

// noBasisItem is a demo item whose legal limit no statute sets.
const noBasisItem = "072300500000-320113" // 食品摊贩登记

// getPDF fetches path and returns the response and its body.
func getPDF(t testing.TB, rawURL string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(rawURL)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// TestGuidePDF fetches the printable PDF of demo guides and reads the text
// back out of the content streams: a PDF whose Chinese text went missing
// (no font, wrong encoding, a lost line) fails here.
func TestGuidePDF(t *testing.T) {
	srv := apptest.Start(t)
	resp, b := getPDF(t, srv.URL+"/services/"+foodNew+"/pdf")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d: %.300s", resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := resp.Header.Get("Content-Disposition"); cd != `inline; filename="`+foodNew+`.pdf"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if out := os.Getenv("SHANZHI_GUIDE_PDF_OUT"); out != "" {
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	info, err := pdftest.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if info.Pages < 2 {
		t.Errorf("%d pages: the full guide does not fit on one", info.Pages)
	}
	for _, want := range []string{
		"食品经营许可（新办）", "实施编码 " + foodNew, "南京市栖霞区市场监督管理局", "基本信息", "行政许可",
		"受理条件", "有专职或兼职的食品安全管理人员和保证食品安全的规章制度", "告知承诺", "申请材料", "营业执照",
		"申请人提交", "系统生成", "原件/复印件", "办理流程", "并联审批（证照联办-个体餐饮）", "法定办结时限",
		"依据：《食品经营许可和备案管理办法》", "承诺办结时限", "（演示值）", "不收费", "0次（不见面办理）",
		"代办：可以", "同城取件：可以", "办结证照", "SPJYXKZ", "证照联办", "需要填写的内容", "经营者名称",
		"办理地点", "咨询电话", "025-12345", "设定依据", "《中华人民共和国食品安全法》第三十五条",
	} {
		if !info.HasText(want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	_, b = getPDF(t, srv.URL+"/services/"+noBasisItem+"/pdf")
	if info, err := pdftest.Parse(b); err != nil || !info.HasText("法律未作规定，按江苏省办事指南惯例") {
		t.Errorf("item without a statutory limit: %v, or the customary basis is missing", err)
	}
}

// TestGuidePDFNotFound checks that unknown items and bad codes get the
// site's 404 page, not a PDF.
func TestGuidePDFNotFound(t *testing.T) {
	srv := apptest.Start(t)
	for _, code := range []string{"999999999999-320113", "nope", strings.Repeat("9", 80)} {
		resp, b := getPDF(t, srv.URL+"/services/"+code+"/pdf")
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d", code, resp.StatusCode)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || strings.HasPrefix(string(b), "%PDF") {
			t.Errorf("%s: Content-Type %q, body %.40q", code, ct, b)
		}
		if !strings.Contains(string(b), "不存在或尚未生效") {
			t.Errorf("%s: the 404 page does not say why", code)
		}
	}
}

// BenchmarkGuidePDF measures serving one guide's PDF, request included.
func BenchmarkGuidePDF(b *testing.B) {
	srv := apptest.Start(b)
	var size int
	for b.Loop() {
		resp, body := getPDF(b, srv.URL+"/services/"+foodNew+"/pdf")
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
		size = len(body)
	}
	b.ReportMetric(float64(size), "bytes/pdf")
}

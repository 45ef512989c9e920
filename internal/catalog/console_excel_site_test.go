package catalog_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
)

// newCode is an implementation code the demo catalogue does not use.
const newCode = "012300100009-320113"

func TestConsoleExportDownloadsTheFilteredList(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	q := url.QueryEscape("个体工商户")
	status, body, _ := admin.get("/console/catalog?q=" + q)
	expect(t, "list", status, body, http.StatusOK, "导入Excel", "导出Excel（4 项）", `href="/console/catalog/export?q=`+q+`"`)

	status, body, h := admin.get("/console/catalog/export?q=" + q)
	expect(t, "export", status, body, http.StatusOK)
	if ct := h.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("export content type %q", ct)
	}
	if cd := h.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, ".xlsx") {
		t.Errorf("export disposition %q", cd)
	}
	rows := sheetRows(t, body, catalog.SheetItems)
	if len(rows) != 2+4 {
		t.Fatalf("the export has %d rows on 事项, want 2 header rows and 4 items", len(rows))
	}
	names := map[string]bool{}
	for _, r := range rows[2:] {
		names[strings.Join(r, "|")] = true
		if !strings.Contains(strings.Join(r, "|"), "个体工商户") || !strings.Contains(strings.Join(r, "|"), "-320113") {
			t.Errorf("the export holds a row the filter excludes: %q", r)
		}
	}
	if !containsAny(names, editName) {
		t.Errorf("the export lacks %s", editName)
	}

	// The same filter rules as the list: a bad one is refused.
	status, body, _ = admin.get("/console/catalog/export?type=99")
	expect(t, "bad filter", status, body, http.StatusBadRequest, "事项类型无效")

	status, body, h = admin.get("/console/catalog/import/template")
	expect(t, "template", status, body, http.StatusOK)
	if rows := sheetRows(t, body, catalog.SheetItems); len(rows) != 2 || rows[0][0] == "" {
		t.Errorf("the template's 事项 sheet has %d rows, want only its 2 header rows", len(rows))
	}
	if !strings.Contains(h.Get("Content-Disposition"), ".xlsx") {
		t.Errorf("template disposition %q", h.Get("Content-Disposition"))
	}
}

func TestConsoleImportGoodWorkbook(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	status, body, _ := admin.get("/console/catalog/import")
	expect(t, "import form", status, body, http.StatusOK, `enctype="multipart/form-data"`, `name="csrf_token"`,
		`type="file"`, "导入后发布", `href="/console/catalog/import/template"`)

	before := itemCount(t, site)
	raw := workbook(t, site, func(items []catalog.Item) []catalog.Item {
		changed := items[0]
		changed.Name = editName + "（表格修订）"
		added := items[0]
		added.ImplCode, added.Name = newCode, "个体工商户表格导入登记"
		return []catalog.Item{changed, added}
	})
	status, body, _ = admin.upload("/console/catalog/import", nil, "事项.xlsx", raw, true)
	expect(t, "import", status, body, http.StatusOK, "导入完成", "已导入 2 项：新增 1 项，更新 1 项", "均保存为草稿")
	if n := itemCount(t, site); n != before+1 {
		t.Errorf("the catalogue has %d items after the import, want %d", n, before+1)
	}
	if versions(t, site, editCode) != 2 || versions(t, site, newCode) != 1 {
		t.Errorf("versions after the import: %s %d, %s %d", editCode, versions(t, site, editCode), newCode, versions(t, site, newCode))
	}
	status, body, _ = admin.get("/console/catalog?q=" + url.QueryEscape("表格"))
	expect(t, "list after import", status, body, http.StatusOK, "个体工商户表格导入登记", editName+"（表格修订）", "草稿")

	// Publishing on import: the drafts just saved go live today.
	status, body, _ = admin.upload("/console/catalog/import", url.Values{"publish": {"on"}, "effective_from": {todayCN()}},
		"事项.xlsx", raw, true)
	expect(t, "import and publish", status, body, http.StatusOK, "新增 0 项，更新 2 项", "均已发布，立即生效")
	v, err := site.App.Catalog.Get(context.Background(), newCode)
	if err != nil || v.Item.Name != "个体工商户表格导入登记" {
		t.Errorf("the imported item is not in force: %v %q", err, v.Item.Name)
	}
}

func TestConsoleImportBadWorkbookWritesNothing(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	before := itemCount(t, site)
	raw := workbook(t, site, func(items []catalog.Item) []catalog.Item {
		bad := items[0]
		bad.Name = ""
		bad.Materials = append([]catalog.Material(nil), bad.Materials...)
		bad.Materials[0].Name = ""
		added := items[0]
		added.ImplCode, added.Name = newCode, "个体工商户表格导入登记"
		return []catalog.Item{added, bad}
	})
	status, body, _ := admin.upload("/console/catalog/import", nil, "事项.xlsx", raw, true)
	expect(t, "bad workbook", status, body, http.StatusBadRequest, "未导入任何事项，清单没有任何改动", "问题清单",
		"<td>事项</td><td>第4行</td><td>事项名称</td>", "<td>材料</td>", "<th scope=\"col\">工作表</th>")
	if n := itemCount(t, site); n != before || versions(t, site, editCode) != 1 {
		t.Errorf("a refused workbook wrote items: %d → %d, %d versions of %s", before, n, versions(t, site, editCode), editCode)
	}

	status, body, _ = admin.upload("/console/catalog/import", nil, "事项.txt", []byte("实施编码,事项名称\n"), true)
	expect(t, "not xlsx", status, body, http.StatusBadRequest, "文件不是Excel工作簿（.xlsx）")
	if strings.Contains(body, "问题清单") {
		t.Error("a file that is no workbook is reported as cells")
	}
	status, body, _ = admin.upload("/console/catalog/import", nil, "", nil, true)
	expect(t, "no file", status, body, http.StatusBadRequest, "请选择要导入的Excel文件")
	status, body, _ = admin.upload("/console/catalog/import", url.Values{"publish": {"on"}, "effective_from": {"2020-01-01"}},
		"事项.xlsx", raw, true)
	expect(t, "past date", status, body, http.StatusBadRequest, "生效日期不能早于今天", `checked`)
	big := append([]byte("PK\x03\x04"), make([]byte, catalog.MaxImportBytes)...)
	status, body, _ = admin.upload("/console/catalog/import", nil, "大.xlsx", big, true)
	expect(t, "too big", status, body, http.StatusRequestEntityTooLarge, "文件超过20MB")
	if n := itemCount(t, site); n != before {
		t.Errorf("refused uploads wrote items: %d → %d", before, n)
	}
}

func TestConsoleExcelRefusals(t *testing.T) {
	site := apptest.Start(t)
	raw := workbook(t, site, func(items []catalog.Item) []catalog.Item {
		added := items[0]
		added.ImplCode = newCode
		return []catalog.Item{added}
	})
	before := itemCount(t, site)
	for _, who := range []string{"qianmo.yaohua", "leader"} {
		b := staff(t, site, who)
		status, body, _ := b.get("/console/catalog")
		expect(t, who+" list", status, body, http.StatusOK)
		if strings.Contains(body, "导入Excel") || strings.Contains(body, "/console/catalog/export") {
			t.Errorf("%s is offered the Excel buttons", who)
		}
		for _, path := range []string{"/console/catalog/export", "/console/catalog/import", "/console/catalog/import/template"} {
			status, body, _ = b.get(path)
			expect(t, who+" "+path, status, body, http.StatusForbidden, "您无权编辑事项")
		}
		status, body, _ = b.upload("/console/catalog/import", nil, "事项.xlsx", raw, true)
		expect(t, who+" upload", status, body, http.StatusForbidden, "您无权编辑事项")
	}
	admin := staff(t, site, "admin")
	status, body, _ := admin.upload("/console/catalog/import", nil, "事项.xlsx", raw, false)
	expect(t, "upload without csrf", status, body, http.StatusForbidden, "页面已过期")
	if n := itemCount(t, site); n != before {
		t.Errorf("refused uploads wrote items: %d → %d", before, n)
	}
	anon := newBrowser(t, site)
	status, _, h := anon.get("/console/catalog/export")
	if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/console/login") {
		t.Errorf("anonymous export: %d to %q", status, h.Get("Location"))
	}
}

func TestConsoleHistoryShowsNames(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	form := editorForm(t, site, nil)
	form.Set("name", editName+"（修订）")
	status, body, _ := admin.post("/console/catalog/"+editCode+"/edit", form, true)
	expect(t, "save", status, body, http.StatusSeeOther)
	status, body, _ = admin.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {todayCN()}}, true)
	expect(t, "publish", status, body, http.StatusSeeOther)

	leader := staff(t, site, "leader")
	status, body, _ = leader.get("/console/catalog/" + editCode)
	expect(t, "history", status, body, http.StatusOK, `<span class="muted small">区系统管理员</span>`)
	if strings.Contains(body, "账号 #") {
		t.Error("the history shows an account id where a name is known")
	}
	status, body, _ = leader.get("/console/catalog/" + editCode + "/diff?from=1&to=2")
	expect(t, "diff", status, body, http.StatusOK, "区系统管理员创建", "区系统管理员发布")
}

// upload posts a multipart form with one file (none when name is "")
// and the session's CSRF token unless withCSRF is false.
func (b *browser) upload(path string, fields url.Values, name string, data []byte, withCSRF bool) (int, string, http.Header) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fields = cloneValues(fields)
	if withCSRF {
		fields.Set("csrf_token", b.csrf)
	}
	for k, vs := range fields {
		for _, v := range vs {
			if err := mw.WriteField(k, v); err != nil {
				b.t.Fatal(err)
			}
		}
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			b.t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			b.t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		b.t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, b.site.URL+path, &buf)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// workbook is a workbook of the items pick returns from the demo item
// the console scenarios edit.
func workbook(t *testing.T, site *apptest.Site, pick func([]catalog.Item) []catalog.Item) []byte {
	t.Helper()
	v, err := site.App.Catalog.Get(context.Background(), editCode)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := catalog.Export(pick([]catalog.Item{v.Item}), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetRows opens a downloaded workbook and returns one sheet's rows.
func sheetRows(t *testing.T, raw, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("the download is no workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}

// itemCount counts the district's items.
func itemCount(t *testing.T, site *apptest.Site) int {
	t.Helper()
	var n int
	if err := site.App.DB.QueryRow(context.Background(), `SELECT COUNT(*) FROM catalog_items`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func containsAny(set map[string]bool, part string) bool {
	for s := range set {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

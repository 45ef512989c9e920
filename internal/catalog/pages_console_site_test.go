package catalog_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

func TestConsoleAccess(t *testing.T) {
	site := apptest.Start(t)
	anon := newBrowser(t, site)
	for _, path := range []string{"/console/catalog", "/console/catalog/" + editCode, "/console/catalog/" + editCode + "/edit"} {
		status, _, h := anon.get(path)
		if status != http.StatusSeeOther || !strings.HasPrefix(h.Get("Location"), "/console/login") {
			t.Errorf("anonymous %s: %d to %q, want the console login", path, status, h.Get("Location"))
		}
	}

	// The district's leader reads the catalogue but changes nothing.
	leader := staff(t, site, "leader")
	status, body, _ := leader.get("/console/catalog")
	expect(t, "leader list", status, body, http.StatusOK, editName, "生效事项")
	if strings.Contains(body, "新建事项") {
		t.Error("the leader is offered to create items")
	}
	status, body, _ = leader.get("/console/catalog/" + editCode)
	expect(t, "leader item", status, body, http.StatusOK, "版本历史", "第1版")
	if strings.Contains(body, "/publish") || strings.Contains(body, "/edit") {
		t.Error("the leader is offered the admin actions")
	}
	status, body, _ = leader.get("/console/catalog/" + editCode + "/diff?from=1&to=1")
	expect(t, "leader diff", status, body, http.StatusOK, "两个版本的内容相同")

	desk := staff(t, site, "qianmo.yaohua")
	for _, b := range []*browser{leader, desk} {
		for _, path := range []string{"/console/catalog/" + editCode + "/edit", "/console/catalog/new"} {
			status, body, _ = b.get(path)
			expect(t, "non-admin "+path, status, body, http.StatusForbidden, "您无权编辑事项")
		}
	}
	before := versions(t, site, editCode)
	for _, b := range []*browser{leader, desk} {
		status, body, _ = b.post("/console/catalog/"+editCode+"/edit", editorForm(t, site, nil), true)
		expect(t, "non-admin save", status, body, http.StatusForbidden)
		status, body, _ = b.post("/console/catalog/new", editorForm(t, site, nil), true)
		expect(t, "non-admin create", status, body, http.StatusForbidden)
		status, body, _ = b.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {todayCN()}}, true)
		expect(t, "non-admin publish", status, body, http.StatusForbidden, "您无权发布或撤回事项")
		status, body, _ = b.post("/console/catalog/"+editCode+"/withdraw", url.Values{"confirm": {"on"}}, true)
		expect(t, "non-admin withdraw", status, body, http.StatusForbidden)
	}
	if n := versions(t, site, editCode); n != before {
		t.Errorf("refused requests wrote versions: %d → %d", before, n)
	}
}

func TestConsoleListFiltersAndCounts(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	status, body, _ := admin.get("/console/catalog")
	expect(t, "list", status, body, http.StatusOK, "生效事项", "不见面办理", "可代办", "上门服务", "区级", "街道",
		"行政许可", "下一页", "共 ")
	status, body, _ = admin.get("/console/catalog?q=" + url.QueryEscape("个体工商户"))
	expect(t, "name filter", status, body, http.StatusOK, editName, "共 4 条")
	if strings.Contains(body, "有限责任公司设立登记") {
		t.Error("the name filter lets other items through")
	}
	status, body, _ = admin.get("/console/catalog?status=draft")
	expect(t, "status filter", status, body, http.StatusOK, "没有符合条件的事项")
	status, body, _ = admin.get("/console/catalog?q=" + url.QueryEscape(`<script>alert(1)</script>`))
	expect(t, "escaped query", status, body, http.StatusOK, "&lt;script&gt;alert(1)&lt;/script&gt;")
	if strings.Contains(body, "<script>alert(1)") {
		t.Error("the query is rendered unescaped")
	}
	status, body, _ = admin.get("/console/catalog?type=99")
	expect(t, "bad type", status, body, http.StatusBadRequest, "事项类型无效")
	status, body, _ = admin.get("/console/catalog?q=" + strings.Repeat("长", 51))
	expect(t, "long query", status, body, http.StatusBadRequest, "搜索词不能超过50个字")
}

func TestConsoleEditPublishAndDiff(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	status, body, _ := admin.get("/console/catalog/" + editCode + "/edit")
	expect(t, "editor", status, body, http.StatusOK, "事项内容（JSON）", `&#34;impl_code&#34;: &#34;`+editCode, "第一版")

	form := editorForm(t, site, nil)
	form.Set("name", editName+"（修订）")
	status, body, h := admin.post("/console/catalog/"+editCode+"/edit", form, true)
	expect(t, "save", status, body, http.StatusSeeOther)
	if h.Get("Location") != "/console/catalog/"+editCode+"?done=saved" {
		t.Errorf("save goes to %q", h.Get("Location"))
	}
	if n := versions(t, site, editCode); n != 2 {
		t.Fatalf("after the save the item has %d versions, want 2", n)
	}
	status, body, _ = admin.get("/console/catalog/" + editCode + "?done=saved")
	expect(t, "item with draft", status, body, http.StatusOK, "草稿已保存", "第2版", "草稿", "发布第2版草稿", "比较最近两版")

	status, body, _ = admin.get("/console/catalog/" + editCode + "/diff?from=1&to=2")
	expect(t, "diff", status, body, http.StatusOK, "<code>name</code>", `&#34;`+editName+`&#34;`, `&#34;`+editName+`（修订）&#34;`, "共 1 处不同")

	status, body, h = admin.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {todayCN()}}, true)
	expect(t, "publish", status, body, http.StatusSeeOther)
	status, body, _ = admin.get(h.Get("Location"))
	expect(t, "published", status, body, http.StatusOK, "已发布，自生效日期起对外提供", editName+"（修订）")
	status, body, _ = admin.get("/console/catalog/" + editCode + "?version=1")
	expect(t, "old version", status, body, http.StatusOK, "第1版摘要", "<dd>"+editName+"</dd>")
	status, body, _ = admin.get("/console/catalog/" + editCode + "?version=9")
	expect(t, "missing version", status, body, http.StatusNotFound)

	// Nothing to publish any more.
	status, body, _ = admin.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {todayCN()}}, true)
	expect(t, "publish twice", status, body, http.StatusConflict, "没有待发布的草稿")

	status, body, _ = admin.post("/console/catalog/"+editCode+"/withdraw", nil, true)
	expect(t, "withdraw unconfirmed", status, body, http.StatusBadRequest, "请先勾选“确认撤回”")
	status, body, h = admin.post("/console/catalog/"+editCode+"/withdraw", url.Values{"confirm": {"on"}}, true)
	expect(t, "withdraw", status, body, http.StatusSeeOther)
	status, body, _ = admin.get(h.Get("Location"))
	expect(t, "withdrawn", status, body, http.StatusOK, "已撤回")
}

func TestConsoleNewItem(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	status, body, _ := admin.get("/console/catalog/new")
	expect(t, "new", status, body, http.StatusOK, "新建事项", "&#34;materials&#34;: []")

	// The new page may not add a draft to an existing item.
	form := editorForm(t, site, nil)
	status, body, _ = admin.post("/console/catalog/new", form, true)
	expect(t, "new with a taken code", status, body, http.StatusBadRequest, "实施编码已被事项使用")
	if n := versions(t, site, editCode); n != 1 {
		t.Errorf("a refused new item wrote a version: %d", n)
	}

	const code = "012300100009-320113"
	form = editorForm(t, site, func(m map[string]any) { m["impl_code"] = code })
	form.Set("name", "个体工商户测试登记")
	status, body, h := admin.post("/console/catalog/new", form, true)
	expect(t, "new item", status, body, http.StatusSeeOther)
	if h.Get("Location") != "/console/catalog/"+code+"?done=saved" || versions(t, site, code) != 1 {
		t.Errorf("the new item went to %q with %d versions", h.Get("Location"), versions(t, site, code))
	}
}

func TestConsoleBadInput(t *testing.T) {
	site := apptest.Start(t)
	admin := staff(t, site, "admin")
	path := "/console/catalog/" + editCode + "/edit"
	before := versions(t, site, editCode)

	form := editorForm(t, site, nil)
	status, body, _ := admin.post(path, form, false)
	expect(t, "missing csrf", status, body, http.StatusForbidden)

	form.Set("body", `{"name": "x",`+"\n"+`  "impl_code": }`)
	status, body, _ = admin.post(path, form, true)
	expect(t, "bad json", status, body, http.StatusBadRequest, "JSON 格式错误（第 2 行）", `&#34;impl_code&#34;: }`)

	form = editorForm(t, site, func(m map[string]any) { m["materialz"] = []any{} })
	status, body, _ = admin.post(path, form, true)
	expect(t, "unknown field", status, body, http.StatusBadRequest, "不认识的字段", "materialz")

	form = editorForm(t, site, func(m map[string]any) { m["legal_days"] = "三" })
	status, body, _ = admin.post(path, form, true)
	expect(t, "wrong type", status, body, http.StatusBadRequest, "legal_days 的值类型不对")

	form = editorForm(t, site, func(m map[string]any) {
		m["materials"].([]any)[0].(map[string]any)["name"] = ""
	})
	form.Set("promised_days", "9")
	form.Set("name", `<script>alert(1)</script>`)
	status, body, _ = admin.post(path, form, true)
	expect(t, "invalid item", status, body, http.StatusBadRequest, "未保存", "<code>promised_days</code>",
		"承诺办结时限不能超过法定办结时限", "<code>materials[0].name</code>（JSON 第", `value="9"`, "&lt;script&gt;")
	if strings.Contains(body, "<script>alert(1)") {
		t.Error("the name is rendered unescaped")
	}

	form = editorForm(t, site, func(m map[string]any) { m["impl_code"] = "012300100003-320113" })
	status, body, _ = admin.post(path, form, true)
	expect(t, "changed code", status, body, http.StatusBadRequest, "实施编码不能修改")

	form = editorForm(t, site, nil)
	form.Set("name", "")
	form.Set("body", "")
	status, body, _ = admin.post(path, form, true)
	expect(t, "empty", status, body, http.StatusBadRequest, "事项名称不能为空", "事项内容（JSON）不能为空")
	if n := versions(t, site, editCode); n != before {
		t.Errorf("refused edits wrote versions: %d → %d", before, n)
	}

	// A draft whose bundle names a missing item saves, but publishing it
	// is refused with the field path, and nothing changes.
	form = editorForm(t, site, func(m map[string]any) { m["bundle"] = []any{"012399999999-320113"} })
	status, body, _ = admin.post(path, form, true)
	expect(t, "bundle draft", status, body, http.StatusSeeOther)
	status, body, _ = admin.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {todayCN()}}, true)
	expect(t, "publish refused", status, body, http.StatusBadRequest, "操作未完成", "<code>bundle[0]</code>", "联办事项")
	status, body, _ = admin.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {"2020-01-01"}}, true)
	expect(t, "publish in the past", status, body, http.StatusBadRequest, "生效日期不能早于今天")
	status, body, _ = admin.post("/console/catalog/"+editCode+"/publish", url.Values{"effective_from": {"明天"}}, true)
	expect(t, "publish bad date", status, body, http.StatusBadRequest, "生效日期应为")
	status, body, _ = admin.get("/console/catalog/" + editCode)
	expect(t, "still a draft", status, body, http.StatusOK, "发布第2版草稿")
}

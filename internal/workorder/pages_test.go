package workorder

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
)

// form builds a multipart form with fields (a key may repeat, "k=v" pairs)
// and photos.
func form(t *testing.T, pairs []string, photos ...[]byte) (io.Reader, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, p := range pairs {
		k, v, _ := strings.Cut(p, "=")
		mw.WriteField(k, v)
	}
	for _, ph := range photos {
		fw, _ := mw.CreateFormFile("photos", "现场.png")
		fw.Write(ph)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return &b, mw.FormDataContentType()
}

func TestResidentPages(t *testing.T) {
	s := newSite(t)
	xh := s.communities["仙鹤社区"].Code
	checks := []struct {
		name, path, who string
		status          int
		contains        []string
	}{
		{"the picker", "/my/workorders/new", "res", 200, []string{"物业服务", "停车管理", "违法建设", "物业报事"}},
		{"the property form lists 7 kinds", "/my/workorders/new?form=property", "res", 200, []string{"电梯管理", "收费咨询"}},
		{"a category's form", "/my/workorders/new?category=WY-02", "res", 200, []string{"楼栋单元", "困人", "特急", "使用我的位置", "仙鹤社区", "匿名反映", "workorder.js"}},
		{"staff use the console", "/my/workorders/new", "desk", 403, nil},
		{"sign-in first", "/my/workorders", "", 303, nil},
		{"empty list", "/my/workorders", "res", 200, []string{"您还没有提交过诉求"}},
	}
	for _, c := range checks {
		w := s.do("GET", c.path, c.who, nil, "")
		if w.Code != c.status {
			t.Errorf("%s: %d", c.name, w.Code)
			continue
		}
		for _, want := range c.contains {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: no %q", c.name, want)
			}
		}
	}
	if w := s.do("GET", "/my/workorders/new?form=property", "res", nil, ""); strings.Contains(w.Body.String(), "违法建设") {
		t.Error("the property form offers city matters")
	}
	// Bad input comes back with the problems next to the fields.
	body, ct := form(t, []string{"submit_key=k1", "description=", "f.building=", "f.fault=alien", "lat=31.2", "lng=121.4"},
		[]byte("not a photo"))
	w := s.do("POST", "/my/workorders/new?category=WY-02", "res", body, ct)
	for _, want := range []string{"请填写诉求内容", "请填写「楼栋单元」", "不在可选范围内", "只能上传JPG或PNG格式的照片"} {
		if w.Code != 422 || !strings.Contains(w.Body.String(), want) {
			t.Errorf("bad form: %d, no %q", w.Code, want)
		}
	}
	body, ct = form(t, []string{"submit_key=k1", "description=", "community=" + xh},
		append(pngBytes(), make([]byte, 20<<20)...))
	if w := s.do("POST", "/my/workorders/new?category=WY-02", "res", body, ct); w.Code != 422 ||
		!strings.Contains(w.Body.String(), "每张照片不能超过20MB") {
		t.Errorf("big photo: %d", w.Code)
	}
	// A good post files the order and shows it; a double click files one.
	good := []string{"submit_key=k2", "description=5栋电梯停运两天了", "f.building=5栋2单元", "f.fault=stopped",
		"urgency=urgent", "community=" + xh, "requester_phone=13800001234"}
	for range 2 {
		body, ct = form(t, good, pngBytes())
		w = s.do("POST", "/my/workorders/new?category=WY-02", "res", body, ct)
		if w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/my/workorders/GD20260302") {
			t.Fatalf("good post: %d %s", w.Code, w.Header().Get("Location"))
		}
	}
	if n := s.count(t, `SELECT COUNT(*) FROM workorders`); n != 1 {
		t.Errorf("double click filed %d orders", n)
	}
	loc, _ := url.Parse(w.Header().Get("Location"))
	w = s.do("GET", loc.String(), "res", nil, "")
	for _, want := range []string{"诉求已受理", "电梯管理", "5栋2单元", "停运", "紧急", "仙鹤社区", "撤销诉求", "/workorder-photos/"} {
		if w.Code != 200 || !strings.Contains(w.Body.String(), want) {
			t.Errorf("order page: %d, no %q", w.Code, want)
		}
	}
	if w := s.do("GET", loc.Path, "res2", nil, ""); w.Code != 404 {
		t.Errorf("another resident's order page: %d", w.Code)
	}
	photo := s.photoOf(t, loc.Path)
	if w := s.do("GET", photo, "res", nil, ""); w.Code != 200 || w.Header().Get("Content-Type") != "image/png" {
		t.Errorf("own photo: %d %s", w.Code, w.Header().Get("Content-Type"))
	}
	if w := s.do("GET", photo, "res2", nil, ""); w.Code != 404 {
		t.Errorf("another resident's photo: %d", w.Code)
	}
	body, ct = form(t, []string{"reason=已修好"})
	if w := s.do("POST", loc.Path+"/cancel", "res", body, ct); w.Code != 303 {
		t.Errorf("cancel: %d", w.Code)
	}
	if w := s.do("GET", "/my/workorders", "res", nil, ""); !strings.Contains(w.Body.String(), "已关闭") {
		t.Error("the list does not show the cancelled order as closed")
	}
}

// photoOf finds the first photo link on an order page.
func (s *site) photoOf(t *testing.T, page string) string {
	t.Helper()
	body := s.do("GET", page, "res", nil, "").Body.String()
	i := strings.Index(body, PhotoPath)
	if i < 0 {
		t.Fatal("no photo on the page")
	}
	return body[i : i+len(PhotoPath)+32]
}

func TestConsolePages(t *testing.T) {
	s := newSite(t)
	xh := s.communities["仙鹤社区"].Code
	if w := s.do("GET", "/console/workorders/new?category=CG-03&community="+xh, "desk", nil, ""); w.Code != 200 ||
		!strings.Contains(w.Body.String(), "仙鹤社区第1网格") || !strings.Contains(w.Body.String(), "12345热线") {
		t.Errorf("entry form: %d", w.Code)
	}
	if w := s.do("GET", "/console/workorders/new", "leader", nil, ""); w.Code != 403 {
		t.Errorf("leader's entry form: %d", w.Code)
	}
	body, ct := form(t, []string{"submit_key=c1", "channel=hotline_12345", "description=菜场门口占道经营", "f.kind=vendor",
		"community=" + xh})
	if w := s.do("POST", "/console/workorders/new?category=CG-03", "desk", body, ct); w.Code != 422 ||
		!strings.Contains(w.Body.String(), "热线来电请填写来电号码") {
		t.Errorf("call without a number: %d", w.Code)
	}
	body, ct = form(t, []string{"submit_key=c2", "channel=hotline_12345", "description=菜场门口占道经营", "f.kind=vendor",
		"community=" + xh, "grid=" + xh + "002", "requester_name=张三", "requester_phone=025-85551234"})
	w := s.do("POST", "/console/workorders/new?category=CG-03", "desk", body, ct)
	if w.Code != 303 || !strings.HasPrefix(w.Header().Get("Location"), "/console/workorders/GD") {
		t.Fatalf("entry: %d %s", w.Code, w.Body.String())
	}
	page := strings.TrimSuffix(w.Header().Get("Location"), "?filed=1")
	w = s.do("GET", page, "grid", nil, "")
	for _, want := range []string{"张*", "025*****1234", "12345热线", "仙鹤社区第2网格", "显示完整电话"} {
		if w.Code != 200 || !strings.Contains(w.Body.String(), want) {
			t.Errorf("grid worker's page: %d, no %q", w.Code, want)
		}
	}
	if w := s.do("GET", page, "leader", nil, ""); w.Code != 200 || strings.Contains(w.Body.String(), "张*") ||
		!strings.Contains(w.Body.String(), "不显示诉求人信息") {
		t.Errorf("leader's page: %d", w.Code)
	}
	body, ct = form(t, nil)
	if w := s.do("POST", page+"/phone", "grid", body, ct); w.Code != 200 || !strings.Contains(w.Body.String(), "025-85551234") {
		t.Errorf("reveal: %d", w.Code)
	}
	body, ct = form(t, nil)
	if w := s.do("POST", page+"/phone", "leader", body, ct); w.Code != 403 {
		t.Errorf("leader reveals: %d", w.Code)
	}
	if w := s.do("GET", "/console/workorders?state=filed", "grid", nil, ""); w.Code != 200 || !strings.Contains(w.Body.String(), "占道经营") {
		t.Errorf("grid worker's list: %d", w.Code)
	}
}

func TestAdminPages(t *testing.T) {
	s := newSite(t)
	if w := s.do("GET", CategoriesPath, "admin", nil, ""); w.Code != 200 || !strings.Contains(w.Body.String(), "当前版本：第 1 版") ||
		!strings.Contains(w.Body.String(), "SJ-0101") {
		t.Errorf("categories: %d", w.Code)
	}
	if w := s.do("GET", CategoriesPath, "desk", nil, ""); w.Code != 403 {
		t.Errorf("front desk sees the category admin: %d", w.Code)
	}
	// The JSON editor: a bad tree names its problems; a good one saves.
	body, ct := form(t, []string{`body=[{"code":"x","name":""}]`})
	if w := s.do("POST", CategoriesPath+"/draft", "admin", body, ct); w.Code != 400 ||
		!strings.Contains(w.Body.String(), "categories[0].code") {
		t.Errorf("bad draft: %d", w.Code)
	}
	w := s.do("GET", CategoriesPath+"/draft", "admin", nil, "")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "&#34;WY-07&#34;") {
		t.Fatalf("editor: %d", w.Code)
	}
	cats, _, _ := DemoCategories()
	js, _ := jsonOf(cats)
	body, ct = form(t, []string{"body=" + js})
	if w := s.do("POST", CategoriesPath+"/draft", "admin", body, ct); w.Code != 303 {
		t.Errorf("save draft: %d %s", w.Code, w.Body.String())
	}
	// Export the draft, import it back, publish.
	w = s.do("GET", CategoriesPath+"/export?version=draft", "admin", nil, "")
	if w.Code != 200 || !bytes.HasPrefix(w.Body.Bytes(), []byte("PK")) {
		t.Fatalf("export: %d", w.Code)
	}
	xlsx := w.Body.Bytes()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("file", "分类.xlsx")
	fw.Write(xlsx)
	mw.Close()
	if w := s.do("POST", CategoriesPath+"/import", "admin", &b, mw.FormDataContentType()); w.Code != 303 {
		t.Errorf("import: %d %s", w.Code, w.Body.String())
	}
	b.Reset()
	mw = multipart.NewWriter(&b)
	fw, _ = mw.CreateFormFile("file", "分类.xlsx")
	fw.Write([]byte("not excel"))
	mw.Close()
	if w := s.do("POST", CategoriesPath+"/import", "admin", &b, mw.FormDataContentType()); w.Code != 400 ||
		!strings.Contains(w.Body.String(), "不是Excel工作簿") {
		t.Errorf("bad import: %d", w.Code)
	}
	body, ct = form(t, []string{"note=测试发布"})
	if w := s.do("POST", CategoriesPath+"/publish", "admin", body, ct); w.Code != 303 {
		t.Errorf("publish: %d", w.Code)
	}
	if cur, _ := s.s.CurrentTree(s.ctx, district); cur.Version != 2 {
		t.Errorf("current version %d", cur.Version)
	}
	// Keys: made, shown once, revoked.
	body, ct = form(t, []string{"name=企业微信", "channel=wecom"})
	w = s.do("POST", KeysPath, "admin", body, ct)
	if w.Code != 201 || !strings.Contains(w.Body.String(), keyPrefix) {
		t.Fatalf("make key: %d", w.Code)
	}
	if w := s.do("GET", KeysPath, "admin", nil, ""); strings.Count(w.Body.String(), keyPrefix) != 2 ||
		strings.Contains(w.Body.String(), s.secret) {
		t.Error("the key list shows a secret")
	}
	body, ct = form(t, []string{"name=", "channel=fax"})
	if w := s.do("POST", KeysPath, "admin", body, ct); w.Code != 400 || !strings.Contains(w.Body.String(), "请填写系统名称") {
		t.Errorf("bad key: %d", w.Code)
	}
	body, ct = form(t, nil)
	if w := s.do("POST", KeysPath+"/1/revoke", "admin", body, ct); w.Code != 303 {
		t.Errorf("revoke: %d", w.Code)
	}
	if w := s.do("GET", KeysPath, "leader", nil, ""); w.Code != 403 {
		t.Errorf("leader sees keys: %d", w.Code)
	}
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

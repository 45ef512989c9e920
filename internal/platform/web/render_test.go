package web

import (
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func renderPage(h *harness, name string, data any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { h.rt.Renderer().Render(w, r, 200, name, data) }
}

var externalURL = regexp.MustCompile(`(?i)(src|href|action)="(https?:)?//`)

func TestRenderResidentShell(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /services/apply", renderPage(h, "demo/hello", "居民"))
	tests := []struct {
		name, who string
		want      []string
		absent    []string
	}{
		{"anonymous", "", []string{`<html lang="zh-CN">`, `name="viewport"`, "<title>问候 · ", "你好，居民",
			"这是说明", `href="/static/css/app.css?v=`, `class="tabbar"`, `href="/services" class="active" aria-current="page"`,
			`href="/login"`, `name="csrf_token" value="`},
			[]string{`href="/me"`, "/logout"}},
		{"signed in", "tok-resident", []string{`href="/me"`, `action="/logout"`, "张*",
			`name="csrf_token" value="csrf-7"`, `<meta name="csrf-token" content="csrf-7">`},
			[]string{`href="/login"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(req("GET", "/services/apply", tc.who, nil))
			body := w.Body.String()
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/html; charset=utf-8" || w.Header().Get("Cache-Control") != "no-store" {
				t.Fatalf("%d %v", w.Code, w.Header())
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("page lacks %q", s)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(body, s) {
					t.Errorf("page has %q", s)
				}
			}
			if externalURL.MatchString(body) {
				t.Errorf("page refers to another site: %s", externalURL.FindString(body))
			}
			if strings.Index(body, "首页") > strings.Index(body, "办事") {
				t.Error("navigation not in Order")
			}
		})
	}
}

func TestRenderConsoleNavByRole(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /console/desk", renderPage(h, "demo/desk", nil))
	tests := []struct {
		who           string
		desk, admin   bool
		roles, active string
	}{
		{"tok-staff", true, false, "全科社工", `href="/console/desk" class="active"`},
		{"tok-admin", false, true, "系统管理员", ""},
		{"", false, false, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.who, func(t *testing.T) {
			body := h.do(req("GET", "/console/desk", tc.who, nil)).Body.String()
			if !strings.Contains(body, `class="shell-console"`) || !strings.Contains(body, "<h1>待办</h1>") {
				t.Fatalf("not the console shell: %s", body)
			}
			if got := strings.Contains(body, `href="/console/desk"`); got != tc.desk {
				t.Errorf("desk item shown=%v, want %v", got, tc.desk)
			}
			if got := strings.Contains(body, `href="/console/admin"`); got != tc.admin {
				t.Errorf("admin item shown=%v, want %v", got, tc.admin)
			}
			if !strings.Contains(body, tc.roles) || !strings.Contains(body, tc.active) {
				t.Errorf("roles %q or active item %q missing", tc.roles, tc.active)
			}
			if strings.Contains(body, `class="tabbar"`) {
				t.Error("console page has the resident tab bar")
			}
		})
	}
}

func TestRenderExplicitView(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	v := View{Data: "访客", Nav: Navigation{Resident: []NavItem{{Label: "自定义", Href: "/custom"}}}}
	h.rt.Page("GET /custom", renderPage(h, "demo/hello", &v))
	body := h.do(req("GET", "/custom", "", nil)).Body.String()
	if !strings.Contains(body, "你好，访客") || !strings.Contains(body, `href="/custom" class="active"`) || strings.Contains(body, `href="/services"`) {
		t.Errorf("explicit view not honoured: %s", body)
	}
}

func TestRenderFailuresGiveCleanErrorPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /broken", renderPage(h, "demo/broken", struct{ Missing *struct{ Field string } }{}))
	h.rt.Page("GET /unknown", renderPage(h, "demo/none", nil))
	for _, p := range []string{"/broken", "/unknown"} {
		w := h.do(req("GET", p, "", nil))
		if w.Code != 500 || strings.Contains(w.Body.String(), "<p>开始</p>") || !strings.Contains(w.Body.String(), "系统繁忙") {
			t.Errorf("%s: %d %s", p, w.Code, w.Body.String())
		}
		lines := h.logs.lines(t)
		if e, _ := lines[len(lines)-1]["error"].(string); !strings.Contains(e, "web: render") {
			t.Errorf("%s: render error not logged: %v", p, lines[len(lines)-1])
		}
	}
}

func TestErrorPages(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		status       int
		title, extra string
	}{
		{403, "无法访问", "您无权进行此操作"},
		{404, "页面不存在", "您访问的内容不存在"},
		{429, "操作过于频繁", "操作过于频繁，请稍后再试"},
		{500, "系统繁忙", "系统繁忙，请稍后重试"},
		{503, "服务暂不可用", "服务暂时不可用"},
		{418, "请求未能完成", "系统繁忙"},
	}
	for _, tc := range tests {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			h.rt.Page("GET /e"+strconv.Itoa(tc.status), func(w http.ResponseWriter, r *http.Request) {
				h.rt.Renderer().ErrorStatus(w, r, tc.status, "")
			})
			w := h.do(req("GET", "/e"+strconv.Itoa(tc.status), "", nil))
			body := w.Body.String()
			for _, s := range []string{tc.title, tc.extra, w.Header().Get(RequestIDHeader), `href="/"`, "返回首页", `lang="zh-CN"`} {
				if !strings.Contains(body, s) {
					t.Errorf("%d page lacks %q", tc.status, s)
				}
			}
			if w.Code != tc.status {
				t.Errorf("status %d", w.Code)
			}
		})
	}
}

func TestTemplateFuncs(t *testing.T) {
	t.Parallel()
	rd, err := NewRenderer(testPages)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2024, 12, 31, 16, 30, 0, 0, time.UTC) // 2025-01-01 00:30 in China
	tests := []struct {
		name, src string
		data      any
		want      string
	}{
		{"date", `{{date .}}`, at, "2025-01-01"},
		{"datetime", `{{datetime .}}`, at, "2025-01-01 00:30"},
		{"dateCN", `{{dateCN .}}`, &at, "2025年1月1日"},
		{"zero time", `{{datetime .}}`, time.Time{}, "—"},
		{"nil time", `{{date .}}`, (*time.Time)(nil), "—"},
		{"masked", `{{masked .}}`, "138****5678", `<span class="masked" title="已脱敏显示">138****5678</span>`},
		{"masked escapes", `{{masked .}}`, "<b>", `&lt;b&gt;`},
		{"masked empty", `{{masked .}}`, "", `<span class="masked empty">—</span>`},
		{"csrf field", `{{csrfField .}}`, View{CSRF: `a"b`}, `<input type="hidden" name="csrf_token" value="a&#34;b">`},
		{"t", `{{t "demo.note"}}`, nil, "这是说明"},
		{"t with args", `{{t "demo.count" 3}}`, nil, "共 3 件"},
		{"t missing", `{{t "demo.none"}}`, nil, "demo.none"},
		{"role names", `{{roleNames .}}`, staffActor, "全科社工"},
		{"role names anonymous", `[{{roleNames .}}]`, (*authz.Actor)(nil), "[]"},
		{"asset unknown", `{{asset "/static/x.js"}}`, nil, "/static/x.js"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tpl := template.Must(template.New("x").Funcs(rd.funcs()).Parse(tc.src))
			var b strings.Builder
			if err := tpl.Execute(&b, tc.data); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), tc.want) {
				t.Errorf("got %q, want %q", b.String(), tc.want)
			}
		})
	}
}

func TestNewRendererRefusesBadSets(t *testing.T) {
	t.Parallel()
	page := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	ok := `{{define "title"}}t{{end}}{{define "content"}}c{{end}}`
	tests := []struct {
		name string
		sets []fstest.MapFS
	}{
		{"no content", []fstest.MapFS{{"m/a.html": page(`{{define "title"}}t{{end}}`)}}},
		{"no title", []fstest.MapFS{{"m/a.html": page(`{{define "content"}}c{{end}}`)}}},
		{"syntax", []fstest.MapFS{{"m/a.html": page(`{{define "title"}}{{end}}{{define "content"}}{{if}}{{end}}`)}}},
		{"same page in two sets", []fstest.MapFS{{"m/a.html": page(ok)}, {"m/a.html": page(ok)}}},
		{"same string in two sets", []fstest.MapFS{{"strings.json": page(`{"x":"1"}`)}, {"strings.json": page(`{"x":"2"}`)}}},
		{"string clashing with the base", []fstest.MapFS{{"strings.json": page(`{"nav.login":"x"}`)}}},
		{"bad strings", []fstest.MapFS{{"strings.json": page(`[1]`)}}},
		{"partials sharing a name", []fstest.MapFS{{"a/_p.html": page(""), "b/_p.html": page(""), "a/x.html": page(ok)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var fss []fs.FS
			for _, s := range tc.sets {
				fss = append(fss, s)
			}
			if _, err := NewRenderer(fss...); err == nil {
				t.Fatal("NewRenderer accepted a bad template set")
			}
		})
	}
	if rd, err := NewRenderer(fstest.MapFS{"m/a.html": page(ok)}, fstest.MapFS{"n/a.html": page(ok)}); err != nil || !rd.HasPage("m/a") || !rd.HasPage("n/a") {
		t.Fatalf("two modules with distinct folders: %v", err)
	}
}

func TestStaticFiles(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		path, ct, cache string
		status          int
	}{
		{"/static/css/app.css", "text/css; charset=utf-8", "public, max-age=3600", 200},
		{assetURL("/static/css/app.css"), "text/css; charset=utf-8", "public, max-age=31536000, immutable", 200},
		{"/static/favicon.svg", "image/svg+xml", "public, max-age=3600", 200},
		{"/static/css/", "", "", 404},
		{"/static/nope.css", "", "", 404},
	}
	for _, tc := range tests {
		w := h.do(req("GET", tc.path, "", nil))
		if w.Code != tc.status || (tc.ct != "" && w.Header().Get("Content-Type") != tc.ct) || (tc.cache != "" && w.Header().Get("Cache-Control") != tc.cache) {
			t.Errorf("%s: %d %q %q", tc.path, w.Code, w.Header().Get("Content-Type"), w.Header().Get("Cache-Control"))
		}
	}
	if !strings.Contains(assetURL("/static/css/app.css"), "?v=") {
		t.Error("app.css has no version")
	}
}

package org

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// apiCase is one API request and what must come back: a status and, for
// errors, the envelope's code and field.
type apiCase struct {
	name   string
	who    string
	method string // GET when empty
	path   string
	body   string
	noCSRF bool
	status int
	code   apperr.Code // error code expected in the envelope
	field  string      // field the envelope must name
	want   []string    // substrings of the body
}

func (c apiCase) run(t *testing.T, s *site) {
	t.Helper()
	w := s.get(c.who, c.path)
	if c.method == http.MethodPost {
		if c.noCSRF {
			r := newReq("POST", c.path, c.who, strings.NewReader(c.body))
			r.Header.Set("Content-Type", "application/json")
			w = s.serve(r)
		} else {
			w = s.postJSON(c.who, c.path, c.body)
		}
	}
	if w.Code != c.status {
		t.Fatalf("%s %s as %q: %d, want %d: %s", c.method, c.path, c.who, w.Code, c.status, w.Body.String())
	}
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
		t.Errorf("content type %q", w.Header().Get("Content-Type"))
	}
	if c.status >= 400 {
		e := errorOf(t, w)
		if e.Code != c.code || e.Message == "" || e.RequestID == "" {
			t.Errorf("envelope %+v, want code %s with a message and request id", e, c.code)
		}
		if c.field != "" && e.Fields[c.field] == "" {
			t.Errorf("envelope names no field %q: %+v", c.field, e)
		}
	}
	for _, s := range c.want {
		if !strings.Contains(w.Body.String(), s) {
			t.Errorf("%s %s: body lacks %q: %s", c.method, c.path, s, w.Body.String())
		}
	}
}

func TestAPIReads(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if _, err := New(s.d).AssignPost(t.Context(), testActors[tokAdmin], PostInput{AccountID: 501, UnitCode: yaohuaGrid, Title: "网格长"}); err != nil {
		t.Fatal(err)
	}
	const v1 = web.APIPrefix
	for _, c := range []apiCase{
		{name: "district", path: v1 + "/districts/320113", status: 200, want: []string{`"name":"栖霞区"`}},
		{name: "district unknown", path: v1 + "/districts/320199", status: 404, code: apperr.CodeNotFound},
		{name: "district malformed", path: v1 + "/districts/abc", status: 400, code: apperr.CodeInvalid, field: "district"},

		{name: "streets", path: v1 + "/districts/320113/streets", status: 200, want: []string{`"total":9`, "尧化街道", "西岗街道"}},
		{name: "streets paged", path: v1 + "/districts/320113/streets?limit=4&offset=4", status: 200,
			want: []string{`"total":9`, `"next":"/api/v1/districts/320113/streets?limit=4\u0026offset=8"`, "栖霞街道"}},
		{name: "streets last page", path: v1 + "/districts/320113/streets?limit=4&offset=8", status: 200, want: []string{"西岗街道"}},
		{name: "limit too big", path: v1 + "/districts/320113/streets?limit=500", status: 400, code: apperr.CodeInvalid, field: "limit"},
		{name: "bad offset", path: v1 + "/districts/320113/streets?offset=-1", status: 400, code: apperr.CodeInvalid, field: "offset"},
		{name: "no cursor here", path: v1 + "/districts/320113/streets?cursor=abc", status: 400, code: apperr.CodeInvalid, field: "cursor"},

		{name: "communities", who: tokResident, path: v1 + "/streets/320113002/communities", status: 200,
			want: []string{`"total":19`, `"short_name":"东阳社区"`, `"reattached_from":"320113401"`}},
		{name: "communities unknown street", path: v1 + "/streets/320113099/communities", status: 404, code: apperr.CodeNotFound},

		{name: "grids grid worker", who: tokGrid, path: v1 + "/communities/" + yaohuaComm + "/grids", status: 200,
			want: []string{`"code":"320113001001001"`, `"name":"尧化社区第1网格"`}},
		{name: "grids other street", who: tokFrontDesk, path: v1 + "/communities/" + yaohuaComm + "/grids", status: 403, code: apperr.CodeForbidden},
		{name: "grids resident", who: tokResident, path: v1 + "/communities/" + yaohuaComm + "/grids", status: 403, code: apperr.CodeForbidden},
		{name: "grids anonymous", path: v1 + "/communities/" + yaohuaComm + "/grids", status: 401, code: apperr.CodeUnauthorized},
		{name: "grids unknown community", who: tokAdmin, path: v1 + "/communities/320113001999/grids", status: 404, code: apperr.CodeNotFound},

		{name: "points anonymous", path: v1 + "/service-points", status: 200, want: []string{`"total":137`, `"next":"/api/v1/service-points?limit=20\u0026offset=20"`}},
		{name: "points by street and level", path: v1 + "/service-points?street=320113002&level=street_centre", status: 200,
			want: []string{`"total":1`, "马群街道政务服务中心"}},
		{name: "points bad level", path: v1 + "/service-points?level=x", status: 400, code: apperr.CodeInvalid, field: "level"},
		{name: "points bad street", path: v1 + "/service-points?street=3201", status: 400, code: apperr.CodeInvalid, field: "street"},
		{name: "point", path: v1 + "/service-points/" + yaohuaPoint, status: 200, want: []string{`"level":"street_centre"`}},
		{name: "point unknown", path: v1 + "/service-points/320113001P99", status: 404, code: apperr.CodeNotFound},

		{name: "departments", path: v1 + "/departments?limit=100", status: 200, want: []string{`"total":27`, `"code":"320113D27"`}},

		{name: "posts grid worker", who: tokGrid, path: v1 + "/units/" + yaohua + "/posts?include_subunits=true", status: 200,
			want: []string{`"total":1`, `"account_name":"王*明"`, `"title":"网格长"`}},
		{name: "posts without subunits", who: tokGrid, path: v1 + "/units/" + yaohua + "/posts", status: 200, want: []string{`"total":0`, `"items":[]`}},
		{name: "posts other street", who: tokFrontDesk, path: v1 + "/units/" + yaohua + "/posts", status: 403, code: apperr.CodeForbidden},
		{name: "posts anonymous", path: v1 + "/units/" + yaohua + "/posts", status: 401, code: apperr.CodeUnauthorized},
		{name: "posts bad flag", who: tokAdmin, path: v1 + "/units/" + yaohua + "/posts?include_ended=yes", status: 400,
			code: apperr.CodeInvalid, field: "include_ended"},
		{name: "posts unknown unit", who: tokAdmin, path: v1 + "/units/320113D99/posts", status: 404, code: apperr.CodeNotFound},
		{name: "posts malformed unit", who: tokAdmin, path: v1 + "/units/x/posts", status: 400, code: apperr.CodeInvalid},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, s) })
	}
}

func TestAPIInactivePoints(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	_, err := New(s.d).UpdateServicePoint(t.Context(), testActors[tokAdmin], maqunPoint, ServicePointFields{Name: "马群街道政务服务中心"})
	if err != nil {
		t.Fatal(err)
	}
	const v1 = web.APIPrefix
	for _, c := range []apiCase{
		{name: "public list leaves it out", who: tokResident, path: v1 + "/service-points", status: 200, want: []string{`"total":136`}},
		{name: "staff list keeps it", who: tokGrid, path: v1 + "/service-points", status: 200, want: []string{`"total":137`}},
		{name: "public get", path: v1 + "/service-points/" + maqunPoint, status: 404, code: apperr.CodeNotFound},
		{name: "staff get", who: tokFrontDesk, path: v1 + "/service-points/" + maqunPoint, status: 200, want: []string{`"active":false`}},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, s) })
	}
}

func TestAPICreateGrid(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	path := web.APIPrefix + "/grids"
	body := func(community, name string) string {
		return `{"community_code":"` + community + `","name":"` + name + `"}`
	}
	for _, c := range []apiCase{
		{name: "admin", who: tokAdmin, method: "POST", path: path, body: body(yaohuaComm, "API网格"), status: 201,
			want: []string{`"code":"320113001001`, `"name":"API网格"`}},
		{name: "street admin own", who: tokStAdmin, method: "POST", path: path, body: `{"community_code":"320113001001","cell":200,"name":"两百号"}`,
			status: 201, want: []string{`"code":"320113001001200"`}},
		{name: "street admin reattached", who: tokMqAdmin, method: "POST", path: path, body: body(dongyang, "东阳API网格"), status: 201},
		{name: "street admin other street", who: tokStAdmin, method: "POST", path: path, body: body(maqunComm, "越界"), status: 403, code: apperr.CodeForbidden},
		{name: "grid worker", who: tokGrid, method: "POST", path: path, body: body(yaohuaComm, "网格员"), status: 403, code: apperr.CodeForbidden},
		{name: "grid worker unknown community", who: tokGrid, method: "POST", path: path, body: body("320113001999", "网格员"), status: 403, code: apperr.CodeForbidden},
		{name: "anonymous", method: "POST", path: path, body: body(yaohuaComm, "匿名"), status: 401, code: apperr.CodeUnauthorized},
		{name: "unknown community", who: tokAdmin, method: "POST", path: path, body: body("320113001999", "无处"), status: 404, code: apperr.CodeNotFound},
		{name: "malformed community", who: tokAdmin, method: "POST", path: path, body: body("abc", "无处"), status: 400,
			code: apperr.CodeInvalid, field: "community_code"},
		{name: "empty name", who: tokAdmin, method: "POST", path: path, body: body(yaohuaComm, " "), status: 400, code: apperr.CodeInvalid, field: "name"},
		{name: "long name", who: tokAdmin, method: "POST", path: path, body: body(yaohuaComm, strings.Repeat("格", 65)), status: 400,
			code: apperr.CodeInvalid, field: "name"},
		{name: "bad cell", who: tokAdmin, method: "POST", path: path, body: `{"community_code":"320113001001","cell":1000,"name":"x"}`,
			status: 400, code: apperr.CodeInvalid, field: "cell"},
		{name: "unknown field", who: tokAdmin, method: "POST", path: path, body: `{"community_code":"320113001001","name":"x","color":"red"}`,
			status: 400, code: apperr.CodeInvalid, field: "color"},
		{name: "not json", who: tokAdmin, method: "POST", path: path, body: `name=x`, status: 400, code: apperr.CodeInvalid},
		{name: "missing csrf header", who: tokAdmin, method: "POST", path: path, body: body(yaohuaComm, "无令牌"), noCSRF: true,
			status: 403, code: apperr.CodeForbidden},
	} {
		t.Run(c.name, func(t *testing.T) { c.run(t, s) })
	}
	if n := auditCount(t, s.d, "org.grid.create"); n != 3 {
		t.Errorf("%d grids created, want 3", n)
	}
}

// TestAPIGridLeaders: grids name their leaders when the site knows them.
func TestAPIGridLeaders(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := s.postJSON(tokAdmin, web.APIPrefix+"/grids", `{"community_code":"320113001001","name":"有网格长","leader_account_id":104}`)
	if w.Code != 201 {
		t.Fatalf("create: %d %s", w.Code, w.Body)
	}
	var created Grid
	decode(t, w, &created)
	var list web.List[GridView]
	decode(t, s.get(tokGrid, web.APIPrefix+"/communities/320113001001/grids?limit=100"), &list)
	i := slices.IndexFunc(list.Items, func(g GridView) bool { return g.Code == created.Code })
	if i < 0 || list.Total != len(list.Items) || list.Next != "" {
		t.Fatalf("list = %+v, want all grids with %s", list, created.Code)
	}
	if g := list.Items[i]; g.LeaderAccountID != 104 || g.LeaderName != "网格员小周" {
		t.Errorf("grid = %+v", g)
	}
	runCases(t, s, []pageCase{{name: "page shows the leader", who: tokGrid, path: "/console/org/communities/" + yaohuaComm,
		status: 200, want: []string{"网格员小周（账号 104）"}}})
}

// TestAPICreateGridIdempotent: a retried POST with the same key creates
// one grid and gets the first answer back.
func TestAPICreateGridIdempotent(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	path, body := web.APIPrefix+"/grids", `{"community_code":"320113001001","name":"重试网格"}`
	first := s.postJSON(tokAdmin, path, body, web.IdempotencyHeader, "grid-key-1")
	again := s.postJSON(tokAdmin, path, body, web.IdempotencyHeader, "grid-key-1")
	if first.Code != 201 || again.Code != 201 || again.Body.String() != first.Body.String() {
		t.Fatalf("first %d %s, again %d %s", first.Code, first.Body, again.Code, again.Body)
	}
	if again.Header().Get(web.ReplayedHeader) != "true" {
		t.Errorf("the retry is not marked as replayed")
	}
	if n := countRows(t, s.d, "grids", "name = ?", "重试网格"); n != 1 {
		t.Errorf("%d grids written, want 1", n)
	}
	other := s.postJSON(tokAdmin, path, `{"community_code":"320113001001","name":"另一网格"}`, web.IdempotencyHeader, "grid-key-1")
	if other.Code != http.StatusUnprocessableEntity {
		t.Errorf("same key, other body: %d, want 422", other.Code)
	}
}

// TestAPIDocumented: every operation of the module is in the OpenAPI
// document under the module's tag.
func TestAPIDocumented(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	doc := s.rt.OpenAPI()
	ops := 0
	for _, p := range s.rt.Patterns() {
		method, path, _ := strings.Cut(p, " ")
		path, ok := strings.CutPrefix(path, web.APIPrefix)
		if !ok || path == "/openapi.json" {
			continue
		}
		ops++
		item := doc.Paths[path]
		if item == nil || item.Op(method) == nil {
			t.Errorf("%s %s is not documented", method, path)
			continue
		}
		if op := item.Op(method); len(op.Tags) != 1 || op.Tags[0] != "组织机构" || op.Summary == "" {
			t.Errorf("%s %s: tags %v, summary %q", method, path, op.Tags, op.Summary)
		}
	}
	if ops != 9 {
		t.Errorf("%d operations registered, want 9", ops)
	}
	w := s.get(anon, web.APIPrefix+"/openapi.json")
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"/units/{code}/posts"`) {
		t.Errorf("openapi.json: %d", w.Code)
	}
}

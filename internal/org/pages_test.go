package org

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// pageCase is one request of a scenario table and what must come back.
type pageCase struct {
	name   string
	who    string
	method string // GET when empty
	path   string
	form   url.Values
	noCSRF bool
	status int
	want   []string // substrings of the body
	not    []string // substrings the body must not hold
	// location is the redirect target (a prefix of it) for 303s.
	location string
}

// run serves the case on s and checks the answer.
func (c pageCase) run(t *testing.T, s *site) {
	t.Helper()
	var w = s.get(c.who, c.path)
	if c.method == http.MethodPost {
		if c.noCSRF {
			w = s.serve(formReq(c.path, c.who, c.form))
		} else {
			w = s.post(c.who, c.path, c.form)
		}
	}
	if w.Code != c.status {
		t.Fatalf("%s %s as %q: status %d, want %d\n%s\n%s", c.method, c.path, c.who, w.Code, c.status,
			excerpt(w.Body.String()), s.logs.String())
	}
	body := w.Body.String()
	for _, s := range c.want {
		if !strings.Contains(body, s) {
			t.Errorf("%s %s as %q: body lacks %q\n%s", c.method, c.path, c.who, s, excerpt(body))
		}
	}
	for _, s := range c.not {
		if strings.Contains(body, s) {
			t.Errorf("%s %s as %q: body holds %q", c.method, c.path, c.who, s)
		}
	}
	if loc := w.Header().Get("Location"); !strings.HasPrefix(loc, c.location) || (c.location == "") != (loc == "") {
		t.Errorf("%s %s as %q: Location %q, want %q", c.method, c.path, c.who, loc, c.location)
	}
}

// excerpt keeps the main part of a page, for failure messages.
func excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 2500 {
		body = body[:2500]
	}
	return body
}

func runCases(t *testing.T, s *site, cases []pageCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { c.run(t, s) })
	}
}

// TestConsoleBrowsePages: every console page has a "may" and a "may not"
// case; anonymous visitors go to the staff login page.
func TestConsoleBrowsePages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	login := web.ConsoleLoginPath + "?next="
	runCases(t, s, []pageCase{
		{name: "overview admin", who: tokAdmin, path: "/console/org", status: 200,
			want: []string{"栖霞区组织机构", "尧化街道", "/console/org/streets/320113010", ">9<", ">137<", ">27<", `href="/console/org" class="active"`}},
		{name: "overview grid worker", who: tokGrid, path: "/console/org", status: 200, want: []string{"马群街道"},
			not: []string{"/console/org/posts?unit=320113\""}},
		{name: "overview leader sees district posts", who: tokLeader, path: "/console/org", status: 200,
			want: []string{"/console/org/posts?unit=320113\""}},
		{name: "overview resident", who: tokResident, path: "/console/org", status: 403, want: []string{"组织机构仅供工作人员查看"}},
		{name: "overview volunteer", who: tokVolunteer, path: "/console/org", status: 403},
		{name: "overview anonymous", who: anon, path: "/console/org", status: 303, location: login + url.QueryEscape("/console/org")},

		{name: "street of another street's staff", who: tokFrontDesk, path: "/console/org/streets/" + yaohua, status: 200,
			want: []string{"尧化社区", "尧化街道政务服务中心", "栖霞区</a> › <span aria-current=\"page\">尧化街道"}},
		{name: "street lists reattached", who: tokAdmin, path: "/console/org/streets/" + maqun, status: 200,
			want: []string{"东阳社区", "西花社区", "由统计单位 320113401 划入"}},
		{name: "street resident", who: tokResident, path: "/console/org/streets/" + yaohua, status: 403},
		{name: "street anonymous", who: anon, path: "/console/org/streets/" + yaohua, status: 303, location: login},
		{name: "street unknown", who: tokAdmin, path: "/console/org/streets/320113099", status: 404},
		{name: "street malformed", who: tokAdmin, path: "/console/org/streets/abc", status: 404},
		{name: "street bad page", who: tokAdmin, path: "/console/org/streets/" + yaohua + "?limit=0", status: 400},

		{name: "community grid worker in scope", who: tokGrid, path: "/console/org/communities/" + yaohuaComm, status: 200,
			want: []string{"尧化社区第1网格", "尧化社区便民服务站", "栖霞区</a> › <a href=\"/console/org/streets/320113001\">尧化街道</a> › <span aria-current=\"page\">尧化社区"},
			not:  []string{"新建网格"}},
		{name: "community grid worker out of scope", who: tokGrid, path: "/console/org/communities/" + maqunComm, status: 403},
		{name: "community admin may create", who: tokAdmin, path: "/console/org/communities/" + yaohuaComm, status: 200,
			want: []string{"新建网格", `name="csrf_token" value="csrf-tok-admin"`}},
		{name: "community street admin own", who: tokStAdmin, path: "/console/org/communities/" + yaohuaComm, status: 200, want: []string{"新建网格"}},
		{name: "community street admin other", who: tokStAdmin, path: "/console/org/communities/" + maqunComm, status: 403},
		{name: "community reattached", who: tokMqAdmin, path: "/console/org/communities/" + dongyang, status: 200,
			want: []string{"东阳社区", "新建网格", "<a href=\"/console/org/streets/320113002\">马群街道</a>"}},
		{name: "community unknown", who: tokAdmin, path: "/console/org/communities/320113001999", status: 404},
		{name: "community anonymous", who: anon, path: "/console/org/communities/" + yaohuaComm, status: 303, location: login},

		{name: "grid in scope", who: tokGrid, path: "/console/org/grids/" + yaohuaGrid, status: 200,
			want: []string{"尧化社区第1网格", "<a href=\"/console/org/communities/320113001001\">尧化社区</a>"}},
		{name: "grid out of scope", who: tokFrontDesk, path: "/console/org/grids/" + yaohuaGrid, status: 403},
		{name: "grid unknown", who: tokAdmin, path: "/console/org/grids/320113001001999", status: 404},
		{name: "grid resident", who: tokResident, path: "/console/org/grids/" + yaohuaGrid, status: 403},
	})
}

func TestConsolePointPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	runCases(t, s, []pageCase{
		{name: "list leader", who: tokLeader, path: "/console/org/service-points", status: 200,
			want: []string{"第 1–20 条，共 137 条", `href="/console/org/service-points?offset=20" rel="next"`, "栖霞区政务服务中心"},
			not:  []string{"rel=\"prev\"", "/edit\""}},
		{name: "list page two keeps filter", who: tokLeader, path: "/console/org/service-points?level=community_station&offset=20", status: 200,
			want: []string{"第 21–40 条，共 120 条", `href="/console/org/service-points?level=community_station" rel="prev"`,
				`href="/console/org/service-points?level=community_station&amp;offset=40" rel="next"`}},
		{name: "list by street", who: tokGrid, path: "/console/org/service-points?street=" + maqun, status: 200,
			want: []string{"马群街道政务服务中心", "东阳社区便民服务站", `value="320113002" selected`}, not: []string{"尧化街道政务服务中心"}},
		{name: "list by level", who: tokGrid, path: "/console/org/service-points?level=district_centre", status: 200,
			want: []string{"栖霞区政务服务中心", "共 1 条"}, not: []string{"尧化街道政务服务中心"}},
		{name: "street admin edits own only", who: tokStAdmin, path: "/console/org/service-points", status: 200,
			want: []string{"/console/org/service-points/" + yaohuaPoint + "/edit"}, not: []string{"/console/org/service-points/" + maqunPoint + "/edit"}},
		{name: "list bad level", who: tokAdmin, path: "/console/org/service-points?level=bogus", status: 400},
		{name: "list bad street", who: tokAdmin, path: "/console/org/service-points?street=320113001001", status: 400},
		{name: "list resident", who: tokResident, path: "/console/org/service-points", status: 403},

		{name: "edit form street admin", who: tokStAdmin, path: "/console/org/service-points/" + yaohuaPoint + "/edit", status: 200,
			want: []string{`value="尧化街道政务服务中心"`, `name="active" checked`, "编辑 尧化街道政务服务中心"}},
		{name: "edit form other street", who: tokMqAdmin, path: "/console/org/service-points/" + yaohuaPoint + "/edit", status: 403},
		{name: "edit form grid worker", who: tokGrid, path: "/console/org/service-points/" + yaohuaPoint + "/edit", status: 403},
		{name: "edit form unknown", who: tokAdmin, path: "/console/org/service-points/320113001P99/edit", status: 404},
		{name: "edit form malformed", who: tokAdmin, path: "/console/org/service-points/x/edit", status: 404},

		{name: "departments approver", who: tokApprover, path: "/console/org/departments", status: 200,
			want: []string{"区政务办", "/console/org/posts?unit=320113D01"}, not: []string{"/console/org/posts?unit=320113D02"}},
		{name: "departments admin", who: tokAdmin, path: "/console/org/departments", status: 200, want: []string{"/console/org/posts?unit=320113D27"}},
		{name: "departments resident", who: tokResident, path: "/console/org/departments", status: 403},
	})
}

func TestConsolePostPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if _, err := New(s.d).AssignPost(t.Context(), testActors[tokAdmin], PostInput{AccountID: 501, UnitCode: yaohuaGrid, Title: "网格长"}); err != nil {
		t.Fatal(err)
	}
	runCases(t, s, []pageCase{
		{name: "choose a unit", who: tokGrid, path: "/console/org/posts", status: 200, want: []string{`name="unit"`, "单位编码"}},
		{name: "street posts grid worker", who: tokGrid, path: "/console/org/posts?unit=" + yaohua + "&sub=1", status: 200,
			want: []string{"王*明（账号 501）", "网格长", "尧化街道 · 岗位人员"}, not: []string{"任命岗位", "结束岗位"}},
		{name: "grid posts trail", who: tokGrid, path: "/console/org/posts?unit=" + yaohuaGrid, status: 200,
			want: []string{`<a href="/console/org/grids/320113001001001">尧化社区第1网格</a> › <span aria-current="page">岗位人员`}},
		{name: "street posts admin", who: tokStAdmin, path: "/console/org/posts?unit=" + yaohua, status: 200,
			want: []string{"任命岗位", `name="unit_code" value="320113001"`}},
		{name: "sub units off", who: tokStAdmin, path: "/console/org/posts?unit=" + yaohua, status: 200, not: []string{"王*明"}},
		{name: "other street", who: tokFrontDesk, path: "/console/org/posts?unit=" + yaohua, status: 403},
		{name: "department approver", who: tokApprover, path: "/console/org/posts?unit=" + dept01, status: 200,
			want: []string{"部门</a> › <span>南京市栖霞区政务服务管理办公室"}},
		{name: "other department", who: tokApprover, path: "/console/org/posts?unit=320113D02", status: 403},
		{name: "point posts", who: tokAdmin, path: "/console/org/posts?unit=" + yaohuaPoint, status: 200,
			want: []string{"服务网点</a> › <span>尧化街道政务服务中心"}},
		{name: "malformed unit", who: tokAdmin, path: "/console/org/posts?unit=abc", status: 400},
		{name: "unknown unit", who: tokAdmin, path: "/console/org/posts?unit=320113001999", status: 404},
		{name: "resident", who: tokResident, path: "/console/org/posts?unit=" + yaohua, status: 403},
		{name: "anonymous", who: anon, path: "/console/org/posts?unit=" + yaohua, status: 303, location: web.ConsoleLoginPath},
	})
}

func TestPublicPointPages(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	runCases(t, s, []pageCase{
		{name: "list anonymous", who: anon, path: "/service-points", status: 200,
			want: []string{"办事网点", "共 137 个对外开放的办事网点", "栖霞区（区级）", "马群街道政务服务中心", `href="tel:12345"`,
				`href="/service-points" class="active"`}},
		{name: "list resident", who: tokResident, path: "/service-points", status: 200, want: []string{"尧化街道"}},
		{name: "list by street", who: anon, path: "/service-points?street=" + maqun, status: 200,
			want: []string{"马群社区便民服务站", "东阳社区便民服务站", `value="320113002" selected`},
			not:  []string{"尧化街道政务服务中心", "栖霞区（区级）"}},
		{name: "list bad street", who: anon, path: "/service-points?street=1", status: 400},
		{name: "detail anonymous", who: anon, path: "/service-points/" + yaohuaPoint, status: 200,
			want: []string{"尧化街道政务服务中心", "栖霞区 · 尧化街道", "/service-points?street=320113001"}},
		{name: "detail sub-centre names department", who: anon, path: "/service-points/320113P02", status: 200, want: []string{"主管部门"}},
		{name: "detail unknown", who: anon, path: "/service-points/320113P99", status: 404},
		{name: "detail malformed", who: anon, path: "/service-points/%3Cb%3E", status: 404, not: []string{"<b>"}},
	})
}

// TestNav: the console item is for staff roles, the resident item for all.
func TestNav(t *testing.T) {
	t.Parallel()
	var console, resident *web.NavItem
	for _, it := range Nav() {
		switch it.Href {
		case "/console/org":
			console = &it
		case "/service-points":
			resident = &it
		}
	}
	if console == nil || console.Shell != web.ShellConsole || console.Label != "组织机构" {
		t.Fatalf("console item = %+v", console)
	}
	if resident == nil || resident.Shell != web.ShellResident || resident.SignedIn || len(resident.Roles) != 0 {
		t.Fatalf("resident item = %+v", resident)
	}
	for _, role := range authz.AllRoles {
		if got := slices.Contains(console.Roles, role); got != role.IsStaff() {
			t.Errorf("console item for %s: %v, want %v", role, got, role.IsStaff())
		}
	}
}

// TestOtherDistrictHidden: the site serves its own district; another
// district imported into the same database is not reachable from its pages.
func TestOtherDistrictHidden(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	if _, err := ImportDivisions(t.Context(), s.d, "320102", EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	runCases(t, s, []pageCase{
		{name: "street", who: tokAdmin, path: "/console/org/streets/320102002", status: 404},
		{name: "community", who: tokAdmin, path: "/console/org/communities/320102002001", status: 404},
		{name: "overview keeps to its own", who: tokAdmin, path: "/console/org", status: 200, not: []string{"梅园新村街道"}},
	})
}

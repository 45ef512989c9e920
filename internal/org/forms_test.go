package org

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// injection is typed into forms: it must be stored as typed and shown
// escaped, never as markup.
const injection = `<script>alert("x")</script>' OR '1'='1`

const injectionEscaped = `&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39; OR &#39;1&#39;=&#39;1`

func gridForm(name string, more ...string) url.Values {
	v := url.Values{"name": {name}}
	for i := 0; i+1 < len(more); i += 2 {
		v.Set(more[i], more[i+1])
	}
	return v
}

func TestCreateGridForm(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	path := "/console/org/communities/" + yaohuaComm + "/grids"
	before := countRows(t, s.d, "grids", "community_code = ?", yaohuaComm)
	long := strings.Repeat("网", 65)
	runCases(t, s, []pageCase{
		{name: "admin creates", who: tokAdmin, method: "POST", path: path, form: gridForm("尧化社区新网格"), status: 303,
			location: "/console/org/communities/" + yaohuaComm + "?created=320113001001"},
		{name: "street admin creates own", who: tokStAdmin, method: "POST", path: path, form: gridForm("街道新网格", "cell", "120"), status: 303,
			location: "/console/org/communities/" + yaohuaComm + "?created=320113001001120"},
		{name: "street admin reattached", who: tokMqAdmin, method: "POST", path: "/console/org/communities/" + dongyang + "/grids",
			form: gridForm("东阳新网格"), status: 303, location: "/console/org/communities/" + dongyang + "?created="},
		{name: "grid worker may not", who: tokGrid, method: "POST", path: path, form: gridForm("网格员的网格"), status: 403,
			want: []string{"您无权管理网格"}},
		{name: "street admin other street", who: tokStAdmin, method: "POST", path: "/console/org/communities/" + maqunComm + "/grids",
			form: gridForm("越界网格"), status: 403},
		{name: "resident", who: tokResident, method: "POST", path: path, form: gridForm("居民的网格"), status: 403},
		{name: "unknown community", who: tokAdmin, method: "POST", path: "/console/org/communities/320113001999/grids",
			form: gridForm("无处安放"), status: 404},
		{name: "missing csrf", who: tokAdmin, method: "POST", path: path, form: gridForm("无令牌网格"), noCSRF: true, status: 403,
			want: []string{"页面已过期或请求无效"}},
		{name: "anonymous", who: anon, method: "POST", path: path, form: gridForm("匿名网格"), noCSRF: true, status: 403},
		{name: "empty name", who: tokAdmin, method: "POST", path: path, form: gridForm("  ", "cell", "7x"), status: 400,
			want: []string{`<p class="error" id="f-name-error">请填写网格名称</p>`, `<p class="error" id="f-cell-error">网格编号应为1至999</p>`,
				`value="7x"`, "尧化社区第1网格"}},
		{name: "name too long", who: tokAdmin, method: "POST", path: path, form: gridForm(long), status: 400,
			want: []string{"网格名称不能超过64个字", `value="` + long + `"`}},
		{name: "duplicate name", who: tokAdmin, method: "POST", path: path, form: gridForm("尧化社区第1网格"), status: 400,
			want: []string{"本社区已有同名网格"}},
		{name: "cell taken", who: tokAdmin, method: "POST", path: path, form: gridForm("撞号网格", "cell", "1"), status: 409,
			want: []string{"网格编码 320113001001001 已存在", `value="撞号网格"`}},
		{name: "bad leader", who: tokAdmin, method: "POST", path: path, form: gridForm("好网格", "leader_account_id", "张三"), status: 400,
			want: []string{"网格长账号无效", `value="张三"`}},
		{name: "injection kept in a refused form", who: tokAdmin, method: "POST", path: path, form: gridForm("正常", "cell", injection),
			status: 400, want: []string{injectionEscaped}, not: []string{"<script>alert"}},
		{name: "injection created", who: tokAdmin, method: "POST", path: path, form: gridForm(injection), status: 303,
			location: "/console/org/communities/" + yaohuaComm + "?created="},
		{name: "injection shown escaped", who: tokAdmin, path: "/console/org/communities/" + yaohuaComm, status: 200,
			want: []string{injectionEscaped}, not: []string{"<script>alert"}},
	})
	if got := countRows(t, s.d, "grids", "community_code = ?", yaohuaComm); got != before+3 {
		t.Errorf("%d grids in the community, want %d", got, before+3)
	}
	if n := countRows(t, s.d, "grids", "name = ?", injection); n != 1 {
		t.Errorf("the injected name is stored %d times, want once as typed", n)
	}
	if n := auditCount(t, s.d, "org.grid.create"); n != 4 {
		t.Errorf("%d grid creations audited, want 4", n)
	}
}

func TestCreatedGridNotice(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := s.post(tokAdmin, "/console/org/communities/"+yaohuaComm+"/grids", gridForm("通知网格"))
	loc := w.Header().Get("Location")
	if w.Code != http.StatusSeeOther || loc == "" {
		t.Fatalf("create: %d %q", w.Code, loc)
	}
	runCases(t, s, []pageCase{
		{name: "notice", who: tokAdmin, path: loc, status: 200, want: []string{"已新建网格 " + strings.TrimPrefix(loc, "/console/org/communities/"+yaohuaComm+"?created="), "通知网格"}},
		{name: "no notice for another community's grid", who: tokAdmin, path: "/console/org/communities/" + maqunComm + "?created=" + yaohuaGrid,
			status: 200, not: []string{"已新建网格"}},
	})
}

func pointForm(name, phone string) url.Values {
	return url.Values{"name": {name}, "address": {"南京市栖霞区尧化街道尧佳路1号"}, "phone": {phone},
		"opening_hours": {"工作日 9:00—17:00"}, "accepts_applications": {"on"}, "active": {"on"}}
}

func TestEditPointForm(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	path := "/console/org/service-points/" + yaohuaPoint + "/edit"
	runCases(t, s, []pageCase{
		{name: "grid worker may not", who: tokGrid, method: "POST", path: path, form: pointForm("改名", "12345"), status: 403},
		{name: "other street admin may not", who: tokMqAdmin, method: "POST", path: path, form: pointForm("改名", "12345"), status: 403},
		{name: "missing csrf", who: tokStAdmin, method: "POST", path: path, form: pointForm("改名", "12345"), noCSRF: true, status: 403},
		{name: "unknown point", who: tokAdmin, method: "POST", path: "/console/org/service-points/320113001P99/edit",
			form: pointForm("改名", "12345"), status: 404},
		{name: "bad phone and empty name", who: tokStAdmin, method: "POST", path: path, form: pointForm("", "abc"), status: 400,
			want: []string{"请填写网点名称", "咨询电话格式不正确", `value="abc"`, `value="南京市栖霞区尧化街道尧佳路1号"`, `name="active" checked`},
			not:  []string{`name="pickup" checked`}},
		{name: "address too long", who: tokStAdmin, method: "POST", path: path,
			form: url.Values{"name": {"尧化中心"}, "address": {strings.Repeat("路", 129)}}, status: 400, want: []string{"地址不能超过128个字"}},
		{name: "street admin saves", who: tokStAdmin, method: "POST", path: path, form: pointForm("尧化街道为民服务中心", "025-8555 1234"),
			status: 303, location: "/console/org/service-points?saved=" + yaohuaPoint},
		{name: "saved notice", who: tokStAdmin, path: "/console/org/service-points?saved=" + yaohuaPoint, status: 200,
			want: []string{"已保存“尧化街道为民服务中心”的信息", "025-85551234"}},
		{name: "deactivate", who: tokAdmin, method: "POST", path: "/console/org/service-points/" + maqunPoint + "/edit",
			form: url.Values{"name": {"马群街道政务服务中心"}}, status: 303, location: "/console/org/service-points?saved="},
		{name: "inactive point left out for residents", who: anon, path: "/service-points", status: 200,
			want: []string{"共 136 个", "尧化街道为民服务中心"}, not: []string{"马群街道政务服务中心"}},
		{name: "inactive point page says so", who: anon, path: "/service-points/" + maqunPoint, status: 200, want: []string{"本网点暂停对外服务"}},
		{name: "staff still see it", who: tokLeader, path: "/console/org/service-points?street=" + maqun, status: 200,
			want: []string{"马群街道政务服务中心", "暂停"}},
	})
	if n := auditCount(t, s.d, "org.service_point.update"); n != 2 {
		t.Errorf("%d point updates audited, want 2", n)
	}
}

func TestPostForms(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	svc := New(s.d)
	held, err := svc.AssignPost(t.Context(), testActors[tokAdmin], PostInput{AccountID: 501, UnitCode: yaohuaGrid, Title: "网格长"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := svc.AssignPost(t.Context(), testActors[tokAdmin], PostInput{AccountID: 502, UnitCode: yaohuaGrid, Title: "全科社工"})
	if err != nil {
		t.Fatal(err)
	}
	end := func(id int64) string { return "/console/org/posts/" + strconv.FormatInt(id, 10) + "/end" }
	assign := func(unit, account, title string) url.Values {
		return url.Values{"unit_code": {unit}, "account_id": {account}, "title": {title}}
	}
	runCases(t, s, []pageCase{
		{name: "street admin assigns", who: tokStAdmin, method: "POST", path: "/console/org/posts", form: assign(yaohua, "104", "网格办主任"),
			status: 303, location: "/console/org/posts?unit=" + yaohua},
		{name: "assigned shown with name", who: tokStAdmin, path: "/console/org/posts?unit=" + yaohua, status: 200,
			want: []string{"网格员小周（账号 104）", "网格办主任", "结束岗位"}},
		{name: "grid worker may not assign", who: tokGrid, method: "POST", path: "/console/org/posts", form: assign(yaohua, "104", "x"), status: 403},
		{name: "other street", who: tokMqAdmin, method: "POST", path: "/console/org/posts", form: assign(yaohua, "104", "x"), status: 403},
		{name: "missing csrf", who: tokAdmin, method: "POST", path: "/console/org/posts", form: assign(yaohua, "104", "x"), noCSRF: true, status: 403},
		{name: "bad fields", who: tokAdmin, method: "POST", path: "/console/org/posts", form: assign(yaohua, "abc", injection), status: 400,
			want: []string{"请选择人员账号", `value="abc"`, injectionEscaped}, not: []string{"<script>alert"}},
		{name: "empty title", who: tokAdmin, method: "POST", path: "/console/org/posts", form: assign(yaohua, "7", ""), status: 400,
			want: []string{"请填写岗位名称"}},
		{name: "malformed unit", who: tokAdmin, method: "POST", path: "/console/org/posts", form: assign("x", "7", "主任"), status: 400},
		{name: "unknown unit", who: tokAdmin, method: "POST", path: "/console/org/posts", form: assign("320113001999", "7", "主任"), status: 404},

		{name: "grid worker may not end", who: tokGrid, method: "POST", path: end(held.ID), status: 403},
		{name: "other street may not end", who: tokMqAdmin, method: "POST", path: end(held.ID), status: 403},
		{name: "end without csrf", who: tokAdmin, method: "POST", path: end(held.ID), noCSRF: true, status: 403},
		{name: "street admin ends", who: tokStAdmin, method: "POST", path: end(held.ID), form: url.Values{"back": {yaohua}},
			status: 303, location: "/console/org/posts?unit=" + yaohua},
		{name: "ended twice", who: tokStAdmin, method: "POST", path: end(held.ID), status: 409, want: []string{"该岗位已经结束"}},
		{name: "back defaults to the post's unit", who: tokAdmin, method: "POST", path: end(other.ID), form: url.Values{"back": {"<x>"}},
			status: 303, location: "/console/org/posts?unit=" + yaohuaGrid},
		{name: "unknown post", who: tokAdmin, method: "POST", path: end(999999), status: 404},
		{name: "malformed id", who: tokAdmin, method: "POST", path: "/console/org/posts/abc/end", status: 404},
		{name: "ended listed", who: tokAdmin, path: "/console/org/posts?unit=" + yaohuaGrid + "&ended=1", status: 200,
			want: []string{"已结束", "王*明（账号 501）"}, not: []string{"结束岗位</button>"}},
	})
	if n := auditCount(t, s.d, "org.post.end"); n != 2 {
		t.Errorf("%d post ends audited, want 2", n)
	}
}

// TestConsoleLoginRedirectKeepsQuery: the staff login page gets the whole
// path back, filters included.
func TestConsoleLoginRedirectKeepsQuery(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	w := s.get(anon, "/console/org/service-points?street="+maqun)
	want := web.ConsoleLoginPath + "?next=" + url.QueryEscape("/console/org/service-points?street="+maqun)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != want {
		t.Fatalf("%d %q, want 303 %q", w.Code, w.Header().Get("Location"), want)
	}
}

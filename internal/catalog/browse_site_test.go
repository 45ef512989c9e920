package catalog

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const (
	nDistrict  = "烟草专卖零售许可"
	nCommunity = "居民最低生活保障审核"
	nStreet    = "老年人优待证办理"
)

var lifeEvent = "&life_event=" + url.QueryEscape("开办企业")

// TestBrowsePages walks the services page in each context, without
// cookies carried between the cases.
func TestBrowsePages(t *testing.T) {
	s := newBrowseSite(t, false)
	cases := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{"everything", "/services?" + lifeEvent[1:], 200, []string{nDistrict, nCommunity, nStreet, "共 3 项"}, nil},
		{"community station", "/services?point=" + tpStation + lifeEvent, 200,
			[]string{nCommunity, "当前网点：<strong>尧化社区便民服务站</strong>（社区便民服务站）", "清除", "共 1 项"},
			[]string{nDistrict, nStreet}},
		{"street centre", "/services?point=" + tpStreetCentre + lifeEvent, 200, []string{nCommunity, nStreet}, []string{nDistrict}},
		{"district centre", "/services?point=" + tpDistrictCentre + lifeEvent, 200, []string{nDistrict, nCommunity, nStreet}, nil},
		{"online", "/services?channel=online" + lifeEvent, 200,
			[]string{nDistrict, nCommunity, "当前：<strong>网上办</strong>", `name="channel" value="online"`,
				"/services/" + bDistrict + "?channel=online"},
			[]string{nStreet}},
		{"online links keep the channel", "/services?channel=online", 200,
			[]string{"/services?channel=online&amp;life_event=", "/services?channel=online&amp;street=" + tpYaohua}, nil},
		{"search at a station", "/services?point=" + tpStation + "&q=" + url.QueryEscape("办证"), 200,
			[]string{nCommunity, "匹配："}, []string{nDistrict, nStreet}},
		{"search online", "/services?channel=online&q=" + url.QueryEscape("办证"), 200,
			[]string{nDistrict, nCommunity}, []string{nStreet}},
		{"unknown point", "/services?point=320113999P01" + lifeEvent, 404,
			[]string{"没有找到编号为 320113999P01 的办事网点", "按人生大事"}, []string{nDistrict}},
		{"bad channel", "/services?channel=post", 400, []string{"办理渠道无效"}, nil},
		{"streets listed", "/services", 200, []string{"按街道", "尧化街道", "马群街道", "/services?street=" + tpMaqun}, nil},
		{"street", "/services?street=" + tpYaohua, 200,
			[]string{"尧化街道可办理的事项", nCommunity, nStreet, "尧化街道政务服务中心", "南京市栖霞区尧化街道文澜路",
				`href="/service-points?street=` + tpYaohua + `"`},
			[]string{nDistrict}},
		{"street without a known centre", "/services?street=" + tpMaqun, 200,
			[]string{"马群街道可办理的事项", nCommunity, "查看马群街道的全部办事网点"}, []string{nDistrict, "政务服务中心</strong>"}},
		{"street at a station", "/services?point=" + tpStation + "&street=" + tpYaohua, 200,
			[]string{nCommunity}, []string{nStreet, nDistrict}},
		{"unknown street", "/services?street=320113999", 404, []string{"没有找到这个街道"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s.c.Jar = nil
			status, body := s.get(c.path)
			expectPage(t, c.path, status, body, c.status, c.want, c.not)
		})
	}
}

// TestBrowsePointCookie follows a resident who scans a station's code,
// browses, reads a guide and then clears the point.
func TestBrowsePointCookie(t *testing.T) {
	s := newBrowseSite(t, false)
	status, body := s.get("/services?point=" + tpStation)
	expectPage(t, "scan", status, body, 200, []string{"尧化社区便民服务站"}, nil)
	if got := s.pointCookieValue(); got != tpStation {
		t.Fatalf("cookie after the scan = %q, want %q", got, tpStation)
	}
	status, body = s.get("/services?" + lifeEvent[1:])
	expectPage(t, "browse", status, body, 200, []string{nCommunity, "当前网点"}, []string{nDistrict, nStreet})
	status, body = s.get("/services/" + bDistrict)
	expectPage(t, "guide not here", status, body, 200,
		[]string{"您所在的尧化社区便民服务站是社区便民服务站，不能受理本事项", "区政务服务中心（含部门分中心）"}, nil)
	status, body = s.get("/services/" + bCommunity)
	expectPage(t, "guide here", status, body, 200, []string{"尧化社区便民服务站可以受理本事项"}, []string{"不能受理"})
	status, body = s.get("/services?point=")
	expectPage(t, "clear", status, body, 200, []string{"显示全部事项"}, []string{"当前网点"})
	if got := s.pointCookieValue(); got != "" {
		t.Fatalf("cookie after 清除 = %q", got)
	}
	status, body = s.get("/services?" + lifeEvent[1:])
	expectPage(t, "browse after clearing", status, body, 200, []string{nDistrict, nCommunity, nStreet}, nil)

	s.get("/services?point=" + tpStreetCentre)
	status, body = s.get("/services?channel=online" + lifeEvent)
	expectPage(t, "online forgets the point", status, body, 200, []string{nDistrict, nCommunity}, []string{nStreet, "当前网点"})
	if got := s.pointCookieValue(); got != "" {
		t.Fatalf("cookie after 网上办 = %q", got)
	}
}

// TestBrowseStaleCookie drops a remembered point that no longer exists.
func TestBrowseStaleCookie(t *testing.T) {
	s := newBrowseSite(t, false)
	u, _ := url.Parse(s.url)
	s.c.Jar.SetCookies(u, []*http.Cookie{{Name: pointCookie, Value: "320113888P01", Path: "/"}})
	status, body := s.get("/services?" + lifeEvent[1:])
	expectPage(t, "stale cookie", status, body, 200, []string{nDistrict, nCommunity, nStreet}, []string{"当前网点"})
	if got := s.pointCookieValue(); got != "" {
		t.Fatalf("stale cookie kept: %q", got)
	}
}

// TestBrowseWithoutPlaces shows that a site without the organisation
// module lists no streets and refuses points plainly.
func TestBrowseWithoutPlaces(t *testing.T) {
	s := newBrowseSite(t, true)
	status, body := s.get("/services")
	expectPage(t, "home", status, body, 200, []string{"按人生大事"}, []string{"按街道"})
	status, body = s.get("/services?point=" + tpStation)
	expectPage(t, "point", status, body, 404, []string{"没有找到编号为"}, nil)
	status, body = s.get("/services?street=" + tpYaohua)
	expectPage(t, "street", status, body, 404, []string{"没有找到这个街道"}, nil)
}

// TestGuideLimitsAndDemoValues checks the legal limit's basis, the demo
// value badges and where the item can be handled.
func TestGuideLimitsAndDemoValues(t *testing.T) {
	s := newBrowseSite(t, false)
	status, body := s.get("/services/" + bDistrict)
	expectPage(t, "demo guide", status, body, 200, []string{"法定办结时限：20个工作日", "依据：《中华人民共和国行政许可法》第四十二条",
		"可在以下网点办理", "区政务服务中心（含部门分中心）", "网上办理（手机上即可办）", `id="demo-note"`,
		`href="/services/` + bDistrict + `/pdf"`, "下载PDF", "打印版"},
		[]string{"各街道政务服务中心", "各社区（村）便民服务站", "法律未作规定"})
	// promised limit, place, hours, two phones, and the note at the bottom
	if n := strings.Count(body, "演示值"); n < 6 {
		t.Errorf("the demo guide shows 演示值 %d times, want 6 or more", n)
	}
	status, body = s.get("/services/" + bCommunity)
	expectPage(t, "plain guide", status, body, 200, []string{"法定办结时限：15个工作日", "法律未作规定，按江苏省办事指南惯例",
		"区政务服务中心（含部门分中心）", "各街道政务服务中心", "各社区（村）便民服务站"}, []string{"演示值"})
	status, body = s.get("/services/" + bStreet + "?channel=online")
	expectPage(t, "offline guide online", status, body, 200, []string{"本事项不能在手机上办理，请到下列网点办理"}, []string{"网上办理（手机上即可办）"})
	status, body = s.get("/services/" + bCommunity + "?channel=online")
	expectPage(t, "online guide online", status, body, 200, []string{"本事项可以在手机上办理"}, nil)
	status, body = s.get("/services/" + bCommunity + "?point=nope")
	expectPage(t, "guide, unknown point", status, body, 200, []string{"没有找到编号为 nope 的办事网点", "申请材料"}, nil)
	status, body = s.get("/services/" + bDistrict + "/print")
	expectPage(t, "print", status, body, 200, []string{"法定办结时限：20个工作日", "演示值"}, []string{"下载PDF"})
}

// TestBrowseAPI checks the context parameters of /api/v1/items.
func TestBrowseAPI(t *testing.T) {
	s := newBrowseSite(t, false)
	cases := []struct {
		name, query string
		status      int
		want, not   []string
	}{
		{"all", "", 200, []string{bDistrict, bCommunity, bStreet}, nil},
		{"level", "level=community", 200, []string{bCommunity}, []string{bDistrict, bStreet}},
		{"station", "point=" + tpStation, 200, []string{bCommunity}, []string{bDistrict, bStreet}},
		{"street centre", "point=" + tpStreetCentre, 200, []string{bCommunity, bStreet}, []string{bDistrict}},
		{"online", "channel=online", 200, []string{bDistrict, bCommunity}, []string{bStreet}},
		{"both", "channel=online&point=" + tpStreetCentre, 200, []string{bCommunity}, []string{bDistrict, bStreet}},
		{"level and point", "level=district&point=" + tpStation, 200, []string{bCommunity, `"total":1`}, []string{bDistrict, bStreet}},
		{"search at a point", "q=" + url.QueryEscape("办证") + "&point=" + tpStation, 200, []string{bCommunity, `"matched"`}, []string{bDistrict}},
		{"bad level", "level=province", 400, []string{`"level"`, "行使层级无效"}, nil},
		{"bad channel", "channel=post", 400, []string{`"channel"`}, nil},
		{"unknown point", "point=320113999P01", 400, []string{`"point"`, "没有这个办事网点"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, body := s.get("/api/v1/items?" + c.query)
			expectPage(t, c.query, status, body, c.status, c.want, c.not)
		})
	}
	_, doc := s.get("/api/v1/openapi.json")
	for _, w := range []string{`"channel"`, `"point"`, "网上办"} {
		if !strings.Contains(doc, w) {
			t.Errorf("the OpenAPI document lacks %s", w)
		}
	}
}

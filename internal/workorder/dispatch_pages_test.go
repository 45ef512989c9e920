package workorder

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// newDispatchSite is the site with dispatch enabled, the demo catalogue,
// and the people of dispatch: property staff (wuye, wuye2) and a grid
// worker (grid) of 仙鹤, the enforcement team of its street (zhifa), the
// street centre's front desk (desk, a dispatcher), a leader and the
// administrator.
func newDispatchSite(t *testing.T) *site {
	t.Helper()
	r := newDispatchRig(t, true)
	xh := r.communities["仙鹤社区"]
	return siteOf(t, r, sessions{"res": resident(7), "desk": streetDesk(40, xh.StreetCode),
		"wuye": staff(101, authz.RoleProperty, communityScope(xh.Code)), "wuye2": staff(102, authz.RoleProperty, communityScope(xh.Code)),
		"grid": staff(21, authz.RoleGridWorker, communityScope(xh.Code)), "zhifa": staff(50, authz.RoleInspector, streetScope(xh.StreetCode)),
		"leader": staff(23, authz.RoleLeader, authz.District(district)), "admin": admin})
}

// post sends a console form.
func (s *site) post(path, who string, values url.Values) (int, string) {
	w := s.do("POST", path, who, strings.NewReader(values.Encode()), "application/x-www-form-urlencoded")
	return w.Code, w.Body.String() + w.Header().Get("Location")
}

// expect checks a status and the texts a response must contain.
func expect(t *testing.T, name string, code int, body string, want int, texts ...string) {
	t.Helper()
	if code != want {
		t.Errorf("%s: %d, want %d", name, code, want)
		return
	}
	for _, s := range texts {
		if !strings.Contains(body, s) {
			t.Errorf("%s: no %q", name, s)
		}
	}
}

func TestDispatchPages(t *testing.T) {
	s := newDispatchSite(t)
	pool := s.file(t, "WY-03", "仙鹤社区")
	direct := s.file(t, "MS-05", "仙鹤社区")
	get := func(path, who string) (int, string) {
		w := s.do("GET", path, who, nil, "")
		return w.Code, w.Body.String()
	}
	code, body := get(QueuePath, "wuye")
	expect(t, "property's queue", code, body, 200, "附近抢单（1）", pool.Number, "抢单", "使用我的位置", "workorder.js")
	code, body = get(QueuePath, "grid")
	expect(t, "grid worker's queue", code, body, 200, direct.Number, "签收", "退单理由", "附近抢单（0）")
	for _, who := range []string{"res", "admin", "leader"} {
		code, _ = get(QueuePath, who)
		expect(t, who+"'s queue", code, "", 403)
	}
	code, body = s.post(ConsolePath+"/"+pool.Number+"/grab", "wuye", nil)
	expect(t, "grab", code, body, 303, QueuePath+"?done="+pool.Number)
	code, body = s.post(ConsolePath+"/"+pool.Number+"/grab", "wuye2", nil)
	expect(t, "grab again", code, body, 409, "手慢了")
	code, body = get(QueuePath, "wuye")
	expect(t, "after the grab", code, body, 200, "我承接", "附近抢单（0）")
	code, body = s.post(QueuePath+"/availability", "wuye2", url.Values{"lat": {"32.10"}, "lng": {"abc"}})
	expect(t, "a bad position", code, body, 400, "经纬度无效")
	code, body = s.post(QueuePath+"/availability", "wuye2", url.Values{"lat": {"32.10"}, "lng": {"118.92"}})
	expect(t, "stop taking orders", code, body, 303, "done=availability")
	code, body = get(QueuePath, "wuye2")
	expect(t, "stopped", code, body, 200, "暂停接单", "位置上报于")

	code, body = s.post(ConsolePath+"/"+direct.Number+"/return", "grid", url.Values{"reason": {""}})
	expect(t, "return without a reason", code, body, 400, "请填写退单理由")
	code, body = s.post(ConsolePath+"/"+direct.Number+"/return", "grid", url.Values{"reason": {"应由街道答复"}})
	expect(t, "return", code, body, 303)
	code, body = get(ReviewPath, "desk")
	expect(t, "review queue", code, body, 200, "退单待审（1）", "应由街道答复", "维持派单", "区住建局", "仙林街道综合执法队")
	code, _ = get(ReviewPath, "grid")
	expect(t, "grid worker's review queue", code, "", 403)
	code, body = s.post(ConsolePath+"/"+direct.Number+"/assign", "desk", url.Values{"unit": {"street:"}, "mode": {"direct"}})
	expect(t, "re-assign without a note", code, body, 400, "请填写改派说明")
	code, body = s.post(ConsolePath+"/"+direct.Number+"/assign", "grid", url.Values{"unit": {"street:"}, "note": {"x"}})
	expect(t, "a grid worker re-assigns", code, body, 403)
	code, body = s.post(ConsolePath+"/"+direct.Number+"/assign", "desk", url.Values{"unit": {"street:"}, "mode": {"direct"},
		"assist": {"community:"}, "note": {"街道主办，社区协办"}})
	expect(t, "re-assign", code, body, 303, ReviewPath)
	if v, err := s.s.Hops(s.ctx, admin, direct.Number); err != nil || len(v.Hops) != 3 || v.Hops[2].UnitName != "仙鹤社区" {
		t.Errorf("hops after re-assigning: %+v %v", v, err)
	}
	// The street as a whole includes its enforcement team.
	code, body = get(QueuePath, "zhifa")
	expect(t, "enforcement team's queue", code, body, 200, "派给本单位（1）", "仙林街道")
}

func TestCataloguePages(t *testing.T) {
	s := newDispatchSite(t)
	code, body := s.do("GET", CataloguePath, "admin", nil, "").Code, s.do("GET", CataloguePath, "admin", nil, "").Body.String()
	expect(t, "catalogue", code, body, 200, "第 1 版", "电梯安全：物业主办，社区协办督促", "所在街道综合执法队", "允许", "八卦洲街道")
	if w := s.do("GET", CataloguePath, "desk", nil, ""); w.Code != 403 {
		t.Errorf("a dispatcher's catalogue page: %d", w.Code)
	}
	w := s.do("GET", CataloguePath+"/draft", "admin", nil, "")
	expect(t, "editor", w.Code, w.Body.String(), 200, "&#34;push_down&#34;: true")
	code, body = s.post(CataloguePath+"/draft", "admin", url.Values{"body": {"[{"}})
	expect(t, "bad JSON", code, body, 400, "JSON格式不正确")
	code, body = s.post(CataloguePath+"/draft", "admin", url.Values{"body": {`[{"category":"ZZ","unit":{"kind":"community"},"mode":"direct"}]`}})
	expect(t, "unknown category", code, body, 400, "rules[0].category", "不在当前发布的分类树中")
	code, body = s.post(CataloguePath+"/draft", "admin", url.Values{"body": {`[{"category":"MS","unit":{"kind":"community"},"mode":"grab"}]`}})
	expect(t, "good draft", code, body, 303, "done=saved")
	code, body = s.post(CataloguePath+"/draft", "desk", url.Values{"body": {`[]`}})
	expect(t, "a dispatcher saves", code, body, 403)
	code, body = s.post(CataloguePath+"/publish", "admin", url.Values{"note": {"民生服务改为抢单"}})
	expect(t, "publish", code, body, 303, "done=published")
	w = s.do("GET", CataloguePath, "admin", nil, "")
	expect(t, "after publishing", w.Code, w.Body.String(), 200, "第 2 版（1 条规则）", "民生服务改为抢单", "抢单")
}

func TestDispatchAPI(t *testing.T) {
	s := newDispatchSite(t)
	pool := s.file(t, "CG-04", "仙鹤社区") // illegal parking: the enforcement team's grab pool
	direct := s.file(t, "MS-05", "仙鹤社区")
	decode := func(b *bytes.Buffer, v any) {
		t.Helper()
		if err := json.Unmarshal(b.Bytes(), v); err != nil {
			t.Fatalf("%v: %s", err, b)
		}
	}
	w := s.call("GET", "/api/v1/workorder-queue", "zhifa", nil)
	var q Queue
	decode(w.Body, &q)
	if w.Code != 200 || len(q.Pool) != 1 || q.Pool[0].Number != pool.Number || !q.Pool[0].MayGrab {
		t.Fatalf("queue: %d %s", w.Code, w.Body)
	}
	for who, want := range map[string]int{"res": 403, "key": 403, "": 401, "leader": 403} {
		if w := s.call("GET", "/api/v1/workorder-queue", who, nil); w.Code != want {
			t.Errorf("%q's queue: %d", who, w.Code)
		}
	}
	if w := s.call("POST", "/api/v1/workorders/"+pool.Number+"/grab", "wuye", nil); w.Code != 403 {
		t.Errorf("property staff grab the enforcement pool: %d %s", w.Code, w.Body)
	}
	w = s.call("POST", "/api/v1/workorders/"+pool.Number+"/grab", "zhifa", nil)
	var v DispatchView
	decode(w.Body, &v)
	if w.Code != 200 || v.State != StateHandling || !v.Hops[0].Mine {
		t.Errorf("grab: %d %s", w.Code, w.Body)
	}
	if w := s.call("POST", "/api/v1/workorders/"+pool.Number+"/grab", "zhifa", nil); w.Code != 409 {
		t.Errorf("grab twice: %d", w.Code)
	}
	if w := s.call("GET", "/api/v1/workorders/"+pool.Number+"/hops", "zhifa", nil); w.Code != 200 {
		t.Errorf("the enforcement team reads the hops: %d", w.Code)
	}
	if w := s.call("GET", "/api/v1/workorders/"+pool.Number+"/hops", "res", nil); w.Code != 404 {
		t.Errorf("a resident reads the hops: %d", w.Code)
	}
	w = s.call("POST", "/api/v1/workorders/"+direct.Number+"/return", "grid", returnInput{})
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"reason":"required"`) {
		t.Errorf("return without a reason: %d %s", w.Code, w.Body)
	}
	if w := s.call("POST", "/api/v1/workorders/"+direct.Number+"/return", "grid", returnInput{Reason: "非社区职责"}); w.Code != 200 {
		t.Errorf("return: %d %s", w.Code, w.Body)
	}
	w = s.call("GET", "/api/v1/workorder-reviews", "desk", nil)
	var rq ReviewQueue
	decode(w.Body, &rq)
	if w.Code != 200 || len(rq.Returned) != 1 || rq.Returned[0].Reason != "非社区职责" {
		t.Errorf("reviews: %d %s", w.Code, w.Body)
	}
	if w := s.call("GET", "/api/v1/workorder-reviews", "grid", nil); w.Code != 403 {
		t.Errorf("a grid worker's reviews: %d", w.Code)
	}
	in := AssignInput{Unit: &Target{Kind: KindDepartment, Code: s.dept(t, "区民政局")}, Note: "社会救助类咨询"}
	if w := s.call("POST", "/api/v1/workorders/"+direct.Number+"/reassign", "grid", in); w.Code != 403 {
		t.Errorf("a grid worker re-assigns: %d", w.Code)
	}
	if w := s.call("POST", "/api/v1/workorders/"+direct.Number+"/reassign", "desk", in); w.Code != 200 {
		t.Errorf("re-assign: %d %s", w.Code, w.Body)
	}
	w = s.call("PUT", "/api/v1/workorder-availability", "zhifa", AvailabilityInput{Available: true, Lat: ptr(31.2), Lng: ptr(121.4)})
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"location":"outside_district"`) {
		t.Errorf("availability in Shanghai: %d %s", w.Code, w.Body)
	}
	if w := s.call("PUT", "/api/v1/workorder-availability", "zhifa", AvailabilityInput{Available: false}); w.Code != 200 ||
		!strings.Contains(w.Body.String(), `"available":false`) {
		t.Errorf("availability: %d %s", w.Code, w.Body)
	}
}

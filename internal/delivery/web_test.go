package delivery_test

import (
	"io"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// Session tokens of the test actors; CSRF tokens are "csrf-" + token.
var tokens = webtest.Sessions{"alice": alice, "bob": bob, "front": frontA, "frontB": frontB, "leader": leader,
	"approver": approver}

type site struct {
	*fixture
	rt *web.Router
}

func newSite(t testing.TB) *site {
	t.Helper()
	f := newFixture(t)
	rt := webtest.NewRouter(t, f.d, delivery.Templates, delivery.Nav(), tokens, func(rt *web.Router, rd *web.Renderer) {
		delivery.NewHandlers(f.s, rd).Register(rt)
	})
	return &site{fixture: f, rt: rt}
}

// do sends a request as who (session cookie and CSRF header), with ct as
// the body's Content-Type.
func (s *site) do(method, target, who string, body io.Reader, ct string) *httptest.ResponseRecorder {
	return webtest.Do(s.rt, method, target, who, body, ct)
}

// step is one request of a scenario and what it must answer.
type step struct {
	method, path, who string
	body              any // url.Values for a form, anything else as JSON
	status            int
	contains          string
}

func (s *site) run(t *testing.T, steps []step) {
	t.Helper()
	for i, st := range steps {
		var body io.Reader
		ct := ""
		switch b := st.body.(type) {
		case nil:
		case url.Values:
			body, ct = strings.NewReader(b.Encode()), webtest.FormCT
		default:
			body, ct = webtest.JSON(b), webtest.JSONCT
		}
		w := s.do(st.method, st.path, st.who, body, ct)
		if w.Code != st.status || !strings.Contains(w.Body.String(), st.contains) {
			t.Fatalf("step %d %s %s as %q: %d %s", i, st.method, st.path, st.who, w.Code, w.Body.String())
		}
	}
}

var sixDigits = regexp.MustCompile(`class="pickup-code">(\d{6})<`)

// TestPages: the applicant chooses on the phone pages, the front desk
// hands over, the overview counts.
func TestPages(t *testing.T) {
	s := newSite(t)
	d := s.decide(t, 1, alice, aliceID)
	path := delivery.MyDeliveryPath(d.ID)
	rev := func(n int) string { return strconv.Itoa(n) }
	s.run(t, []step{
		{"GET", "/my/deliveries", "alice", nil, 200, "选择领取方式"},
		{"GET", "/my/deliveries", "bob", nil, 200, "暂无待送达的证照"},
		{"GET", path, "alice", nil, 200, "同城取件"},
		{"GET", path + "?q=" + url.QueryEscape("不存在"), "alice", nil, 200, "找到 0 个网点"},
		{"GET", path, "bob", nil, 404, ""},
		{"GET", path, "", nil, 303, ""},
		{"POST", path + "/express", "alice", url.Values{"revision": {rev(1)}, "name": {"王小栖"}, "phone": {"12345"},
			"province": {"美国"}, "detail": {"栖霞"}}, 400, "收件人手机号码"},
		{"POST", path + "/express", "alice", url.Values{"revision": {rev(1)}, "name": {"王小栖"}, "phone": {"13800000001"},
			"province": {"江苏省"}, "detail": {"南京市栖霞区文苑路9号"}}, 303, ""},
		{"GET", path + "?done=express", "alice", nil, 200, "已选择快递寄送"},
		{"POST", path + "/express", "alice", url.Values{"revision": {rev(1)}, "name": {"王小栖"}, "phone": {"13800000001"},
			"province": {"江苏省"}, "detail": {"南京市栖霞区文苑路9号"}}, 409, "已经更新"},
		{"POST", path + "/pickup", "alice", url.Values{"revision": {rev(2)}, "point": {"320113P02"}}, 400, "不能领取证照"},
	})
	w := s.do("POST", path+"/pickup", "alice", strings.NewReader(url.Values{"revision": {rev(2)}, "point": {pointA}}.Encode()), webtest.FormCT)
	m := sixDigits.FindStringSubmatch(w.Body.String())
	if w.Code != 200 || m == nil || codeIn(s.notes.last().text) != m[1] {
		t.Fatalf("pickup page: %d %s", w.Code, w.Body.String())
	}
	if strings.Contains(s.do("GET", path, "alice", nil, "").Body.String(), m[1]) {
		t.Fatal("the code is shown again")
	}
	desk := delivery.PickupPath + "/" + strconv.FormatInt(d.ID, 10)
	s.run(t, []step{
		{"GET", delivery.PickupPath, "front", nil, 200, "QX202603020001"},
		{"GET", delivery.PickupPath, "frontB", nil, 200, "没有待领取的证照"},
		{"GET", delivery.PickupPath, "approver", nil, 403, ""},
		{"GET", desk, "front", nil, 200, desk + "/documents/" + strconv.FormatInt(d.ApplicationID*10, 10)},
		{"GET", desk, "frontB", nil, 403, ""},
		{"GET", desk + "/documents/" + strconv.FormatInt(d.ApplicationID*10, 10), "front", nil, 200, "%PDF"},
		{"GET", desk + "/documents/" + strconv.FormatInt(d.ApplicationID*10, 10), "frontB", nil, 403, ""},
		{"GET", desk + "/documents/" + strconv.FormatInt(d.ApplicationID*10, 10), "alice", nil, 403, ""},
		{"GET", desk + "/documents/999", "front", nil, 404, ""},
		{"GET", desk + "/documents/x", "front", nil, 400, ""},
		{"POST", desk, "front", url.Values{"code": {wrongCode(m[1])}, "id_number": {aliceID}}, 400, "取件码不正确"},
		{"POST", desk, "front", url.Values{"code": {m[1]}, "id_number": {bobID}}, 400, "与持证人不一致"},
		{"POST", desk, "front", url.Values{"code": {m[1]}, "id_number": {aliceID}}, 303, ""},
		{"GET", delivery.PickupPath + "?done=QX202603020001", "front", nil, 200, "已交付"},
		{"GET", path, "alice", nil, 200, "持证人已在窗口领取"},
		{"GET", delivery.OverviewPath, "leader", nil, 200, "已取件"},
		{"GET", delivery.OverviewPath, "front", nil, 403, ""},
	})
}

// TestAPIScenarios walks the JSON API: list, get, choose, track, hand
// over, overview.
func TestAPIScenarios(t *testing.T) {
	s := newSite(t)
	d := s.decide(t, 1, alice, aliceID)
	id := "/api/v1/deliveries/" + strconv.FormatInt(d.ID, 10)
	bad := goodAddress(1)
	bad.Postcode = "2100"
	s.run(t, []step{
		{"GET", "/api/v1/deliveries/mine", "alice", nil, 200, `"state":"awaiting"`},
		{"GET", "/api/v1/deliveries/mine", "", nil, 401, ""},
		{"GET", "/api/v1/deliveries/pickup-points", "alice", nil, 200, pointA},
		{"GET", id, "bob", nil, 404, ""},
		{"POST", id + "/express", "alice", bad, 400, `"postcode"`},
		{"POST", id + "/express", "bob", goodAddress(1), 404, ""},
		{"POST", id + "/pickup", "alice", delivery.PickupInput{Point: pointA}, 400, `"revision"`},
		{"POST", id + "/express", "alice", goodAddress(1), 200, `"state":"express"`},
		{"POST", id + "/pickup", "alice", delivery.PickupInput{Point: pointA, Revision: 1}, 409, ""},
		{"POST", id + "/pickup", "alice", delivery.PickupInput{Point: pointA, Revision: 2}, 200, `"pickup_code"`},
		{"GET", id, "alice", nil, 200, `"point":"` + pointA + `"`},
		{"GET", id + "/tracking", "alice", nil, 200, `"events":[`},
		{"POST", id + "/handover", "frontB", delivery.HandoverInput{Code: "123456", IDNumber: aliceID}, 403, ""},
		{"POST", id + "/handover", "front", delivery.HandoverInput{Code: "12", IDNumber: aliceID}, 400, `"code"`},
		{"GET", "/api/v1/deliveries/overview", "leader", nil, 200, `"total":1`},
		{"GET", "/api/v1/deliveries/overview", "alice", nil, 403, ""},
	})
	if strings.Contains(s.do("GET", id, "alice", nil, "").Body.String(), "code_hash") {
		t.Fatal("the code's hash is exposed")
	}
}

// TestOpenAPIDocumentsDelivery: every operation is in the document.
func TestOpenAPIDocumentsDelivery(t *testing.T) {
	s := newSite(t)
	w := s.do("GET", "/api/v1/openapi.json", "", nil, "")
	for _, op := range []string{"listMyDeliveries", "listPickupPoints", "getMyDelivery", "trackMyDelivery",
		"chooseDeliveryPickup", "chooseDeliveryExpress", "handOverDelivery", "getDeliveryOverview"} {
		if !strings.Contains(w.Body.String(), op) {
			t.Errorf("openapi lacks %s", op)
		}
	}
}

// TestDeskLockedPage: after five wrong tries the page says so and refuses
// the right code with 429.
func TestDeskLockedPage(t *testing.T) {
	s := newSite(t)
	d, code := s.waiting(t)
	desk := delivery.PickupPath + "/" + strconv.FormatInt(d.ID, 10)
	var steps []step
	for range delivery.MaxAttempts {
		steps = append(steps, step{"POST", desk, "front", url.Values{"code": {wrongCode(code)}, "id_number": {aliceID}}, 400, "取件码不正确"})
	}
	s.run(t, append(steps,
		step{"GET", desk, "front", nil, 200, "已锁定至"},
		step{"POST", desk, "front", url.Values{"code": {code}, "id_number": {aliceID}}, 429, "错误次数过多"},
	))
}

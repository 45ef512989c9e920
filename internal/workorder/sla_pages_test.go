package workorder

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// newClockSite is a clock rig behind a router with the module's pages and
// the clocks' pages: the handler ("handler"), the street's leader
// ("leader"), a worker of another community ("other") and a resident.
func newClockSite(t *testing.T) (*clockRig, *site) {
	t.Helper()
	r := newClockRig(t)
	rd, err := web.NewRenderer(Templates)
	if err != nil {
		t.Fatal(err)
	}
	rd.AddNav(Nav()...)
	rd.AddNav(ClockNav()...)
	who := sessions{"res": resident(7), "handler": r.handler(), "leader": r.leader(),
		"other": staff(33, authz.RoleGridWorker, communityScope(r.communities["尧化社区"].Code))}
	rt, err := web.New(web.Config{DB: r.d, Renderer: rd, Sessions: who, APIKeys: r.s, CSRFKey: bytes.Repeat([]byte("k"), 32),
		InsecureCookies: true, Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	NewHandlers(r.s, rd, district).Register(rt)
	NewClockHandlers(r.c, rd).Register(rt)
	return r, &site{rig: r.rig, rt: rt}
}

func TestTimePages(t *testing.T) {
	r, s := newClockSite(t)
	o := r.acceptedOrder(t)
	page := ConsolePath + "/" + o.Number + "/time"
	for _, c := range []struct {
		who      string
		status   int
		contains []string
		lacks    []string
	}{
		{"handler", 200, []string{"首次响应", "办结", "48小时", "申请延期", "申请挂账"}, []string{"延期挂账审批</a>"}},
		{"leader", 200, []string{"办结", "延期挂账审批"}, []string{"提交延期申请"}},
		{"other", 404, nil, nil},
		{"res", 404, nil, nil},
		{"", 303, nil, nil},
	} {
		w := s.do("GET", page, c.who, nil, "")
		if w.Code != c.status {
			t.Errorf("%s: %d", c.who, w.Code)
			continue
		}
		for _, want := range c.contains {
			if !strings.Contains(w.Body.String(), want) {
				t.Errorf("%s: no %q", c.who, want)
			}
		}
		for _, not := range c.lacks {
			if strings.Contains(w.Body.String(), not) {
				t.Errorf("%s: shows %q", c.who, not)
			}
		}
	}
	// Bad input comes back next to the fields; a good request returns to
	// the page.
	code, body := s.post(page+"/extension", "handler", url.Values{"reason": {""}, "new_due": {"2026-03-03T10:00"}})
	if code != 400 || !strings.Contains(body, "请填写延期理由") {
		t.Errorf("bad extension form: %d", code)
	}
	code, body = s.post(page+"/extension", "handler", url.Values{"reason": {"等待配件"}, "new_due": {"2026-03-06T17:30"}})
	if code != 303 || !strings.HasSuffix(body, "/time?done=extension") {
		t.Fatalf("extension form: %d %s", code, body)
	}
	if w := s.do("GET", page+"?done=extension", "handler", nil, ""); !strings.Contains(w.Body.String(), "延期申请已提交") ||
		strings.Contains(w.Body.String(), "提交延期申请") || !strings.Contains(w.Body.String(), "提交挂账申请") {
		t.Errorf("the page after asking still offers to ask, or no longer offers parking")
	}
	if code, _ = s.post(page+"/extension", "other", url.Values{"reason": {"x"}, "new_due": {"2026-03-06"}}); code != 404 {
		t.Errorf("another community's worker asks: %d", code)
	}
	// The leader sees it on the requests page and decides there.
	if w := s.do("GET", TimeRequestsPath, "leader", nil, ""); w.Code != 200 || !strings.Contains(w.Body.String(), o.Number) ||
		!strings.Contains(w.Body.String(), "等待配件") || !strings.Contains(w.Body.String(), "仙鹤社区") {
		t.Errorf("requests page: %d", w.Code)
	}
	if w := s.do("GET", TimeRequestsPath, "handler", nil, ""); w.Code != 403 {
		t.Errorf("handler on the requests page: %d", w.Code)
	}
	x, err := extensionTable.where(r.ctx, r.d, `x.order_id = ?`, o.ID)
	if err != nil || len(x) != 1 {
		t.Fatal(x, err)
	}
	decide := TimeRequestsPath + "/extensions/" + strconv.FormatInt(x[0].ID, 10)
	if code, body = s.post(decide, "leader", url.Values{"approve": {"0"}}); code != 400 || !strings.Contains(body, "请填写审批意见") {
		t.Errorf("refusal without a reason: %d", code)
	}
	if code, _ = s.post(decide, "handler", url.Values{"approve": {"1"}}); code != 403 {
		t.Errorf("handler decides: %d", code)
	}
	if code, body = s.post(decide, "leader", url.Values{"approve": {"1"}}); code != 303 || !strings.HasSuffix(body, "done=approved") {
		t.Errorf("approval: %d %s", code, body)
	}
	if w := s.do("GET", page, "handler", nil, ""); !strings.Contains(w.Body.String(), "已批准") ||
		!strings.Contains(w.Body.String(), "2026-03-06 17:30") {
		t.Errorf("time page after approval lacks the decision")
	}
}

func TestTimeAPI(t *testing.T) {
	r, s := newClockSite(t)
	o := r.acceptedOrder(t)
	base := "/api/v1/workorders/" + o.Number
	w := s.call("POST", base+"/parking", "handler", ParkingInput{Reason: "", ReviewOn: "昨天"})
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"review_on":"invalid"`) ||
		!strings.Contains(w.Body.String(), `"reason":"required"`) {
		t.Errorf("bad parking: %d %s", w.Code, w.Body)
	}
	w = s.call("POST", base+"/parking", "handler", ParkingInput{Reason: "需纳入改造计划", ReviewOn: "2026-06-30"})
	var p Parking
	if w.Code != 201 || json.Unmarshal(w.Body.Bytes(), &p) != nil || p.State != TimePending {
		t.Fatalf("parking: %d %s", w.Code, w.Body)
	}
	if w = s.call("POST", base+"/parking", "handler", ParkingInput{Reason: "x", ReviewOn: "2026-06-30"}); w.Code != 409 {
		t.Errorf("second parking: %d", w.Code)
	}
	var pending TimeRequests
	w = s.call("GET", "/api/v1/workorder-time-requests", "leader", nil)
	if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &pending) != nil || len(pending.Parkings) != 1 {
		t.Fatalf("pending: %d %s", w.Code, w.Body)
	}
	decide := "/api/v1/workorder-parkings/" + strconv.FormatInt(p.ID, 10) + "/decision"
	for who, want := range map[string]int{"handler": 403, "other": 403, "res": 403} {
		if w = s.call("POST", decide, who, TimeDecision{Approve: true}); w.Code != want {
			t.Errorf("%s decides: %d", who, w.Code)
		}
	}
	if w = s.call("POST", decide, "leader", TimeDecision{Approve: true, Note: "同意"}); w.Code != 200 {
		t.Fatalf("approve: %d %s", w.Code, w.Body)
	}
	var v TimeView
	w = s.call("GET", base+"/time", "handler", nil)
	if w.Code != 200 || json.Unmarshal(w.Body.Bytes(), &v) != nil || v.State != StateParked || !v.MayUnpark ||
		len(v.Clocks) != 2 || v.Clocks[1].State != ClockPaused {
		t.Fatalf("time: %d %s", w.Code, w.Body)
	}
	if w = s.call("GET", base+"/time", "other", nil); w.Code != 404 {
		t.Errorf("another community's worker reads the time: %d", w.Code)
	}
	if w = s.call("POST", base+"/unpark", "other", unparkInput{}); w.Code != 404 {
		t.Errorf("another community's worker resumes: %d", w.Code)
	}
	if w = s.call("POST", base+"/unpark", "handler", unparkInput{Note: "提前启动"}); w.Code != 200 ||
		!strings.Contains(w.Body.String(), `"state":"handling"`) {
		t.Errorf("unpark: %d %s", w.Code, w.Body)
	}
	if w = s.call("POST", base+"/unpark", "handler", unparkInput{}); w.Code != 409 {
		t.Errorf("unpark twice: %d", w.Code)
	}
	if w = s.call("GET", "/api/v1/openapi.json", "", nil); !strings.Contains(w.Body.String(), `"decideWorkorderExtension"`) {
		t.Errorf("API document lacks the clocks")
	}
}

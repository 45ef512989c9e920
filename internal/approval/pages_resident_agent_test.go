package approval_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

var agencyPath = regexp.MustCompile(`^/my/agents/(\d+)\?requested=1$`)

// TestResidentAuthorisesAnAgent: ask for an agent on an item offering
// 代办, see the named agent, authorise after the carrier check (purpose
// agency:<id>), then revoke.
func TestResidentAuthorisesAnAgent(t *testing.T) {
	site := apptest.Start(t)
	ctx := context.Background()
	v := signIn(t, site, "13812345621")
	p := v.get("/my/agents?item=" + itemSoleTrader)
	mustContain(t, "the request form", p, "申请代办：个体工商户设立登记", `name="note"`)

	if p = v.post("/my/agents", url.Values{"item": {itemSoleTrader}, "note": {strings.Repeat("长", 301)}}); p.Status != http.StatusBadRequest {
		t.Errorf("a 301-character note answered %d, want 400", p.Status)
	}
	mustContain(t, "the long note", p, "说明不能超过300字")
	p = v.post("/my/agents", url.Values{"item": {itemSoleTrader}, "note": {"工作日下午方便联系"}})
	m := agencyPath.FindStringSubmatch(p.Path)
	if m == nil {
		t.Fatalf("requesting an agent ended at %s (%d)", p.Path, p.Status)
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	base := "/my/agents/" + m[1]
	mustContain(t, "the request", p, "代办申请已提交", "等待办事网点指定")
	if strings.Contains(p.Body, "签署授权委托书") {
		t.Error("the applicant is offered to authorise before an agent is named")
	}

	if err := site.App.Approval.AssignAgent(ctx, frontDesk, id, frontDesk.AccountID); err != nil {
		t.Fatal(err)
	}
	p = v.get(base)
	mustContain(t, "the named agent", p, "已指定代办员，待您授权", "工号 9001", "开始身份核验")
	if p = v.post(base+"/authorise", nil); p.Status == http.StatusOK {
		t.Error("authorising without the carrier check succeeded")
	}
	p = v.post(base+"/verify/start", nil)
	vid := verification(t, p)
	p = v.post(base+"/verify/carrier", url.Values{"v": {vid}, "name": {"王小明"}, "id_number": {badCheckDigit(3)}, "phone": {"13812345621"}})
	if p.Status != http.StatusBadRequest {
		t.Errorf("a wrong check digit in the carrier check answered %d, want 400", p.Status)
	}
	p = v.post(base+"/verify/carrier", url.Values{"v": {vid}, "name": {"王小明"}, "id_number": {idNumber(3)}, "phone": {"13812345621"}})
	mustContain(t, "the SMS code step", p, "获取短信验证码")
	p = v.passCode(base, vid, "13812345621")
	mustContain(t, "the verified authorisation", p, "身份核验已完成", "授权委托书")
	if p = v.post(base+"/authorise", url.Values{"v": {vid}}); !strings.Contains(p.Path, "authorised=1") {
		t.Fatalf("authorising ended at %s (%d): %.500s", p.Path, p.Status, p.Body)
	}
	mustContain(t, "the authorised agent", p, "已授权代办员办理", "撤销授权")
	if p = v.post(base+"/revoke", nil); !strings.Contains(p.Path, "revoked=1") {
		t.Fatalf("revoking ended at %s (%d)", p.Path, p.Status)
	}
	mustContain(t, "the revoked agent", p, "已撤销授权")
	mustContain(t, "the list", v.get("/my/agents"), "个体工商户设立登记", "已撤销授权")

	other := signIn(t, site, "13812345622")
	if p = other.get(base); p.Status != http.StatusNotFound {
		t.Errorf("another resident sees the agent request: %d", p.Status)
	}
}

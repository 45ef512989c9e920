package supervision

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// newProposalSite serves the module's pages over a proposal rig.
func newProposalSite(t *testing.T) (*site, *proposalRig) {
	t.Helper()
	r := newProposalRig(t)
	who := webtest.Sessions{"approver": r.approver, "foreign": r.foreign, "leader": staff(9, authz.RoleLeader),
		"xl": inspector(7, r.streets["仙林街道"])}
	return &site{fixture: r.fixture, rt: r.router(t, who)}, r
}

// decide posts a decision form and returns the status with the body and
// the redirect's target.
func (s *site) decide(target, who, decision, reason string) (int, string) {
	body := url.Values{"decision": {decision}, "reason": {reason}}.Encode()
	w := s.do("POST", target, who, strings.NewReader(body), webtest.FormCT)
	return w.Code, w.Body.String() + w.Header().Get("Location")
}

func TestProposalPages(t *testing.T) {
	s, r := newProposalSite(t)
	path := ProposalsPath + "/" + strconv.FormatInt(r.id, 10)
	tests := []struct {
		name, target, who string
		status            int
		contains          []string
		absent            string
	}{
		{"approver's list", ProposalsPath, "approver", 200, []string{"QX1", "栖霞小厨餐饮店", "仙林街道", "2026-03-02",
			"现场无冷藏设备", "待决定", `href="` + ProposalsPath + `"`}, ""},
		{"leader's list", ProposalsPath, "leader", 200, []string{"QX1"}, ""},
		{"another department's list is empty", ProposalsPath, "foreign", 200, []string{"没有吊销提议"}, "QX1"},
		{"inspector has no list", ProposalsPath, "xl", 403, nil, ""},
		{"bad page", ProposalsPath + "?offset=x", "approver", 400, []string{"页码不正确"}, ""},
		{"approver's decision form", path, "approver", 200, []string{"作出决定", `value="revoke"`, `value="reject"`,
			"application_id=1", "不符合"}, "查看检查记录"},
		{"leader sees the visit, no form", path, "leader", 200, []string{"/console/inspections/" + strconv.FormatInt(r.task.ID, 10),
			"待审批部门作出决定"}, `value="revoke"`},
		{"another department cannot open it", path, "foreign", 404, nil, ""},
		{"unknown proposal", ProposalsPath + "/x", "approver", 404, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := s.do("GET", tt.target, tt.who, nil, "")
			body := w.Body.String()
			if w.Code != tt.status {
				t.Fatalf("%d %s", w.Code, body)
			}
			for _, c := range tt.contains {
				if !strings.Contains(body, c) {
					t.Fatalf("missing %q in %s", c, body)
				}
			}
			if tt.absent != "" && strings.Contains(body, tt.absent) {
				t.Fatalf("%q shown", tt.absent)
			}
		})
	}
}

func TestProposalDecisionPages(t *testing.T) {
	s, r := newProposalSite(t)
	path := ProposalsPath + "/" + strconv.FormatInt(r.id, 10)
	steps := []struct {
		name, who, decision, reason string
		status                      int
		contains                    string
	}{
		{"leader may not decide", "leader", DecisionRevoke, "告知承诺不实，吊销", 403, "您无权对吊销许可提议作出决定"},
		{"another department may not", "foreign", DecisionRevoke, "告知承诺不实，吊销", 404, ""},
		{"reason too short", "approver", DecisionRevoke, "不实", 422, "请填写决定理由（5到500个字）"},
		{"no decision", "approver", "", "告知承诺不实，吊销", 422, "请选择吊销或不予吊销"},
		{"approver revokes", "approver", DecisionRevoke, "告知承诺不实，吊销", 303, path + "?done=revoke"},
		{"decided already", "approver", DecisionReject, "改为不予吊销", 409, "不能重复决定"},
	}
	calls := 0 // only the revocation reaches the licence module
	for _, st := range steps {
		code, body := s.decide(path, st.who, st.decision, st.reason)
		if code != st.status || !strings.Contains(body, st.contains) {
			t.Fatalf("%s: %d %s", st.name, code, body)
		}
		if code == 303 {
			calls++
		}
		if r.lic.count() != calls {
			t.Fatalf("%s: %d calls to the licence module, want %d", st.name, r.lic.count(), calls)
		}
	}
	w := s.do("GET", path+"?done=revoke", "approver", nil, "")
	for _, want := range []string{"已决定吊销许可", "已吊销", "吊销电子证照 1 件", "理由：告知承诺不实，吊销"} {
		if !strings.Contains(w.Body.String(), want) {
			t.Fatalf("missing %q in %s", want, w.Body.String())
		}
	}
	if strings.Contains(w.Body.String(), `value="revoke"`) {
		t.Fatal("decided proposal still shows the form")
	}
}

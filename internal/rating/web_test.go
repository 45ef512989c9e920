package rating_test

import (
	"context"
	"io"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// Session tokens of the test actors; CSRF tokens are "csrf-" + token.
var tokens = webtest.Sessions{"admin": admin, "approver": approverA, "approverB": approverB, "front": frontA,
	"leader": leader, "alice": alice, "bob": bob}

type site struct {
	*fixture
	rt *web.Router
}

func newSite(t testing.TB) *site {
	t.Helper()
	f := newFixture(t)
	names := func(_ context.Context, ids []int64) map[int64]string {
		out := map[int64]string{}
		for _, id := range ids {
			if id == frontA.AccountID {
				out[id] = "李*"
			}
		}
		return out
	}
	rt := webtest.NewRouter(t, f.d, rating.Templates, rating.Nav(), tokens, func(rt *web.Router, rd *web.Renderer) {
		rating.NewHandlers(f.s, rd, district, rating.WithStaffNames(names)).Register(rt)
	})
	return &site{fixture: f, rt: rt}
}

// do sends a request as who (session cookie and CSRF header), with ct as
// the body's Content-Type.
func (s *site) do(method, target, who string, body io.Reader, ct string) *httptest.ResponseRecorder {
	return webtest.Do(s.rt, method, target, who, body, ct)
}

func form(v url.Values) io.Reader { return strings.NewReader(v.Encode()) }

// TestAPIScenarios walks the JSON API: rate, rate again, the case opened,
// callback, submit, review, statistics.
func TestAPIScenarios(t *testing.T) {
	s := newSite(t)
	s.decide(t, 1, alice, deptA)
	s.decide(t, 2, alice, deptA)
	steps := []struct {
		method, path, who string
		body              any
		status            int
		contains          string
	}{
		{"GET", "/api/v1/ratings/stats", "", nil, 200, `"rated":0`},
		{"GET", "/api/v1/ratings/mine", "alice", nil, 200, `"case_id":1`},
		{"GET", "/api/v1/ratings/mine", "", nil, 401, ""},
		{"GET", "/api/v1/ratings/cases/application/1", "bob", nil, 404, ""},
		{"POST", "/api/v1/ratings/cases/application/1", "bob", rating.Input{Level: 1}, 404, ""},
		{"POST", "/api/v1/ratings/cases/application/1", "alice", rating.Input{Level: 9}, 400, `"level"`},
		{"POST", "/api/v1/ratings/cases/application/1", "alice", rating.Input{Level: 5, Tags: []string{"价格便宜"}}, 400, `"tags"`},
		{"POST", "/api/v1/ratings/cases/application/1", "alice", rating.Input{Level: 5, Tags: []string{"办事快捷"}}, 201, `"level_name":"非常满意"`},
		{"POST", "/api/v1/ratings/cases/application/1", "alice", rating.Input{Level: 1}, 409, ""},
		{"POST", "/api/v1/ratings/cases/application/2", "alice", rating.Input{Level: 2, Tags: []string{"多次跑腿"}, Comment: "跑了两次"}, 201, `"level":2`},
		{"GET", "/api/v1/rating-rectifications", "approverB", nil, 200, `[]`},
		{"GET", "/api/v1/rating-rectifications?state=open", "approver", nil, 200, `"state":"open"`},
		{"GET", "/api/v1/rating-rectifications/1", "approverB", nil, 403, ""},
		{"GET", "/api/v1/rating-rectifications/1", "alice", nil, 403, ""},
		{"POST", "/api/v1/rating-rectifications/1/submit", "approver", rating.SubmitInput{Measures: "整改"}, 400, `"callbacks"`},
		{"POST", "/api/v1/rating-rectifications/1/callbacks", "front", rating.CallbackInput{Reached: true, Note: "已致歉"}, 200, `"note":"已致歉"`},
		{"POST", "/api/v1/rating-rectifications/1/submit", "approver", rating.SubmitInput{Measures: "精简材料"}, 200, `"state":"submitted"`},
		{"POST", "/api/v1/rating-rectifications/1/review", "approver", rating.ReviewInput{Outcome: rating.Accepted}, 403, ""},
		{"POST", "/api/v1/rating-rectifications/1/review", "leader", rating.ReviewInput{Outcome: rating.Accepted}, 200, `"state":"closed"`},
		{"POST", "/api/v1/rating-rectifications/1/review", "leader", rating.ReviewInput{Outcome: rating.Accepted}, 409, ""},
		{"GET", "/api/v1/ratings/stats", "", nil, 200, `"rectification_rate":100`},
	}
	for i, st := range steps {
		w := webtest.DoJSON(s.rt, st.method, st.path, st.who, st.body)
		if w.Code != st.status || !strings.Contains(w.Body.String(), st.contains) {
			t.Fatalf("step %d %s %s as %q: %d %s", i, st.method, st.path, st.who, w.Code, w.Body.String())
		}
	}
}

// TestPages: the resident rates on the page, the unit handles the case on
// the console, the public page shows the figures.
func TestPages(t *testing.T) {
	s := newSite(t)
	s.decide(t, 1, alice, deptA)
	path := rating.RatePath(rating.CaseApplication, 1)
	pages := []struct {
		method, path, who string
		body              url.Values
		status            int
		contains          string
	}{
		{"GET", "/my/ratings", "alice", nil, 200, "去评价"},
		{"GET", path, "alice", nil, 200, "提交评价"},
		{"GET", path, "bob", nil, 404, ""},
		{"POST", path, "alice", url.Values{"level": {"1"}, "comment": {strings.Repeat("长", 501)}}, 400, "500"},
		{"POST", path, "alice", url.Values{"level": {"1"}, "tags": {"多次跑腿"}, "comment": {"跑了三次"}}, 303, ""},
		{"GET", path + "?done=1", "alice", nil, 200, "感谢您的评价"},
		{"POST", path, "alice", url.Values{"level": {"5"}}, 409, "只能评价一次"},
		{"GET", "/console/ratings", "approver", nil, 200, "食品经营许可"},
		{"GET", "/console/ratings", "approverB", nil, 200, "没有差评整改件"},
		{"GET", "/console/ratings/1", "front", nil, 200, "记录回访"},
		{"GET", "/console/ratings/1", "approverB", nil, 403, ""},
		{"POST", "/console/ratings/1/callbacks", "front", url.Values{"note": {""}}, 400, "请填写回访情况"},
		{"POST", "/console/ratings/1/callbacks", "front", url.Values{"reached": {"yes"}, "note": {"已致歉"}}, 303, ""},
		{"GET", "/console/ratings/1?done=callback", "front", nil, 200, "李*"},
		{"POST", "/console/ratings/1/submit", "approver", url.Values{"measures": {"一次告知"}}, 303, ""},
		{"GET", "/console/ratings/1", "approver", nil, 200, "工作人员 #2"},
		{"GET", "/console/ratings/1?done=submit", "leader", nil, 200, "审核整改"},
		{"POST", "/console/ratings/1/review", "leader", url.Values{"outcome": {"returned"}}, 400, "退回时请写明理由"},
		{"POST", "/console/ratings/1/review", "leader", url.Values{"outcome": {"accepted"}}, 303, ""},
		{"GET", "/ratings", "", nil, 200, "区市场监管局"},
	}
	for i, p := range pages {
		var body io.Reader
		ct := ""
		if p.body != nil {
			body, ct = form(p.body), webtest.FormCT
		}
		w := s.do(p.method, p.path, p.who, body, ct)
		if w.Code != p.status || !strings.Contains(w.Body.String(), p.contains) {
			t.Fatalf("page %d %s %s as %q: %d %s", i, p.method, p.path, p.who, w.Code, w.Body.String())
		}
	}
}

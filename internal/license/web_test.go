package license_test

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// Session tokens of the test actors; CSRF tokens are "csrf-" + token.
var tokens = webtest.Sessions{"admin": admin, "approverA": approverA, "approverB": approverB,
	"front": frontDesk, "holder": holder, "stranger": stranger}

type site struct {
	*fixture
	rt *web.Router
}

func newSite(t testing.TB) *site {
	t.Helper()
	f := newFixture(t)
	rt := webtest.NewRouter(t, f.d, license.Templates, nil, tokens, func(rt *web.Router, rd *web.Renderer) {
		license.NewHandlers(f.s, rd).Register(rt)
	})
	return &site{fixture: f, rt: rt}
}

// do sends a request as who (session cookie and CSRF header), with body,
// when not nil, as JSON.
func (s *site) do(method, target, who string, body any) *httptest.ResponseRecorder {
	return webtest.DoJSON(s.rt, method, target, who, body)
}

func TestAPIScenarios(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	id := strconv.FormatInt(l.ID, 10)
	ident := l.Meta.Identifier
	wrong := ident[:len(ident)-1] + map[bool]string{true: "1", false: "0"}[ident[len(ident)-1] == '0']
	for _, tc := range []struct {
		name, method, path, who string
		body                    any
		status                  int
		want, not               string
	}{
		{"anyone may verify", "GET", "/api/v1/licences/" + ident + "/verify", "", nil, 200, `"verdict":"current"`, personID},
		{"verification hides the account", "GET", "/api/v1/licences/" + ident + "/verify", "", nil, 200, `"holder_account":0`, `"holder_account":70`},
		{"wrong check character", "GET", "/api/v1/licences/" + wrong + "/verify", "", nil, 400, "校验位", ""},
		{"malformed identifier", "GET", "/api/v1/licences/1.2.3/verify", "", nil, 400, "identifier", ""},
		{"holder may list own", "GET", "/api/v1/me/licences", "holder", nil, 200, ident, personID},
		{"anonymous may not list", "GET", "/api/v1/me/licences", "", nil, 401, "", ""},
		{"holder may export", "GET", "/api/v1/licences/" + id + "/export", "holder", nil, 200, personID, ""},
		{"stranger may not export", "GET", "/api/v1/licences/" + id + "/export", "stranger", nil, 404, "", personID},
		{"approver of another department may not suspend", "POST", "/api/v1/licences/" + id + "/suspend", "approverB",
			license.StatusInput{Reason: "检查"}, 403, "", ""},
		{"suspension needs a reason", "POST", "/api/v1/licences/" + id + "/suspend", "approverA",
			license.StatusInput{}, 400, "reason", ""},
		{"approver may suspend", "POST", "/api/v1/licences/" + id + "/suspend", "approverA",
			license.StatusInput{Reason: "责令整改"}, 200, `"suspended"`, personID},
		{"verify shows suspension", "GET", "/api/v1/licences/" + ident + "/verify", "", nil, 200, "责令整改", ""},
		{"admin may revoke", "POST", "/api/v1/licences/" + id + "/revoke", "admin",
			license.StatusInput{Reason: "告知承诺不实"}, 200, `"revoked"`, ""},
		{"revoked cannot be reinstated", "POST", "/api/v1/licences/" + id + "/reinstate", "admin",
			license.StatusInput{Reason: "恢复"}, 409, "", ""},
		{"front desk may not issue", "POST", "/api/v1/licences", "front", input(), 403, "", ""},
		{"approver may issue", "POST", "/api/v1/licences", "approverA", input(), 201, "2026000002", personID},
	} {
		w := s.do(tc.method, tc.path, tc.who, tc.body)
		body := w.Body.String()
		if w.Code != tc.status || !strings.Contains(body, tc.want) || (tc.not != "" && strings.Contains(body, tc.not)) {
			t.Errorf("%s: %d %s", tc.name, w.Code, body)
		}
	}
}

func TestVerifyPage(t *testing.T) {
	s := newSite(t)
	l := s.issue(t)
	w := s.do("GET", "/licences/verify?id="+url.QueryEscape(l.Meta.Identifier), "", nil)
	body := w.Body.String()
	if w.Code != 200 || !strings.Contains(body, "真实有效") || !strings.Contains(body, "张*") ||
		strings.Contains(body, personID) || strings.Contains(body, "张三") {
		t.Fatalf("page: %d %s", w.Code, body)
	}
	w = s.do("GET", "/licences/verify?id=1.2.156.3005.2.X", "", nil)
	if w.Code != 400 || !strings.Contains(w.Body.String(), "证照标识") {
		t.Fatalf("bad identifier page: %d", w.Code)
	}
	w = s.do("GET", "/licences/verify", "", nil)
	if w.Code != 200 || strings.Contains(w.Body.String(), "核验结果") {
		t.Fatalf("empty page: %d", w.Code)
	}
}

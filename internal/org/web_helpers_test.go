package org

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// Who signs in, by session token. Each holds one role over one scope.
const (
	anon         = ""
	tokAdmin     = "tok-admin"      // administrator of the district
	tokStAdmin   = "tok-st-admin"   // administrator of 尧化街道 (320113001)
	tokMqAdmin   = "tok-mq-admin"   // administrator of 马群街道 (320113002), which runs 东阳 and 西花
	tokGrid      = "tok-grid"       // grid worker of 尧化街道
	tokFrontDesk = "tok-front-desk" // 全科社工 of 马群街道
	tokLeader    = "tok-leader"     // leader of the district
	tokApprover  = "tok-approver"   // approver of 320113D01
	tokResident  = "tok-resident"
	tokVolunteer = "tok-volunteer"
)

// Codes used across the tests.
const (
	yaohua      = "320113001"    // 尧化街道
	maqun       = "320113002"    // 马群街道
	yaohuaComm  = "320113001001" // 尧化社区
	maqunComm   = "320113002001" // 马群社区
	dongyang    = "320113401001" // 东阳社区, attached to 马群街道
	yaohuaGrid  = "320113001001001"
	yaohuaPoint = "320113001P01" // 尧化街道政务服务中心
	maqunPoint  = "320113002P01"
	dept01      = "320113D01"
)

// testActors resolves the test tokens; each session's CSRF token is
// "csrf-" + its token.
var testActors = webtest.Sessions{
	tokAdmin:     actorWith(101, authz.RoleAdmin, authz.District(QixiaCode)),
	tokStAdmin:   actorWith(102, authz.RoleAdmin, street(yaohua)),
	tokMqAdmin:   actorWith(103, authz.RoleAdmin, street(maqun)),
	tokGrid:      actorWith(104, authz.RoleGridWorker, street(yaohua)),
	tokFrontDesk: actorWith(105, authz.RoleFrontDesk, street(maqun)),
	tokLeader:    actorWith(106, authz.RoleLeader, authz.District(QixiaCode)),
	tokApprover:  actorWith(107, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: dept01}),
	tokResident:  actorWith(108, authz.RoleResident, authz.Self(108)),
	tokVolunteer: actorWith(109, authz.RoleVolunteer, street(yaohua)),
}

// testNames knows the names of a few accounts, as identity would.
func testNames(ctx context.Context, ids []int64) map[int64]string {
	known := map[int64]string{104: "网格员小周", 501: "王*明"}
	out := map[int64]string{}
	for _, id := range ids {
		if n, ok := known[id]; ok {
			out[id] = n
		}
	}
	return out
}

// site is a router serving the module over a seeded database.
type site struct {
	d    *db.DB
	rt   *web.Router
	logs *webtest.LogBuffer // the request log, to show why a request failed
}

func newSite(t testing.TB) *site {
	t.Helper()
	d, svc := seededService(t)
	logs := &webtest.LogBuffer{}
	rt := webtest.Site{DB: d, Templates: Templates, Nav: Nav(), Sessions: testActors,
		Logger:   slog.New(slog.NewJSONHandler(logs, nil)),
		Register: func(rt *web.Router, rd *web.Renderer) { NewHandlers(svc, rd, QixiaCode, testNames).Register(rt) },
	}.Router(t)
	return &site{d: d, rt: rt, logs: logs}
}

// serve runs one request through the router.
func (s *site) serve(r *http.Request) *httptest.ResponseRecorder {
	return webtest.Serve(s.rt, r)
}

// get requests a page or API path as who.
func (s *site) get(who, target string) *httptest.ResponseRecorder {
	return s.serve(newReq("GET", target, who, nil))
}

// post sends a page form as who, with the session's CSRF token.
func (s *site) post(who, target string, form url.Values) *httptest.ResponseRecorder {
	if who != anon {
		form = cloneValues(form)
		form.Set(web.CSRFField, webtest.CSRF(who))
	}
	return s.serve(formReq(target, who, form))
}

// postJSON sends an API request body as who, with the CSRF header.
func (s *site) postJSON(who, target, body string, headers ...string) *httptest.ResponseRecorder {
	r := webtest.Request("POST", target, who, strings.NewReader(body), webtest.JSONCT)
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return s.serve(r)
}

func newReq(method, target, who string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, target, body)
	if who != anon {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: who})
	}
	return r
}

func formReq(target, who string, form url.Values) *http.Request {
	r := newReq("POST", target, who, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", webtest.FormCT)
	return r
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

// errorOf decodes the API error envelope.
func errorOf(t testing.TB, w *httptest.ResponseRecorder) web.ErrorDetail {
	t.Helper()
	var b web.ErrorBody
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil || b.Error.Code == "" {
		t.Fatalf("not the error envelope (%d): %q", w.Code, w.Body.String())
	}
	return b.Error
}

// decode reads a JSON response into v.
func decode(t testing.TB, w *httptest.ResponseRecorder, v any) {
	t.Helper()
	if err := json.Unmarshal(w.Body.Bytes(), v); err != nil {
		t.Fatalf("response is not JSON: %q: %v", w.Body.String(), err)
	}
}

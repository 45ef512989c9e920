package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSessionResolvesActor(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var got struct {
		name, session, request string
		info                   SessionInfo
		ok                     bool
	}
	h.rt.Page("GET /who", func(w http.ResponseWriter, r *http.Request) {
		got.name, got.session, got.request = "", "", ""
		if a := ActorFrom(r.Context()); a != nil {
			got.name, got.session, got.request = a.Name, a.SessionID, a.RequestID
		}
		got.info, got.ok = SessionFrom(r.Context())
	})
	tests := []struct {
		name, token, wantName string
		status                int
		cleared               bool
	}{
		{"anonymous", "", "", 200, false},
		{"resident", "tok-resident", "张*", 200, false},
		{"staff", "tok-staff", "李**", 200, false},
		{"expired session", "tok-gone", "", 200, true},
		{"not a token", strings.Repeat("x", 300), "", 200, true},
		{"control bytes (dropped by the cookie parser)", "tok\x01x", "", 200, false},
		{"session store down", "tok-broken", "", 503, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := req("GET", "/who", "", nil)
			if tc.token != "" {
				r.Header.Set("Cookie", SessionCookie+"="+tc.token)
			}
			w := h.do(r)
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if tc.status != 200 {
				if !strings.Contains(w.Body.String(), "暂时无法确认您的登录状态") {
					t.Errorf("503 page lacks its message: %s", w.Body.String())
				}
				return
			}
			if got.name != tc.wantName {
				t.Errorf("actor %q, want %q", got.name, tc.wantName)
			}
			if tc.wantName != "" && (got.session == "" || got.request != w.Header().Get(RequestIDHeader) || !got.ok || got.info.ID != got.session) {
				t.Errorf("actor does not carry its session/request: %+v", got)
			}
			c := cookieNamed(w, SessionCookie)
			if cleared := c != nil && c.MaxAge < 0; cleared != tc.cleared {
				t.Errorf("session cookie cleared=%v, want %v", cleared, tc.cleared)
			}
		})
	}
}

func TestSessionActorIsACopy(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /who", func(w http.ResponseWriter, r *http.Request) { ActorFrom(r.Context()).Name = "changed" })
	h.do(req("GET", "/who", "tok-resident", nil))
	if residentActor.Name != "张*" || residentActor.RequestID != "" {
		t.Fatal("the session source's actor was modified")
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	t.Parallel()
	for _, secure := range []bool{true, false} {
		w := httptest.NewRecorder()
		exp := time.Date(2025, 3, 4, 0, 0, 0, 0, time.UTC)
		SetSessionCookie(w, "abc", exp, secure)
		c := cookieNamed(w, SessionCookie)
		if c.Value != "abc" || !c.HttpOnly || c.Secure != secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || !c.Expires.Equal(exp) {
			t.Errorf("session cookie %+v", c)
		}
		w = httptest.NewRecorder()
		ClearSessionCookie(w, secure)
		c = cookieNamed(w, SessionCookie)
		if c.MaxAge >= 0 || c.Value != "" || !c.HttpOnly || c.Secure != secure {
			t.Errorf("cleared cookie %+v", c)
		}
	}
}

func TestSignInRequired(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /private", okHandler, SignedIn)
	h.rt.Page("POST /private", okHandler, SignedIn)
	h.rt.API(Op{Method: "GET", Path: "/mine", OperationID: "mine", Summary: "我的", Auth: true,
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)

	w := h.do(req("GET", "/private?tab=1", "", nil))
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/login?next=%2Fprivate%3Ftab%3D1" {
		t.Errorf("anonymous GET: %d %q", w.Code, w.Header().Get("Location"))
	}
	if w := h.do(req("GET", "/private", "tok-resident", nil)); w.Code != 200 {
		t.Errorf("signed-in GET: %d", w.Code)
	}
	post := anonPost(t, h, "/private")
	if w := h.do(post); w.Code != 401 || !strings.Contains(w.Body.String(), "请先登录") || !strings.Contains(w.Body.String(), `href="/login"`) {
		t.Errorf("anonymous POST: %d %s", w.Code, w.Body.String())
	}
	w = h.do(req("GET", "/api/v1/mine", "", nil))
	if w.Code != 401 || envelope(t, w).Code != "unauthorized" {
		t.Errorf("anonymous API: %d %s", w.Code, w.Body.String())
	}
	if w := h.do(req("GET", "/api/v1/mine", "tok-staff", nil)); w.Code != 200 || w.Body.String() != "ok 李**" {
		t.Errorf("signed-in API: %d %s", w.Code, w.Body.String())
	}
}

func TestAPIKeys(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.API(Op{Method: "GET", Path: "/mine", OperationID: "mine", Summary: "我的", Auth: true,
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	h.rt.Page("GET /page", okHandler)
	tests := []struct {
		name, path, auth string
		status           int
		body             string
	}{
		{"valid key", "/api/v1/mine", "Bearer secret-key-1", 200, "ok 12345 热线对接"},
		{"lower-case scheme", "/api/v1/mine", "bearer secret-key-1", 200, "ok 12345 热线对接"},
		{"unknown key", "/api/v1/mine", "Bearer nope-nope", 401, "API 密钥无效或已停用"},
		{"empty bearer", "/api/v1/mine", "Bearer ", 401, "请先登录"},
		{"basic auth is no key", "/api/v1/mine", "Basic dTpw", 401, "请先登录"},
		{"keys are for the API only", "/page", "Bearer secret-key-1", 200, "ok anonymous"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := req("GET", tc.path, "", nil)
			r.Header.Set("Authorization", tc.auth)
			w := h.do(r)
			if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("%d %s, want %d %q", w.Code, w.Body.String(), tc.status, tc.body)
			}
		})
	}
	noKeys := h.fork(t, func(c *Config) { c.APIKeys = nil })
	noKeys.rt.API(Op{Method: "GET", Path: "/mine", OperationID: "mine", Summary: "我的",
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	r := req("GET", "/api/v1/mine", "", nil)
	r.Header.Set("Authorization", "Bearer secret-key-1")
	if w := noKeys.do(r); w.Code != 401 || !strings.Contains(w.Body.String(), "不接受 API 密钥") {
		t.Errorf("key without a key source: %d %s", w.Code, w.Body.String())
	}
}

func TestAnonymousCSRFCookie(t *testing.T) {
	t.Parallel()
	h := newHarness(t, func(c *Config) { c.InsecureCookies = true })
	h.rt.Page("GET /form", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(CSRFToken(r.Context()))) })

	w := h.do(req("GET", "/form", "", nil))
	c := cookieNamed(w, AnonCSRFCookie)
	if c == nil || !c.HttpOnly || c.Secure || c.SameSite != http.SameSiteLaxMode || c.MaxAge != int(anonTokenLife.Seconds()) {
		t.Fatalf("anonymous cookie %+v", c)
	}
	if w.Body.String() != c.Value {
		t.Fatalf("page token %q differs from the cookie %q", w.Body.String(), c.Value)
	}
	again := func() *httptest.ResponseRecorder {
		r := req("GET", "/form", "", nil)
		r.AddCookie(c)
		return h.do(r)
	}
	if w := again(); cookieNamed(w, AnonCSRFCookie) != nil || w.Body.String() != c.Value {
		t.Error("a fresh token was replaced")
	}
	h.clock.Advance(61 * time.Minute)
	w = again()
	renewed := cookieNamed(w, AnonCSRFCookie)
	if renewed == nil || renewed.Value == c.Value || w.Body.String() != renewed.Value {
		t.Error("a token past half its life was not renewed")
	}
	if w := h.do(req("GET", "/form", "tok-resident", nil)); cookieNamed(w, AnonCSRFCookie) != nil || w.Body.String() != "csrf-7" {
		t.Errorf("signed-in visitor: token %q", w.Body.String())
	}
	if w := h.do(req("GET", "/api/v1/openapi.json", "", nil)); cookieNamed(w, AnonCSRFCookie) != nil {
		t.Error("API call got a CSRF cookie")
	}
}

package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// testKey signs anonymous CSRF tokens in tests.
var testKey = bytes.Repeat([]byte("k"), 32)

// t0 is the tests' starting time.
var t0 = time.Date(2025, 3, 3, 2, 0, 0, 0, time.UTC)

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// lines decodes each JSON log line.
func (b *syncBuffer) lines(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// fakeSessions resolves a fixed set of tokens.
type fakeSessions struct {
	mu     sync.Mutex
	calls  int
	tokens map[string]fakeSession
}

type fakeSession struct {
	actor *authz.Actor
	info  SessionInfo
}

func (f *fakeSessions) Lookup(ctx context.Context, token string) (*authz.Actor, SessionInfo, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if token == "tok-broken" {
		return nil, SessionInfo{}, errors.New("identity: lookup session: connection refused")
	}
	s, ok := f.tokens[token]
	if !ok {
		return nil, SessionInfo{}, apperr.New(apperr.CodeUnauthorized, "会话已失效")
	}
	return s.actor, s.info, nil
}

// fakeKeys resolves a fixed set of API keys.
type fakeKeys map[string]*authz.Actor

func (f fakeKeys) Lookup(ctx context.Context, key string) (*authz.Actor, APIKeyInfo, error) {
	a, ok := f[key]
	if !ok {
		return nil, APIKeyInfo{}, apperr.NotFound("密钥不存在")
	}
	return a, APIKeyInfo{ID: "key-" + key[:4]}, nil
}

var (
	residentActor = &authz.Actor{AccountID: 7, Kind: authz.KindResident, Name: "张*", District: "320113",
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(7)}}}
	staffActor = &authz.Actor{AccountID: 8, Kind: authz.KindStaff, Name: "李**", District: "320113",
		Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"}}}}
	adminActor = &authz.Actor{AccountID: 9, Kind: authz.KindStaff, Name: "王*", District: "320113",
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District("320113")}}}
	systemKeyActor = &authz.Actor{AccountID: 50, Kind: authz.KindStaff, Name: "12345 热线对接", District: "320113"}
)

// testPages are module templates used across the tests.
var testPages = fstest.MapFS{
	"demo/hello.html": {Data: []byte(`{{define "title"}}问候{{end}}
{{define "content"}}<h1>你好，{{.Data}}</h1>{{template "_note.html" .}}<form method="post">{{csrfField $}}</form>{{end}}`)},
	"demo/_note.html": {Data: []byte(`<p class="note">{{t "demo.note"}}</p>`)},
	"demo/desk.html": {Data: []byte(`{{template "console" .}}
{{define "title"}}工作台{{end}}
{{define "content"}}<h1>待办</h1>{{end}}`)},
	"demo/broken.html": {Data: []byte(`{{define "title"}}坏{{end}}
{{define "content"}}<p>开始</p>{{.Data.Missing.Field}}{{end}}`)},
	"strings.json": {Data: []byte(`{"demo.note": "这是说明", "demo.count": "共 %d 件"}`)},
}

type harness struct {
	rt       *Router
	logs     *syncBuffer
	clock    *clock.Manual
	sessions *fakeSessions
}

// newHarness builds a router on a fresh database with test pages and
// sessions; mods adjust the config.
func newHarness(t testing.TB, mods ...func(*Config)) *harness {
	t.Helper()
	c := clock.NewManual(t0)
	rd, err := NewRenderer(testPages)
	if err != nil {
		t.Fatalf("NewRenderer: %v", err)
	}
	rd.AddNav(
		NavItem{Shell: ShellResident, Label: "首页", Href: "/", Order: 1},
		NavItem{Shell: ShellResident, Label: "我的", Href: "/me", Order: 3, SignedIn: true},
		NavItem{Shell: ShellResident, Label: "办事", Href: "/services", Order: 2},
		NavItem{Shell: ShellConsole, Label: "受理台", Href: "/console/desk", Roles: []authz.Role{authz.RoleFrontDesk}},
		NavItem{Shell: ShellConsole, Label: "系统管理", Href: "/console/admin", Roles: []authz.Role{authz.RoleAdmin}},
	)
	base := Config{DB: dbtest.Open(t, c), Renderer: rd, CSRFKey: testKey, Clock: c,
		APIKeys: fakeKeys{"secret-key-1": systemKeyActor}, Version: "test"}
	return build(t, base, c, mods)
}

// fork builds another router on the same database and renderer, for tests
// that need several configurations but no fresh data.
func (h *harness) fork(t testing.TB, mods ...func(*Config)) *harness {
	t.Helper()
	base := h.rt.cfg
	base.Metrics, base.Logger = nil, nil
	return build(t, base, h.clock, mods)
}

func build(t testing.TB, cfg Config, c *clock.Manual, mods []func(*Config)) *harness {
	t.Helper()
	h := &harness{logs: &syncBuffer{}, clock: c, sessions: &fakeSessions{tokens: map[string]fakeSession{
		"tok-resident": {residentActor, SessionInfo{ID: "s7", CSRFToken: "csrf-7"}},
		"tok-staff":    {staffActor, SessionInfo{ID: "s8", CSRFToken: "csrf-8"}},
		"tok-admin":    {adminActor, SessionInfo{ID: "s9", CSRFToken: "csrf-9"}},
	}}}
	cfg.Sessions = h.sessions
	cfg.Logger = slog.New(slog.NewJSONHandler(h.logs, nil))
	for _, m := range mods {
		m(&cfg)
	}
	rt, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.rt = rt
	return h
}

// do serves one request.
func (h *harness) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.rt.ServeHTTP(w, r)
	return w
}

// req builds a request; who names a session token ("" for anonymous).
func req(method, target, who string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, target, body)
	if who != "" {
		r.AddCookie(&http.Cookie{Name: SessionCookie, Value: who})
	}
	return r
}

// jsonReq builds a JSON API request.
func jsonReq(method, target, who, body string) *http.Request {
	r := req(method, target, who, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	return r
}

// envelope decodes an error envelope.
func envelope(t testing.TB, w *httptest.ResponseRecorder) ErrorDetail {
	t.Helper()
	var b ErrorBody
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
		t.Fatalf("body is not the error envelope: %q: %v", w.Body.String(), err)
	}
	return b.Error
}

// cookieNamed returns the Set-Cookie of a response with that name.
func cookieNamed(w *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range w.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// okHandler answers "ok" and who called.
func okHandler(w http.ResponseWriter, r *http.Request) {
	who := "anonymous"
	if a := ActorFrom(r.Context()); a != nil {
		who = a.Name
	}
	_, _ = io.WriteString(w, "ok "+who)
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}

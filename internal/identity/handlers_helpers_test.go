package identity_test

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/webtest"
)

// site is the identity pages and API on a real router, over a fixture's
// service, with every response and log line kept for inspection.
type site struct {
	f       *fixture
	rt      *web.Router
	webLogs *webtest.LogBuffer
	svcLogs *webtest.LogBuffer

	mu        sync.Mutex
	responses []string
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{f: newFixture(t), webLogs: &webtest.LogBuffer{}, svcLogs: &webtest.LogBuffer{}}
	s.f.s = s.f.service(t, slog.New(slog.NewJSONHandler(s.svcLogs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	s.rt = webtest.Site{DB: s.f.d, Templates: identity.Templates, Nav: identity.Nav(), Sessions: s.f.s.WebSessions(),
		Logger:   slog.New(slog.NewJSONHandler(s.webLogs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Register: func(rt *web.Router, rd *web.Renderer) { identity.NewHandlers(s.f.s, rd, district).Register(rt) },
	}.Router(t)
	return s
}

// record keeps a response (status line, headers and body) for the scans
// for personal data.
func (s *site) record(w *httptest.ResponseRecorder) {
	var b strings.Builder
	fmt.Fprintf(&b, "%d\n", w.Code)
	for k, vs := range w.Header() {
		fmt.Fprintf(&b, "%s: %s\n", k, strings.Join(vs, ", "))
	}
	b.WriteString(w.Body.String())
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responses = append(s.responses, b.String())
}

// everything is every response and log line so far.
func (s *site) everything() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.responses, "\n") + s.webLogs.String() + s.svcLogs.String()
}

var ipSeq atomic.Int64

// browser is one visitor: its cookies, the CSRF token of the last page,
// and its own client address (so rate limits per address do not mix).
// The cookies ignore Expires: the tests' clock is not the wall clock.
type browser struct {
	t       testing.TB
	s       *site
	cookies map[string]string
	csrf    string
	ip      string
}

func (s *site) browser(t testing.TB) *browser {
	n := ipSeq.Add(1)
	return &browser{t: t, s: s, cookies: map[string]string{},
		ip: fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255)}
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]*)">`)

// do serves one request with the browser's cookies and keeps what it sets.
func (b *browser) do(r *http.Request) *httptest.ResponseRecorder {
	b.t.Helper()
	r.RemoteAddr = b.ip + ":40000"
	for name, v := range b.cookies {
		r.AddCookie(&http.Cookie{Name: name, Value: v})
	}
	w := httptest.NewRecorder()
	b.s.rt.ServeHTTP(w, r)
	for _, c := range w.Result().Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	if m := csrfMeta.FindStringSubmatch(w.Body.String()); m != nil {
		b.csrf = html.UnescapeString(m[1])
	}
	b.s.record(w)
	return w
}

func (b *browser) get(path string) *httptest.ResponseRecorder {
	b.t.Helper()
	return b.do(httptest.NewRequest(http.MethodGet, "http://shanzhi.test"+path, nil))
}

// post sends a form with the page's CSRF token (unless form sets one).
func (b *browser) post(path string, form url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if _, set := form[web.CSRFField]; !set {
		form.Set(web.CSRFField, b.csrf)
	}
	return b.postRaw(path, form)
}

// postRaw sends a form as it is (no CSRF token added).
func (b *browser) postRaw(path string, form url.Values) *httptest.ResponseRecorder {
	b.t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://shanzhi.test"+path, strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(r)
}

// api sends a JSON request; csrf adds the X-CSRF-Token header.
func (b *browser) api(method, path, body string, csrf string, headers ...string) *httptest.ResponseRecorder {
	b.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, "http://shanzhi.test/api/v1"+path, rd)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if csrf != "" {
		r.Header.Set(web.CSRFHeader, csrf)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		r.Header.Set(headers[i], headers[i+1])
	}
	return b.do(r)
}

// signInResident signs phone in through the pages.
func (b *browser) signInResident(phone string) {
	b.t.Helper()
	b.get("/login")
	w := b.post("/login/sms-code", url.Values{"phone": {phone}})
	if w.Code != http.StatusOK {
		b.t.Fatalf("request code: %d %s", w.Code, w.Body.String())
	}
	code, ok := b.s.f.sms.LastCode(phone)
	if !ok {
		b.t.Fatal("no code sent")
	}
	w = b.post("/login/resident", url.Values{"phone_token": {phoneToken(b.t, w)}, "code": {code}})
	if w.Code != http.StatusSeeOther {
		b.t.Fatalf("sign in: %d %s", w.Code, w.Body.String())
	}
	b.get("/account")
}

// signInStaff signs a staff member in through the staff sign-in page.
func (b *browser) signInStaff(username, password string) {
	b.t.Helper()
	b.get("/console/login")
	w := b.post("/console/login", url.Values{"username": {username}, "password": {password}})
	if w.Code != http.StatusSeeOther {
		b.t.Fatalf("staff sign in: %d %s", w.Code, w.Body.String())
	}
	b.get("/account")
}

var phoneTokenField = regexp.MustCompile(`name="phone_token" value="([^"]+)"`)

// phoneToken reads the phone token of the code step.
func phoneToken(t testing.TB, w *httptest.ResponseRecorder) string {
	t.Helper()
	m := phoneTokenField.FindStringSubmatch(w.Body.String())
	if m == nil {
		t.Fatalf("no phone token in the page: %s", w.Body.String())
	}
	return html.UnescapeString(m[1])
}

// staffAccount creates a staff account (as the system) and returns its id.
func (s *site) staffAccount(t testing.TB, username string, grants ...authz.Grant) int64 {
	t.Helper()
	id, err := s.f.s.Bootstrap(s.f.ctx, identity.StaffInput{District: district, Username: username,
		Password: staffPass, DisplayName: username, Grants: grants})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// expect checks a response's status and that its body holds every want.
func expect(t testing.TB, w *httptest.ResponseRecorder, status int, want ...string) {
	t.Helper()
	if w.Code != status {
		t.Fatalf("status %d, want %d; body:\n%s", w.Code, status, w.Body.String())
	}
	for _, s := range want {
		if !strings.Contains(w.Body.String(), s) {
			t.Fatalf("body lacks %q:\n%s", s, w.Body.String())
		}
	}
}

// expectRedirect checks a 303 to target.
func expectRedirect(t testing.TB, w *httptest.ResponseRecorder, target string) {
	t.Helper()
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != target {
		t.Fatalf("got %d to %q, want 303 to %q; body:\n%s", w.Code, w.Header().Get("Location"), target, w.Body.String())
	}
}

// envelopeOf decodes an API error envelope.
func envelopeOf(t testing.TB, w *httptest.ResponseRecorder) web.ErrorDetail {
	t.Helper()
	var b web.ErrorBody
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil || b.Error.Code == "" {
		t.Fatalf("not an error envelope: %s", w.Body.String())
	}
	return b.Error
}

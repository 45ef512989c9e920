// Package webtest holds test helpers for modules' web tests: a session
// store that maps tokens to actors, a router built the way the app builds
// one, request helpers that sign in by cookie and send the CSRF header,
// and a log sink safe for concurrent handlers. It imports no domain
// package, so any module's tests may use it.
package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// FormCT is the Content-Type of a page form.
const FormCT = "application/x-www-form-urlencoded"

// JSONCT is the Content-Type of an API body.
const JSONCT = "application/json"

// Sessions is a session store for tests: a session token names its actor.
// An unknown token (and so any token of an empty map) is an expired
// session, which leaves the visitor anonymous.
type Sessions map[string]*authz.Actor

// Lookup resolves a token as web.SessionSource asks: the session's ID is
// "s-" + token and its CSRF token CSRF(token).
func (s Sessions) Lookup(_ context.Context, token string) (*authz.Actor, web.SessionInfo, error) {
	a, ok := s[token]
	if !ok {
		return nil, web.SessionInfo{}, apperr.New(apperr.CodeUnauthorized, "会话已失效")
	}
	return a, web.SessionInfo{ID: "s-" + token, CSRFToken: CSRF(token)}, nil
}

// CSRF is the CSRF token of a Sessions session.
func CSRF(token string) string { return "csrf-" + token }

// Site says what a test router serves.
type Site struct {
	// DB backs the router (readiness, Idempotency-Key results).
	DB *db.DB
	// Templates are the module's pages; nil for the platform's alone.
	Templates fs.FS
	// Nav is added to the renderer's navigation.
	Nav []web.NavItem
	// Sessions resolves session cookies, e.g. a Sessions map.
	Sessions web.SessionSource
	// APIKeys resolves "Authorization: Bearer" keys; nil refuses them.
	APIKeys web.APIKeySource
	// Logger receives the request log; nil discards it.
	Logger *slog.Logger
	// Register adds the module's routes.
	Register func(*web.Router, *web.Renderer)
}

// Router builds the router as the app does, but with insecure cookies (the
// tests speak plain HTTP) and a fixed CSRF key; it fails t on error.
func (s Site) Router(t testing.TB) *web.Router {
	t.Helper()
	var fsys []fs.FS
	if s.Templates != nil {
		fsys = append(fsys, s.Templates)
	}
	rd, err := web.NewRenderer(fsys...)
	if err != nil {
		t.Fatalf("webtest: renderer: %v", err)
	}
	rd.AddNav(s.Nav...)
	logger := s.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	rt, err := web.New(web.Config{DB: s.DB, Renderer: rd, Sessions: s.Sessions, APIKeys: s.APIKeys, CSRFKey: bytes.Repeat([]byte("k"), 32),
		InsecureCookies: true, Version: "test", Logger: logger})
	if err != nil {
		t.Fatalf("webtest: router: %v", err)
	}
	if s.Register != nil {
		s.Register(rt, rd)
	}
	return rt
}

// NewRouter is Site{…}.Router(t) for the common case: the request log
// discarded.
func NewRouter(t testing.TB, d *db.DB, templates fs.FS, nav []web.NavItem, sessions web.SessionSource,
	register func(*web.Router, *web.Renderer)) *web.Router {
	t.Helper()
	return Site{DB: d, Templates: templates, Nav: nav, Sessions: sessions, Register: register}.Router(t)
}

// Request builds a request as the session token (its cookie and, as an
// API client or a page's script would send it, the CSRF header); token ""
// is an anonymous visitor. ct, when set, is the body's Content-Type.
func Request(method, target, token string, body io.Reader, ct string) *http.Request {
	r := httptest.NewRequest(method, target, body)
	if token != "" {
		r.AddCookie(&http.Cookie{Name: web.SessionCookie, Value: token})
		r.Header.Set(web.CSRFHeader, CSRF(token))
	}
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

// Serve runs r through h and returns the recorded response.
func Serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// Do sends Request(method, target, token, body, ct) to h.
func Do(h http.Handler, method, target, token string, body io.Reader, ct string) *httptest.ResponseRecorder {
	return Serve(h, Request(method, target, token, body, ct))
}

// RequestJSON is Request with v encoded as a JSON body, or no body (and
// no Content-Type) when v is nil.
func RequestJSON(method, target, token string, v any) *http.Request {
	if v == nil {
		return Request(method, target, token, nil, "")
	}
	return Request(method, target, token, JSON(v), JSONCT)
}

// DoJSON sends RequestJSON(method, target, token, v) to h.
func DoJSON(h http.Handler, method, target, token string, v any) *httptest.ResponseRecorder {
	return Serve(h, RequestJSON(method, target, token, v))
}

// JSON encodes v as a request body. It panics if v cannot be encoded: that
// is a mistake in the test, not in the code under test.
func JSON(v any) io.Reader {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("webtest: JSON: %v", err))
	}
	return bytes.NewReader(b)
}

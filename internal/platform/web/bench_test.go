package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// benchRouter is a router whose request log goes nowhere (it is still
// formatted, as in production).
func benchRouter(b *testing.B) *harness {
	h := newHarness(b, func(c *Config) { c.Logger = slog.New(slog.NewJSONHandler(io.Discard, nil)) })
	trivial := func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) }
	h.rt.Page("GET /p/{id}", trivial)
	h.rt.API(Op{Method: "GET", Path: "/p/{id}", OperationID: "p", Summary: "p",
		Responses: map[int]Response{200: {Description: "好"}}}, trivial)
	return h
}

// benchWriter is a minimal ResponseWriter, so the figures measure the
// chain rather than httptest's recorder.
type benchWriter struct {
	h    http.Header
	code int
}

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *benchWriter) WriteHeader(code int)        { w.code = code }

func runBench(b *testing.B, h http.Handler, r *http.Request) {
	b.ReportAllocs()
	w := &benchWriter{h: http.Header{}}
	for b.Loop() {
		clear(w.h)
		w.code = 200
		h.ServeHTTP(w, r)
		if w.code != 200 {
			b.Fatalf("status %d", w.code)
		}
	}
}

// BenchmarkMuxOnly is the baseline: the bare ServeMux and handler.
func BenchmarkMuxOnly(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /p/{id}", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("ok")) })
	runBench(b, mux, httptest.NewRequest("GET", "/p/1", nil))
}

// BenchmarkChainPageFirstVisit: a page for a visitor without cookies (a
// fresh anonymous CSRF token is signed and set each time).
func BenchmarkChainPageFirstVisit(b *testing.B) {
	runBench(b, benchRouter(b).rt, httptest.NewRequest("GET", "/p/1", nil))
}

// BenchmarkChainPageAnonymous: a page for a returning anonymous visitor.
func BenchmarkChainPageAnonymous(b *testing.B) {
	h := benchRouter(b)
	r := httptest.NewRequest("GET", "/p/1", nil)
	r.AddCookie(&http.Cookie{Name: AnonCSRFCookie, Value: h.rt.anon.issue(h.clock.Now())})
	runBench(b, h.rt, r)
}

// BenchmarkChainAPISession: an API call with a session cookie (the session
// source is an in-memory map, so this measures the chain, not the database).
func BenchmarkChainAPISession(b *testing.B) {
	runBench(b, benchRouter(b).rt, req("GET", "/api/v1/p/1", "tok-staff", nil))
}

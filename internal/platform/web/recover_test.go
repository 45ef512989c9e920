package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestRecover(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	boom := func(w http.ResponseWriter, r *http.Request) { panic("boom: secret internals") }
	h.rt.Page("GET /boom", boom)
	h.rt.API(Op{Method: "GET", Path: "/boom", OperationID: "boom", Summary: "炸",
		Responses: map[int]Response{200: {Description: "好"}}}, boom)
	h.rt.Page("GET /late", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusAccepted)
		_, _ = w.Write([]byte("partial"))
		panic("after writing")
	})
	tests := []struct {
		name, path string
		status     int
		json       bool
	}{
		{"page", "/boom", 500, false},
		{"api", "/api/v1/boom", 500, true},
		{"after the header was sent", "/late", 202, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(req("GET", tc.path, "", nil))
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d", w.Code, tc.status)
			}
			body, id := w.Body.String(), w.Header().Get(RequestIDHeader)
			if strings.Contains(body, "secret internals") {
				t.Error("panic value leaked to the client")
			}
			if tc.status == 500 {
				if !strings.Contains(body, id) || !strings.Contains(body, "系统繁忙") {
					t.Errorf("500 answer lacks the request id or the Chinese message: %s", body)
				}
				if tc.json && envelope(t, w).Code != "internal" {
					t.Errorf("envelope code %q", envelope(t, w).Code)
				}
			}
			lines := h.logs.lines(t)
			l := lines[len(lines)-1]
			if l["level"] != "ERROR" || l["panic"] == nil || !strings.Contains(l["stack"].(string), "recover_test.go") {
				t.Errorf("panic not logged with its stack: %v", l)
			}
		})
	}
}

func TestRecoverLetsAbortHandlerThrough(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /abort", func(w http.ResponseWriter, r *http.Request) { panic(http.ErrAbortHandler) })
	defer func() {
		if p := recover(); p != http.ErrAbortHandler {
			t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
		}
	}()
	h.do(req("GET", "/abort", "", nil))
	t.Fatal("ErrAbortHandler was swallowed")
}

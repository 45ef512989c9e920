package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestRoutingAndUnmatched(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.Page("GET /hello", okHandler)
	h.rt.API(Op{Method: "GET", Path: "/things/{id}", OperationID: "getThing", Summary: "查看",
		Responses: map[int]Response{200: {Description: "好"}}}, okHandler)
	tests := []struct {
		name, method, path string
		status             int
		json               bool
		contains           string
		allow              string
	}{
		{"page", "GET", "/hello", 200, false, "ok anonymous", ""},
		{"head of a GET page", "HEAD", "/hello", 200, false, "", ""},
		{"api", "GET", "/api/v1/things/3", 200, false, "ok anonymous", ""},
		{"unknown page", "GET", "/nope", 404, false, "页面不存在", ""},
		{"unknown api", "GET", "/api/v1/nope", 404, true, "not_found", ""},
		{"page wrong method", "DELETE", "/hello", 405, false, "请求方法不被支持", "GET, HEAD"},
		{"api wrong method", "PUT", "/api/v1/things/3", 405, true, "不支持该请求方法", "GET, HEAD"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := h.do(req(tc.method, tc.path, "", nil))
			if w.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", w.Code, tc.status, w.Body.String())
			}
			if got := strings.HasPrefix(w.Header().Get("Content-Type"), "application/json"); got != tc.json && tc.status >= 400 {
				t.Errorf("JSON = %v, want %v", got, tc.json)
			}
			if !strings.Contains(w.Body.String(), tc.contains) {
				t.Errorf("body lacks %q: %s", tc.contains, w.Body.String())
			}
			if tc.allow != "" && w.Header().Get("Allow") != tc.allow {
				t.Errorf("Allow = %q, want %q", w.Header().Get("Allow"), tc.allow)
			}
			if tc.status == 404 && !strings.Contains(w.Body.String(), w.Header().Get(RequestIDHeader)) {
				t.Errorf("error answer does not show the request id")
			}
		})
	}
}

func TestPathValuesReachHandlers(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	h.rt.API(Op{Method: "GET", Path: "/things/{id}", OperationID: "getThing", Summary: "查看",
		Responses: map[int]Response{200: {Description: "好"}}}, func(w http.ResponseWriter, r *http.Request) {
		WriteJSON(w, 200, map[string]string{"id": r.PathValue("id")})
	})
	w := h.do(req("GET", "/api/v1/things/42", "", nil))
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"id":"42"`) {
		t.Fatalf("got %d %s", w.Code, w.Body.String())
	}
}

func TestRegistrationMistakesPanic(t *testing.T) {
	t.Parallel()
	good := Op{Method: "GET", Path: "/x", OperationID: "getX", Summary: "x",
		Responses: map[int]Response{200: {Description: "好"}}}
	tests := []struct {
		name string
		reg  func(rt *Router)
	}{
		{"page without method", func(rt *Router) { rt.Page("/x", okHandler) }},
		{"page under the api prefix", func(rt *Router) { rt.Page("GET /api/v1/x", okHandler) }},
		{"raw route under the api prefix", func(rt *Router) { rt.Handle("GET /api/v1/x", http.HandlerFunc(okHandler)) }},
		{"op without operationId", func(rt *Router) { o := good; o.OperationID = ""; rt.API(o, okHandler) }},
		{"op without summary", func(rt *Router) { o := good; o.Summary = ""; rt.API(o, okHandler) }},
		{"op without responses", func(rt *Router) { o := good; o.Responses = nil; rt.API(o, okHandler) }},
		{"op with undescribed response", func(rt *Router) {
			o := good
			o.Responses = map[int]Response{200: {}}
			rt.API(o, okHandler)
		}},
		{"op with odd method", func(rt *Router) { o := good; o.Method = "TRACE"; rt.API(o, okHandler) }},
		{"op path without slash", func(rt *Router) { o := good; o.Path = "x"; rt.API(o, okHandler) }},
		{"op path with trailing slash", func(rt *Router) { o := good; o.Path = "/x/"; rt.API(o, okHandler) }},
		{"duplicate operationId", func(rt *Router) {
			rt.API(good, okHandler)
			o := good
			o.Path = "/y"
			rt.API(o, okHandler)
		}},
		{"duplicate route", func(rt *Router) {
			rt.API(good, okHandler)
			o := good
			o.OperationID = "getX2"
			rt.API(o, okHandler)
		}},
	}
	base := newHarness(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := base.fork(t)
			defer func() {
				if recover() == nil {
					t.Fatal("registration did not panic")
				}
			}()
			tc.reg(h.rt)
		})
	}
}

func TestNewRefusesIncompleteConfig(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	base := h.rt.cfg
	tests := []struct {
		name string
		mod  func(*Config)
	}{
		{"no db", func(c *Config) { c.DB = nil }},
		{"no renderer", func(c *Config) { c.Renderer = nil }},
		{"short csrf key", func(c *Config) { c.CSRFKey = []byte("short") }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.mod(&c)
			if _, err := New(c); err == nil {
				t.Fatal("New accepted an incomplete config")
			}
		})
	}
}

func TestSafeNext(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"/workorders?x=1":        "/workorders?x=1",
		"":                       "/",
		"https://evil.example/":  "/",
		"//evil.example/":        "/",
		"/\\evil.example":        "/",
		"javascript:alert(1)":    "/",
		"/ok/path#frag":          "/ok/path#frag",
		"/line\r\nSet-Cookie: x": "/",
	}
	for in, want := range tests {
		if got := SafeNext(in); got != want {
			t.Errorf("SafeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

package web

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestRequestID(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	var seen string
	h.rt.Page("GET /id", func(w http.ResponseWriter, r *http.Request) {
		seen = RequestID(r.Context())
		_, _ = io.WriteString(w, seen)
	})
	tests := []struct {
		name, incoming string
		kept           bool
	}{
		{"none", "", false},
		{"uuid from the load balancer", "3f2b8c1e-9d4a-4b7e-8f00-1234567890ab", true},
		{"dots and underscores", "lb_01.abc", true},
		{"too long", strings.Repeat("a", 65), false},
		{"longest accepted", strings.Repeat("a", 64), true},
		{"spaces", "a b", false},
		{"log injection", "x\",\"level\":\"ERROR", false},
		{"non ascii", "请求一", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := req("GET", "/id", "", nil)
			if tc.incoming != "" {
				r.Header.Set(RequestIDHeader, tc.incoming)
			}
			w := h.do(r)
			got := w.Header().Get(RequestIDHeader)
			if got != seen || w.Body.String() != got {
				t.Fatalf("header %q, context %q, body %q differ", got, seen, w.Body.String())
			}
			if tc.kept && got != tc.incoming {
				t.Errorf("incoming id %q replaced by %q", tc.incoming, got)
			}
			if !tc.kept && (got == tc.incoming || len(got) != 26 || !validRequestID(got)) {
				t.Errorf("generated id %q is not a fresh 26-character id", got)
			}
		})
	}
}

func TestGeneratedRequestIDsDiffer(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		id := newRequestID()
		if seen[id] {
			t.Fatalf("duplicate request id %s", id)
		}
		seen[id] = true
	}
}

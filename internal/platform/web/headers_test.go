package web

import (
	"strings"
	"testing"
)

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	base := newHarness(t)
	for _, insecure := range []bool{false, true} {
		h := base.fork(t, func(c *Config) { c.InsecureCookies = insecure })
		h.rt.Page("GET /p", okHandler)
		for _, path := range []string{"/p", "/api/v1/openapi.json", "/nope", "/static/css/app.css", "/healthz"} {
			w := h.do(req("GET", path, "", nil))
			hd := w.Header()
			csp := hd.Get("Content-Security-Policy")
			if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("%s: CSP %q", path, csp)
			}
			if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("Referrer-Policy") == "" || hd.Get("X-Frame-Options") != "DENY" {
				t.Errorf("%s: headers %v", path, hd)
			}
			if hsts := hd.Get("Strict-Transport-Security") != ""; hsts == insecure {
				t.Errorf("%s: HSTS present=%v with insecure=%v", path, hsts, insecure)
			}
		}
	}
}

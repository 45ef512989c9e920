package web

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

func healthOf(t *testing.T, h *harness, path string) (int, health) {
	t.Helper()
	w := h.do(req("GET", path, "", nil))
	var b health
	if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
		t.Fatalf("%s: body %q: %v", path, w.Body.String(), err)
	}
	return w.Code, b
}

func TestHealthAndReadiness(t *testing.T) {
	tests := []struct {
		name                  string
		setup                 func(h *harness)
		health, ready         int
		readyStatus, readyMsg string
	}{
		{"serving", func(*harness) {}, 200, 200, "ready", "服务就绪"},
		{"database closed", func(h *harness) { h.rt.cfg.DB.Close() }, 200, 503, "unavailable", "数据库无响应，服务暂不可用"},
		{"database hangs", func(h *harness) {
			h.rt.pingDB = func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }
		}, 200, 503, "unavailable", "数据库无响应，服务暂不可用"},
		{"shutting down", func(h *harness) { h.rt.BeginShutdown() }, 503, 503, "shutting_down", "服务正在停止"},
	}
	shared := newHarness(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			timeout := func(c *Config) { c.ReadyTimeout = 100 * time.Millisecond }
			h := shared.fork(t, timeout)
			if tc.name == "database closed" {
				h = newHarness(t, timeout)
			}
			tc.setup(h)
			if code, _ := healthOf(t, h, "/healthz"); code != tc.health {
				t.Errorf("/healthz %d, want %d", code, tc.health)
			}
			start := time.Now()
			code, b := healthOf(t, h, "/readyz")
			if code != tc.ready || b.Status != tc.readyStatus || b.Message != tc.readyMsg {
				t.Errorf("/readyz %d %+v, want %d %s %s", code, b, tc.ready, tc.readyStatus, tc.readyMsg)
			}
			if time.Since(start) > 2*time.Second {
				t.Errorf("/readyz took %v despite a 100 ms timeout", time.Since(start))
			}
		})
	}
}

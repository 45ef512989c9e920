package web

import (
	"context"
	"net/http"
)

// health is the body of /healthz and /readyz: a machine status and a
// message for the person on duty.
type health struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

// BeginShutdown makes /healthz and /readyz answer 503 so the load balancer
// stops sending traffic while in-flight requests finish.
func (rt *Router) BeginShutdown() { rt.draining.Store(true) }

// healthz tells whether the process is alive.
func (rt *Router) healthz(w http.ResponseWriter, r *http.Request) {
	if rt.draining.Load() {
		WriteJSON(w, http.StatusServiceUnavailable, health{"shutting_down", "服务正在停止"})
		return
	}
	WriteJSON(w, http.StatusOK, health{"ok", "服务运行中"})
}

// readyz tells whether this node can serve: the database answers a ping
// within the configured time.
func (rt *Router) readyz(w http.ResponseWriter, r *http.Request) {
	if rt.draining.Load() {
		WriteJSON(w, http.StatusServiceUnavailable, health{"shutting_down", "服务正在停止"})
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), rt.cfg.ReadyTimeout)
	defer cancel()
	if err := rt.pingDB(ctx); err != nil {
		noteError(r.Context(), err)
		WriteJSON(w, http.StatusServiceUnavailable, health{"unavailable", "数据库无响应，服务暂不可用"})
		return
	}
	WriteJSON(w, http.StatusOK, health{"ready", "服务就绪"})
}

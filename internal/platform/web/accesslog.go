package web

import (
	"log/slog"
	"net/http"
	"time"
)

// logRequests writes ONE log line per request, after it is answered. It logs
// the route pattern, never the raw path, query string or body: those may
// hold phone and ID numbers.
func (rt *Router) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		st := stateFrom(r.Context())
		status := st.w.code()
		attrs := make([]slog.Attr, 0, 10)
		attrs = append(attrs,
			slog.String("request_id", st.id),
			slog.String("method", methodLabel(r.Method)),
			slog.String("route", routeLabel(st)),
			slog.Int("status", status),
			slog.Float64("duration_ms", float64(time.Since(st.start))/float64(time.Millisecond)),
			slog.Int64("bytes", st.w.bytes),
		)
		if st.actor != nil && st.actor.AccountID != 0 {
			attrs = append(attrs, slog.Int64("account_id", st.actor.AccountID))
		}
		if st.apiKeyID != "" {
			attrs = append(attrs, slog.String("api_key", st.apiKeyID))
		}
		level := slog.LevelInfo
		if st.err != nil {
			attrs = append(attrs, slog.String("error", st.err.Error()))
		}
		if st.panicVal != nil {
			attrs = append(attrs, slog.Any("panic", st.panicVal), slog.String("stack", string(st.stack)))
		}
		if status >= 500 || st.panicVal != nil {
			level = slog.LevelError
		}
		// Straight to the handler: the caller's source line says nothing
		// about a request, and capturing it costs a stack walk.
		ctx := r.Context()
		if h := rt.log.Handler(); h.Enabled(ctx, level) {
			rec := slog.NewRecord(time.Now(), level, "http request", 0)
			rec.AddAttrs(attrs...)
			_ = h.Handle(ctx, rec)
		}
	})
}

// routeLabel is the matched route, or "unmatched" so that probes of random
// paths neither leak into logs nor blow up metric cardinality.
func routeLabel(st *reqState) string {
	if st.route == "" {
		return "unmatched"
	}
	return st.route
}

// methodLabel keeps only standard methods, for the same reason.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
		http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

package web

import (
	"crypto/rand"
	"net/http"
	"time"
)

// RequestIDHeader carries the request id in and out.
const RequestIDHeader = "X-Request-Id"

// maxRequestID bounds an accepted incoming id.
const maxRequestID = 64

// withRequestState is the outermost middleware: it starts the request's
// state, takes a sane incoming X-Request-Id (from the load balancer) or makes
// one, and echoes it in the response.
func (rt *Router) withRequestState(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Elapsed time is measured on the monotonic clock, not the injected
		// business clock: it is a measurement, not a date.
		st := &reqState{start: time.Now()}
		st.id = r.Header.Get(RequestIDHeader)
		if !validRequestID(st.id) {
			st.id = newRequestID()
		}
		st.w.ResponseWriter = w
		w.Header().Set(RequestIDHeader, st.id)
		next.ServeHTTP(&st.w, r.WithContext(withState(r.Context(), st)))
	})
}

// validRequestID accepts 1–64 characters of [A-Za-z0-9._-]: enough for
// UUIDs and load-balancer ids, nothing that could forge a log line.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// newRequestID returns 26 random base32 characters.
func newRequestID() string { return rand.Text() }

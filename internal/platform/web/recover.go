package web

import (
	"errors"
	"net/http"
	"runtime/debug"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// recoverPanics turns a handler panic into a 500 (the Chinese error page, or
// the JSON envelope for the API) showing the request id; the panic and its
// stack go to the request's log line.
func (rt *Router) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			p := recover()
			if p == nil {
				return
			}
			if p == http.ErrAbortHandler {
				// The server's own signal to drop the connection quietly.
				panic(p)
			}
			st := stateFrom(r.Context())
			st.panicVal, st.stack = p, debug.Stack()
			if !st.w.written() {
				rt.fail(w, r, apperr.Wrap(apperr.CodeInternal, "", errPanic))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// errPanic marks an error that stands for a recovered panic; the panic
// itself is logged from the request state.
var errPanic = errors.New("web: handler panicked")

package web

import (
	"context"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// ctxKey keys the request state in a context.
type ctxKey struct{}

// reqState is everything the middleware learns about one request. The
// outermost middleware puts one in the context; inner middleware fill it in
// place, so outer ones (request log, metrics) see what inner ones learnt
// even though http.Request values are copied on WithContext.
type reqState struct {
	id    string
	start time.Time
	// route is the matched pattern's path ("/api/v1/workorders/{id}"), never
	// the raw path: it is logged and used as a metric label.
	route    string
	api      bool
	actor    *authz.Actor
	session  SessionInfo
	hasSess  bool
	apiKeyID string
	csrf     string
	err      error
	panicVal any
	stack    []byte
	w        statusWriter
}

func stateFrom(ctx context.Context) *reqState {
	st, _ := ctx.Value(ctxKey{}).(*reqState)
	return st
}

// withState returns ctx carrying st.
func withState(ctx context.Context, st *reqState) context.Context {
	return context.WithValue(ctx, ctxKey{}, st)
}

// noteError records an internal error so the request's log line carries it.
// Outside the middleware chain it is logged on its own.
func noteError(ctx context.Context, err error) {
	if st := stateFrom(ctx); st != nil {
		st.err = err
	}
}

// RequestID returns the request's id ("" outside a request).
func RequestID(ctx context.Context) string {
	if st := stateFrom(ctx); st != nil {
		return st.id
	}
	return ""
}

// ActorFrom returns the signed-in actor (or the API key's), or nil for an
// anonymous visitor.
func ActorFrom(ctx context.Context) *authz.Actor {
	if st := stateFrom(ctx); st != nil {
		return st.actor
	}
	return nil
}

// SessionFrom returns the session the request was made with, if any.
func SessionFrom(ctx context.Context) (SessionInfo, bool) {
	if st := stateFrom(ctx); st != nil && st.hasSess {
		return st.session, true
	}
	return SessionInfo{}, false
}

// CSRFToken returns the token forms of this request must carry: the
// session's, or the anonymous visitor's signed token.
func CSRFToken(ctx context.Context) string {
	if st := stateFrom(ctx); st != nil {
		return st.csrf
	}
	return ""
}

// WithActor returns a context whose request carries actor (and csrf as its
// form token). It is meant for tests of module handlers that bypass the
// session middleware; the router never trusts it from outside.
func WithActor(ctx context.Context, actor *authz.Actor, csrf string) context.Context {
	st := &reqState{}
	if old := stateFrom(ctx); old != nil {
		st.id, st.start, st.route, st.api = old.id, old.start, old.route, old.api
	}
	st.actor, st.csrf = actor, csrf
	return withState(ctx, st)
}

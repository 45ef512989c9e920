package web

import (
	"fmt"
	"net/http"
	"strings"
)

// Op is a JSON API operation together with its OpenAPI description: the
// document at /api/v1/openapi.json is built from the registered Ops, so a
// route cannot exist undocumented.
type Op struct {
	// Method is GET, POST, PUT, PATCH or DELETE.
	Method string
	// Path is below /api/v1, with ServeMux wildcards: "/workorders/{id}".
	Path        string
	OperationID string
	// Summary is a short Chinese title; Description may say more.
	Summary     string
	Description string
	Tags        []string
	// Auth requires a signed-in session or an API key (401 otherwise).
	Auth bool
	// Request is the JSON body: an example Go value whose type gives the
	// schema, or an openapi.Schema written by hand; nil when none.
	Request any
	// Query lists the query parameters.
	Query []Param
	// Responses maps statuses to their description and body. Error
	// responses (the envelope) are added where the router produces them.
	Responses map[int]Response
}

// Param is a query parameter.
type Param struct {
	Name        string
	Description string
	Required    bool
	// Schema is an example Go value or an openapi.Schema; string when nil.
	Schema any
}

// Response is one documented response.
type Response struct {
	Description string
	// Body is an example Go value or an openapi.Schema; nil for no body.
	Body any
}

// API registers a JSON operation at /api/v1 + op.Path. The handler runs with
// the caller resolved (session cookie or API key), the CSRF token checked
// for cookie-authenticated writes, sign-in enforced when op.Auth, and POSTs
// made idempotent by an Idempotency-Key header. It panics on an incomplete
// Op, as ServeMux does on a bad pattern: both are programming errors.
func (rt *Router) API(op Op, h http.HandlerFunc) {
	op.Method = strings.ToUpper(op.Method)
	if err := op.validate(); err != nil {
		panic(err.Error())
	}
	var handler http.Handler = h
	if op.Method == http.MethodPost {
		handler = rt.idempotent(handler)
	}
	if op.Auth {
		handler = rt.requireAuth(handler)
	}
	full := APIPrefix + op.Path
	handler = rt.routed(full, true, rt.authenticate(rt.checkCSRF(handler)))

	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rt.opIDs[op.OperationID] {
		panic(fmt.Sprintf("web: api %s %s: operationId %q is already used", op.Method, op.Path, op.OperationID))
	}
	pattern := op.Method + " " + full
	rt.mux.Handle(pattern, handler)
	rt.opIDs[op.OperationID] = true
	rt.patterns = append(rt.patterns, pattern)
	rt.ops = append(rt.ops, op)
	rt.doc = nil
}

func (op *Op) validate() error {
	where := fmt.Sprintf("web: api %s %s", op.Method, op.Path)
	switch op.Method {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		return fmt.Errorf("%s: method must be GET, POST, PUT, PATCH or DELETE", where)
	}
	switch {
	case !strings.HasPrefix(op.Path, "/") || strings.HasSuffix(op.Path, "/") || strings.Contains(op.Path, "..."):
		return fmt.Errorf("%s: path must start with / and name one resource (no trailing slash, no {x...})", where)
	case op.OperationID == "" || op.Summary == "":
		return fmt.Errorf("%s: OperationID and Summary are required", where)
	case len(op.Responses) == 0:
		return fmt.Errorf("%s: at least one response must be documented", where)
	}
	for code, resp := range op.Responses {
		if code < 100 || code > 599 || resp.Description == "" {
			return fmt.Errorf("%s: response %d needs a valid status and a description", where, code)
		}
	}
	return nil
}

// requireAuth refuses anonymous callers of an operation with 401.
func (rt *Router) requireAuth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ActorFrom(r.Context()) == nil {
			rt.fail(w, r, errSignIn)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// requireSignIn sends anonymous visitors of a page to the login page.
func (rt *Router) requireSignIn(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ActorFrom(r.Context()) == nil {
			rt.rd.Error(w, r, errSignIn)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// fail answers err as the JSON envelope on API routes and as the Chinese
// error page elsewhere.
func (rt *Router) fail(w http.ResponseWriter, r *http.Request, err error) {
	if st := stateFrom(r.Context()); (st != nil && st.api) || isAPIPath(r.URL.Path) {
		WriteError(w, r, err)
		return
	}
	rt.rd.Error(w, r, err)
}

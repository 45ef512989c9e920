package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/prometheus/client_golang/prometheus"
)

// APIPrefix is where the JSON API lives.
const APIPrefix = "/api/v1"

// Router is the site's http.Handler: a ServeMux on which modules register
// pages (Page) and API operations (API), wrapped in the middleware chain.
type Router struct {
	cfg     Config
	mux     *http.ServeMux
	handler http.Handler
	rd      *Renderer
	log     *slog.Logger
	metrics *Metrics
	anon    anonSigner
	idem    *idemStore
	pingDB  func(ctx context.Context) error

	mu       sync.Mutex
	patterns []string
	ops      []Op
	opIDs    map[string]bool
	doc      []byte

	draining atomic.Bool
}

// New returns a Router with the built-in routes: /healthz, /readyz,
// /metrics, /static/ and /api/v1/openapi.json.
func New(cfg Config) (*Router, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	cfg.setDefaults()
	rt := &Router{
		cfg: cfg, mux: http.NewServeMux(), rd: cfg.Renderer, log: cfg.Logger,
		metrics: cfg.Metrics, anon: anonSigner{key: cfg.CSRFKey}, opIDs: map[string]bool{},
		pingDB: cfg.DB.Ping,
	}
	rt.idem = &idemStore{d: cfg.DB, ttl: cfg.IdempotencyTTL, wait: cfg.IdempotencyWait}
	if err := rt.metrics.WatchDB(cfg.DB); err != nil && !isAlreadyRegistered(err) {
		return nil, fmt.Errorf("web: watch db pools: %w", err)
	}
	rt.handler = chain(http.HandlerFunc(rt.dispatch),
		rt.withRequestState, rt.logRequests, rt.measure, rt.recoverPanics, rt.securityHeaders)
	rt.builtins()
	return rt, nil
}

func isAlreadyRegistered(err error) bool {
	_, ok := err.(prometheus.AlreadyRegisteredError)
	return ok
}

// chain wraps h in mws, the first one outermost.
func chain(h http.Handler, mws ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}

// ServeHTTP implements http.Handler.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.handler.ServeHTTP(w, r) }

// Renderer returns the renderer pages use.
func (rt *Router) Renderer() *Renderer { return rt.rd }

// Metrics returns the metrics served at /metrics.
func (rt *Router) Metrics() *Metrics { return rt.metrics }

// Patterns lists every registered ServeMux pattern, in registration order.
func (rt *Router) Patterns() []string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return slices.Clone(rt.patterns)
}

// RouteOption tunes a page route.
type RouteOption func(*routeConfig)

type routeConfig struct{ signedIn bool }

// SignedIn sends anonymous visitors of the page to the login page.
func SignedIn(c *routeConfig) { c.signedIn = true }

// Page registers an HTML route, e.g. "GET /workorders/{id}". The pattern
// must name its method. The handler runs with the session resolved and, for
// state-changing methods, the CSRF token checked.
func (rt *Router) Page(pattern string, h http.HandlerFunc, opts ...RouteOption) {
	method, path := splitPattern(pattern)
	if method == "" {
		panic(fmt.Sprintf("web: page %q: the pattern must start with a method", pattern))
	}
	if strings.HasPrefix(path, APIPrefix) {
		panic(fmt.Sprintf("web: page %q: %s is reserved for API operations", pattern, APIPrefix))
	}
	var rc routeConfig
	for _, o := range opts {
		o(&rc)
	}
	var handler http.Handler = h
	if rc.signedIn {
		handler = rt.requireSignIn(handler)
	}
	rt.register(pattern, rt.routed(path, false, rt.authenticate(rt.checkCSRF(handler))))
}

// Handle registers a raw route that gets only the global middleware
// (request id, log, metrics, recover, headers): no session, no CSRF. It is
// for machine endpoints such as static files and probes; /api/v1 routes
// must go through API so that they are documented.
func (rt *Router) Handle(pattern string, h http.Handler) {
	_, path := splitPattern(pattern)
	if isAPIPath(path) {
		panic(fmt.Sprintf("web: handle %q: register API operations with Router.API", pattern))
	}
	rt.register(pattern, rt.routed(path, false, h))
}

func (rt *Router) register(pattern string, h http.Handler) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.mux.Handle(pattern, h)
	rt.patterns = append(rt.patterns, pattern)
	rt.doc = nil
}

// routed records the matched route in the request state.
func (rt *Router) routed(path string, api bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if st := stateFrom(r.Context()); st != nil {
			st.route, st.api = path, api
		}
		next.ServeHTTP(w, r)
	})
}

// splitPattern splits "GET /x" into "GET" and "/x" (method "" when absent).
func splitPattern(pattern string) (method, path string) {
	if m, p, ok := strings.Cut(pattern, " "); ok {
		return m, strings.TrimLeft(p, " ")
	}
	return "", pattern
}

// dispatch hands the request to the mux; requests no route matches get the
// Chinese 404 (or 405) page, or the JSON envelope under /api/.
func (rt *Router) dispatch(w http.ResponseWriter, r *http.Request) {
	h, pattern := rt.mux.Handler(r)
	if pattern != "" {
		rt.mux.ServeHTTP(w, r)
		return
	}
	// Let the mux decide between 404 and 405 (and the Allow header) into
	// a discarded response, then answer in our own words.
	probe := &discardWriter{header: http.Header{}}
	h.ServeHTTP(probe, r)
	if probe.status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", probe.header.Get("Allow"))
		rt.fail(w, r, errMethodNotAllowed)
		return
	}
	rt.fail(w, r, errNoRoute)
}

func isAPIPath(p string) bool { return p == APIPrefix || strings.HasPrefix(p, APIPrefix+"/") }

// discardWriter records the status of a response nobody will see.
type discardWriter struct {
	header http.Header
	status int
}

// Header implements http.ResponseWriter.
func (d *discardWriter) Header() http.Header { return d.header }

// Write implements http.ResponseWriter.
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }

// WriteHeader implements http.ResponseWriter.
func (d *discardWriter) WriteHeader(code int) { d.status = code }

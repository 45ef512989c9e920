package open311

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// Prefix is where the GeoReport v2 endpoint lives.
const Prefix = "/open311/v2"

// Handlers serve the district's work orders as GeoReport v2.
type Handlers struct {
	svc      *workorder.Service
	district string
	// baseURL is the site's public address; the request's host when "".
	baseURL string
	contact string
}

// Option tunes the handlers.
type Option func(*Handlers)

// WithBaseURL sets the site's absolute public address (e.g.
// https://zw.example.gov.cn), named as the endpoint's url in the discovery
// document. Without it the url is built from the request's host.
func WithBaseURL(base string) Option {
	return func(h *Handlers) { h.baseURL = strings.TrimRight(base, "/") }
}

// WithContact sets the discovery document's contact line.
func WithContact(contact string) Option { return func(h *Handlers) { h.contact = contact } }

// defaultContact is the contact line without WithContact.
const defaultContact = "工单接口由区政务服务管理部门维护，请通过12345政务服务便民热线联系。"

// NewHandlers returns the handlers of district's orders.
func NewHandlers(svc *workorder.Service, district string, opts ...Option) *Handlers {
	h := &Handlers{svc: svc, district: district, contact: defaultContact}
	for _, o := range opts {
		o(h)
	}
	return h
}

// endpoint answers one resource in format f; an error is answered as the
// spec's errors document.
type endpoint func(w http.ResponseWriter, r *http.Request, f format) error

// named answers a resource named by the last path segment (the service
// code, request id or token, its extension cut off).
type named func(w http.ResponseWriter, r *http.Request, f format, name string) error

// Register adds the routes. They are raw routes (no session, no CSRF):
// the API is public but for POST, which carries its api_key.
func (h *Handlers) Register(rt *web.Router) {
	for _, ext := range []string{".xml", ".json"} {
		_, f, _ := splitFormat(ext)
		rt.Handle("GET "+Prefix+"/discovery"+ext, h.serve(f, h.discovery))
		rt.Handle("GET "+Prefix+"/services"+ext, h.serve(f, h.services))
		rt.Handle("GET "+Prefix+"/requests"+ext, h.serve(f, h.requests))
		rt.Handle("POST "+Prefix+"/requests"+ext, h.serve(f, h.post))
	}
	rt.Handle("GET "+Prefix+"/services/{name}", h.serveNamed(h.definition))
	rt.Handle("GET "+Prefix+"/requests/{name}", h.serveNamed(h.request))
	rt.Handle("GET "+Prefix+"/tokens/{name}", h.serveNamed(h.token))
	rt.Handle("GET "+Prefix+"/{$}", http.RedirectHandler(Prefix+"/discovery.xml", http.StatusFound))
	rt.Handle(Prefix+"/", http.HandlerFunc(h.unknown))
}

// serve runs e in f after the checks every request shares.
func (h *Handlers) serve(f format, e endpoint) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			// Public, read-only data: any web page may read it.
			w.Header().Set("Access-Control-Allow-Origin", "*")
			if err := h.checkJurisdiction(r.URL.Query()); err != nil {
				fail(w, r, f, err)
				return
			}
		}
		if err := e(w, r, f); err != nil {
			fail(w, r, f, err)
		}
	})
}

// serveNamed serves a resource named by the {name} segment.
func (h *Handlers) serveNamed(e named) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name, f, ok := splitFormat(r.PathValue("name"))
		if !ok || name == "" {
			fail(w, r, guessFormat(r.URL.Path), notFound("不支持的格式：请以 .xml 或 .json 结尾"))
			return
		}
		h.serve(f, func(w http.ResponseWriter, r *http.Request, f format) error { return e(w, r, f, name) }).ServeHTTP(w, r)
	})
}

// checkJurisdiction accepts no jurisdiction_id (one jurisdiction is
// served) or the district's own code.
func (h *Handlers) checkJurisdiction(v url.Values) error {
	if j := strings.TrimSpace(v.Get("jurisdiction_id")); j != "" && j != h.district {
		return notFound("jurisdiction_id：本接口只服务行政区划代码为 " + h.district + " 的辖区")
	}
	return nil
}

// unknown answers every other path and method below Prefix.
func (h *Handlers) unknown(w http.ResponseWriter, r *http.Request) {
	f := guessFormat(r.URL.Path)
	if allow := allowed(r.URL.Path); allow != "" {
		// The spec answers 400 to any request that cannot be fulfilled.
		w.Header().Set("Allow", allow)
		fail(w, r, f, invalid("method", "该资源不支持 "+r.Method+" 请求"))
		return
	}
	fail(w, r, f, notFound("资源不存在："+r.URL.Path))
}

// allowed lists the methods of a known resource path, "" for others.
func allowed(path string) string {
	rest, _ := strings.CutPrefix(path, Prefix+"/")
	name, _, ok := splitFormat(rest)
	switch {
	case !ok:
		return ""
	case name == "requests":
		return "GET, POST"
	case name == "discovery" || name == "services" || strings.Count(name, "/") == 1 &&
		(strings.HasPrefix(name, "services/") || strings.HasPrefix(name, "requests/") || strings.HasPrefix(name, "tokens/")):
		return "GET"
	}
	return ""
}

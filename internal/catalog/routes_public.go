package catalog

import "github.com/shanzhi-gov/shanzhi/internal/platform/web"

// registerPublic adds the residents' pages and the public API. Both read
// only the published items in force and need no sign-in.
func (h *Handlers) registerPublic(rt *web.Router) {
	p := &publicSite{h: h, search: h.svc.NewSearcher(h.district), secure: rt.SecureCookies()}
	rt.Page("GET /services", p.servicesPage)
	rt.Page("GET /services/{implCode}", p.guidePage)
	rt.Page("GET /services/{implCode}/print", p.guidePrintPage)
	rt.Page("GET /services/{implCode}/pdf", p.guidePDF)
	rt.API(opListItems, p.apiListItems)
	rt.API(opGetItem, p.apiGetItem)
}

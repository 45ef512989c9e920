package catalog

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// publicSite serves what residents read: the search, the browse lists and
// the guides, as pages and as the /api/v1/items operations.
type publicSite struct {
	h      *Handlers
	search *Searcher
}

// servicesView is the data of the services page.
type servicesView struct {
	Q           string
	LifeEvent   string
	Department  string
	Error       string // the search box's field error
	Searched    bool   // a search or a filter was asked for
	Hits        []Hit
	Total       int
	LifeEvents  []string
	Departments []string
}

// servicesPage shows the search box and the browse lists, and the results
// of a search (?q=), a life event (?life_event=) or a department
// (?department=).
func (p *publicSite) servicesPage(w http.ResponseWriter, r *http.Request) {
	qs := r.URL.Query()
	v := servicesView{Q: qs.Get("q"), LifeEvent: qs.Get("life_event"), Department: qs.Get("department"),
		LifeEvents: LifeEvents}
	depts, err := p.search.Departments(r.Context())
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	v.Departments = depts
	v.Searched = v.Q != "" || v.LifeEvent != "" || v.Department != ""
	if !v.Searched {
		p.h.rd.Render(w, r, http.StatusOK, "catalog/services", v)
		return
	}
	res, err := p.search.Find(r.Context(), Query{Q: v.Q, LifeEvent: v.LifeEvent, Department: v.Department, Limit: 50})
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid {
		v.Error = fieldMessage(e)
		p.h.rd.Render(w, r, http.StatusBadRequest, "catalog/services", v)
		return
	}
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	v.Hits, v.Total = res.Hits, res.Total
	p.h.rd.Render(w, r, http.StatusOK, "catalog/services", v)
}

// fieldMessage is the Chinese message of an invalid-input error.
func fieldMessage(e *apperr.Error) string {
	for _, m := range e.Fields {
		return m
	}
	return e.Message
}

// guidePage shows an item's guide in force.
func (p *publicSite) guidePage(w http.ResponseWriter, r *http.Request) {
	p.renderGuide(w, r, false)
}

// guidePrintPage shows the same guide in a bare, printable page.
func (p *publicSite) guidePrintPage(w http.ResponseWriter, r *http.Request) {
	p.renderGuide(w, r, true)
}

// renderGuide answers the guide in force of the path's item, on the
// resident shell or, for printing, on the bare one.
func (p *publicSite) renderGuide(w http.ResponseWriter, r *http.Request, printable bool) {
	v, err := p.h.svc.Get(r.Context(), r.PathValue("implCode"))
	if err == nil && v.District != p.h.district {
		err = apperr.NotFound("事项 " + short(r.PathValue("implCode")) + " 不存在或尚未生效")
	}
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	gv, err := p.guideView(r, v)
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	gv.Print = printable
	p.h.rd.Render(w, r, http.StatusOK, "catalog/guide", gv)
}

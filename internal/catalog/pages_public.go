package catalog

import (
	"html/template"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// publicSite serves what residents read: the search, the browse lists and
// the guides, as pages and as the /api/v1/items operations.
type publicSite struct {
	h      *Handlers
	search *Searcher
	// secure puts the Secure flag on the service point cookie; the routes
	// set it from the router (web.Router.SecureCookies).
	secure bool
	// pdfs keeps rendered guide PDFs (guide_pdf_cache.go).
	pdfs pdfCache
}

// servicesView is the data of the services page.
type servicesView struct {
	Q          string
	LifeEvent  string
	Department string
	Error      string // the search box's field error
	Problem    string // a point, channel or street that could not be used
	Searched   bool   // a search or a filter was asked for
	Hits       []Hit
	Total      int
	First      int // the numbers of the first and last hits shown, from 1
	Last       int
	// PrevHref and NextHref page through the results, "" at either end.
	PrevHref, NextHref string
	Context            browseContext
	// GuideQuery carries the context to the guides linked from the page.
	GuideQuery  template.URL
	Street      *streetView
	LifeEvents  []guideLink
	Departments []guideLink
	Streets     []guideLink
}

// servicesPage shows the search box and the browse lists, and the results
// of a search (?q=), a life event (?life_event=), a department
// (?department=) or a street (?street=), within the resident's context
// (see browseContext).
func (p *publicSite) servicesPage(w http.ResponseWriter, r *http.Request) {
	v, status, err := p.services(w, r)
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	p.h.rd.Render(w, r, status, "catalog/services", v)
}

// services builds the page and its status. A context, street or page the
// resident cannot use is said on the page with a 4xx status, the browse
// lists still there; other errors fail the request.
func (p *publicSite) services(w http.ResponseWriter, r *http.Request) (servicesView, int, error) {
	qs := r.URL.Query()
	v := servicesView{Q: qs.Get("q"), LifeEvent: qs.Get("life_event"), Department: qs.Get("department")}
	bc, err := p.residentContext(w, r)
	if e, ok := residentError(err); ok {
		v.Problem = fieldMessage(e)
		_, err = p.fillBrowseLists(r, &v)
		return v, statusOf(e), err
	}
	if err != nil {
		return v, 0, err
	}
	v.Context, v.GuideQuery = bc, bc.query()
	streets, err := p.fillBrowseLists(r, &v)
	if err != nil {
		return v, 0, err
	}
	q, err := p.browseQuery(r, &v, streets)
	if e, ok := residentError(err); ok {
		v.Problem = fieldMessage(e)
		return v, statusOf(e), nil
	}
	if err != nil || !v.Searched {
		return v, http.StatusOK, err
	}
	bc.apply(&q)
	res, err := p.search.Find(r.Context(), q)
	if e, ok := residentError(err); ok {
		v.Error = fieldMessage(e)
		return v, statusOf(e), nil
	}
	if err != nil {
		return v, 0, err
	}
	v.Hits, v.Total, v.First, v.Last = res.Hits, res.Total, q.Offset+1, q.Offset+len(res.Hits)
	v.PrevHref, v.NextHref = pageLinks(qs, q.Offset, res.Total)
	return v, http.StatusOK, nil
}

// browseQuery reads what the resident browses, page and street included,
// and notes in v whether anything was asked for.
func (p *publicSite) browseQuery(r *http.Request, v *servicesView, streets []Place) (Query, error) {
	qs := r.URL.Query()
	q := Query{Q: v.Q, LifeEvent: v.LifeEvent, Department: v.Department, Limit: resultsPerPage}
	off, err := pageOffset(qs)
	if err != nil {
		return q, err
	}
	q.Offset = off
	if qs.Has("street") {
		sv, err := p.street(r.Context(), streets, qs.Get("street"))
		if err != nil {
			return q, err
		}
		v.Street, q.AnyLevel = &sv, streetLevels
	}
	v.Searched = v.Q != "" || v.LifeEvent != "" || v.Department != "" || v.Street != nil
	return q, nil
}

// residentError is an error the resident can act on: a bad value or a
// point or street that does not exist.
func residentError(err error) (*apperr.Error, bool) {
	e, ok := apperr.As(err)
	return e, ok && (e.Code == apperr.CodeInvalid || e.Code == apperr.CodeNotFound)
}

// statusOf is the page status of a resident's error.
func statusOf(e *apperr.Error) int {
	if e.Code == apperr.CodeNotFound {
		return http.StatusNotFound
	}
	return http.StatusBadRequest
}

// fillBrowseLists adds the life event, department and street links of the
// page, each keeping the resident's channel, and returns the streets.
func (p *publicSite) fillBrowseLists(r *http.Request, v *servicesView) ([]Place, error) {
	depts, err := p.search.Departments(r.Context())
	if err != nil {
		return nil, err
	}
	streets, err := p.streets(r.Context())
	if err != nil {
		return nil, err
	}
	for _, e := range LifeEvents {
		v.LifeEvents = append(v.LifeEvents, guideLink{Href: v.Context.href("life_event", e), Name: e})
	}
	for _, d := range depts {
		v.Departments = append(v.Departments, guideLink{Href: v.Context.href("department", d), Name: d})
	}
	for _, st := range streets {
		v.Streets = append(v.Streets, guideLink{Href: v.Context.href("street", st.Code), Name: st.Name})
	}
	return streets, nil
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
	bc, err := p.residentContext(w, r)
	if e, ok := residentError(err); ok {
		// The guide stays readable; the resident is told what went wrong.
		gv.Access.Problem = fieldMessage(e)
	} else if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	gv.Access = access(v.Item, bc, gv.Access.Problem)
	gv.Print = printable
	p.h.rd.Render(w, r, http.StatusOK, "catalog/guide", gv)
}

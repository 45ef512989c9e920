package workorder

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Paths of the measures and the board.
const (
	MeasuresPath = "/console/workorder-measures"
	BoardPath    = "/console/workorder-board"
)

// registerMeasures adds the measures and board pages and their API.
func (h *Handlers) registerMeasures(rt *web.Router) {
	rt.Page("GET "+MeasuresPath, h.measuresPage, web.SignedIn)
	rt.Page("GET "+MeasuresPath+"/export", h.measuresExport, web.SignedIn)
	rt.Page("POST "+MeasuresPath+"/recompute", h.recomputePost, web.SignedIn)
	rt.Page("GET "+BoardPath, h.boardPage, web.SignedIn)
	h.registerMeasureAPI(rt)
}

// measureQueryOf reads a measures query from the URL.
func measureQueryOf(v url.Values) MeasureQuery {
	return MeasureQuery{By: Dimension(v.Get("by")), From: v.Get("from"), To: v.Get("to"), Street: v.Get("street"),
		Community: v.Get("community"), Category: v.Get("category"), Unit: v.Get("unit")}
}

// measuresView is the data of the leaders' page.
type measuresView struct {
	Measures   Measures
	Dimensions []Dimension
	Streets    []StreetPlace
	Categories []Category
	Export     string // the query string of the export links
	MayRedo    bool
	Done       int
	Error      string
	Fields     map[string]string
}

func (h *Handlers) measuresPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	if err := authz.Check(actor, actMeasures, authz.Scope{}); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v := measuresView{Dimensions: Dimensions, MayRedo: actor.May(actRecompute, authz.District(actor.District))}
	var err error
	if v.Streets, err = h.svc.Gazetteer(ctx, h.district); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Streets = slices.DeleteFunc(v.Streets, func(st StreetPlace) bool {
		return !measureCovers(actor, authz.Scope{Kind: authz.ScopeStreet, Code: st.Code}) &&
			!slices.ContainsFunc(st.Communities, func(c CommunityPlace) bool {
				return measureCovers(actor, authz.Scope{Kind: authz.ScopeCommunity, Code: c.Code})
			})
	})
	if t, err := h.svc.CurrentTree(ctx, h.district); err == nil {
		v.Categories = t.Categories
	}
	q := measureQueryOf(r.URL.Query())
	v.Measures, err = h.svc.Measures(ctx, actor, q)
	status := http.StatusOK
	switch {
	case err == nil:
	case apperr.CodeOf(err) == apperr.CodeInvalid:
		status, v.Measures.Query = http.StatusUnprocessableEntity, q
		if e, ok := apperr.As(err); ok {
			v.Error, v.Fields = e.Message, e.Fields
		}
	default:
		h.rd.Error(w, r, err)
		return
	}
	v.Export = exportQuery(v.Measures.Query)
	if r.URL.Query().Get("done") != "" {
		v.Done = 1
	}
	h.rd.Render(w, r, status, "workorder/measures", v)
}

// exportQuery is q as the export link's query string.
func exportQuery(q MeasureQuery) string {
	v := url.Values{}
	for k, s := range map[string]string{"by": string(q.By), "from": q.From, "to": q.To, "street": q.Street,
		"community": q.Community, "category": q.Category, "unit": q.Unit} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v.Encode()
}

func (h *Handlers) measuresExport(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Measures(r.Context(), web.ActorFrom(r.Context()), measureQueryOf(r.URL.Query()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	name := "workorder-measures-" + string(m.Query.By) + "-" + m.Query.From + "-" + m.Query.To
	var b []byte
	switch r.URL.Query().Get("format") {
	case "xlsx":
		b, err = ExportMeasuresExcel(m)
		name += ".xlsx"
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	case "csv", "":
		b, err = ExportMeasuresCSV(m)
		name += ".csv"
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	default:
		h.rd.Error(w, r, apperr.Invalid("format", "导出格式应为 csv 或 xlsx"))
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(b)
}

func (h *Handlers) recomputePost(w http.ResponseWriter, r *http.Request) {
	if _, err := h.svc.RecomputeMeasures(r.Context(), web.ActorFrom(r.Context())); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, MeasuresPath+"?done=recomputed", http.StatusSeeOther)
}

package catalog

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// diffPage is the data of console_diff.
type diffPage struct {
	ImplCode string
	Name     string
	From, To Version
	Versions []Version
	Changes  []Change
	Names    staffLabels // who created and published the two versions
}

// consoleDiff compares two versions of an item, ?from=N&to=M; by default
// the latest version against the one before it.
func (h *Handlers) consoleDiff(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("implCode")
	vs, err := h.svc.History(r.Context(), web.ActorFrom(r.Context()), code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := diffPage{ImplCode: code, Name: vs[0].Item.Name, Versions: vs, To: vs[0], From: vs[len(vs)-1]}
	if len(vs) > 1 {
		p.From = vs[1]
	}
	q := r.URL.Query()
	if s := q.Get("from"); s != "" {
		if p.From, err = pickVersion(vs, s); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	if s := q.Get("to"); s != "" {
		if p.To, err = pickVersion(vs, s); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	p.Changes = Diff(p.From.Item, p.To.Item)
	p.Names = h.namesOf(r.Context(), []Version{p.From, p.To})
	h.rd.Render(w, r, http.StatusOK, "catalog/console_diff", p)
}

// Pair is the two versions compared, one when they are the same, for the
// lines saying who made them.
func (p diffPage) Pair() []Version {
	if p.From.Number == p.To.Number {
		return []Version{p.To}
	}
	return []Version{p.From, p.To}
}

package supervision

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// EntitiesPath is the public search of entities by credit code; an
// entity's page is EntitiesPath/{code}.
const EntitiesPath = "/entities"

// EntityPath is the public page of the entity with a credit code.
func EntityPath(code string) string { return EntitiesPath + "/" + url.PathEscape(code) }

// entitiesView is the data of the search page.
type entitiesView struct {
	Q     string
	Error string
}

// entitiesPage shows the search form; a found code goes to its page.
func (h *Handlers) entitiesPage(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		h.rd.Render(w, r, http.StatusOK, "supervision/entities", entitiesView{})
		return
	}
	e, err := h.svc.Entity(r.Context(), "q", q)
	if err == nil {
		http.Redirect(w, r, EntityPath(e.CreditCode), http.StatusSeeOther)
		return
	}
	ae, ok := apperr.As(err)
	if !ok || (ae.Code != apperr.CodeInvalid && ae.Code != apperr.CodeNotFound) {
		h.rd.Error(w, r, err)
		return
	}
	msg := ae.Message
	if f := ae.Fields["q"]; f != "" {
		msg = f
	}
	h.rd.Render(w, r, web.StatusOf(err), "supervision/entities", entitiesView{Q: q, Error: msg})
}

// entityPage shows an entity's approvals and inspection results.
func (h *Handlers) entityPage(w http.ResponseWriter, r *http.Request) {
	e, err := h.svc.Entity(r.Context(), "code", r.PathValue("code"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "supervision/entity", e)
}

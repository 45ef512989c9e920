package org

import (
	"net/http"
	"net/url"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// gridFields are the inputs of the new-grid form.
var gridFields = []string{"name", "cell", "leader_account_id"}

// createGrid adds a grid from the community page's form. The page is
// loaded first, so an unknown community is a 404 and one outside the
// viewer's scope a 403, whatever the form holds; a refused form is shown
// again with the community's grids, its input kept and each mistake next
// to its field.
func (h *Handlers) createGrid(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	code, err := h.pathCode(r, authz.ScopeCommunity, "社区")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	values, err := formValues(r, gridFields...)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg, err := h.communityPage(r, actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	g, err := h.svc.CreateGrid(r.Context(), actor, GridInput{
		CommunityCode: code, Cell: int(formID(values["cell"])), Name: values["name"],
		LeaderAccountID: formID(values["leader_account_id"]),
	})
	if err != nil {
		form, ok := failedForm(values, err, gridFields...)
		if !ok {
			h.rd.Error(w, r, err)
			return
		}
		pg.Form = form
		h.rd.Render(w, r, web.StatusOf(err), "org/community", pg)
		return
	}
	http.Redirect(w, r, "/console/org/communities/"+code+"?created="+url.QueryEscape(g.Code), http.StatusSeeOther)
}

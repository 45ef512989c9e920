package org

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// The residents' pages: where to go. Anyone may read them, signed in or
// not; they show only points open to the public.

type publicPointsPage struct {
	District District
	Streets  []Street
	// Street is the chosen street, "" for all.
	Street string
	Groups []pointGroup
	Total  int
}

// pointGroup is the points of one street, or of the district level.
type pointGroup struct {
	Title  string
	Code   string
	Points []pointRow
}

func (h *Handlers) publicPoints(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	street := r.URL.Query().Get("street")
	if street != "" && kindOf(street) != authz.ScopeStreet {
		h.rd.Error(w, r, apperr.Invalid("street", "请选择列表中的街道"))
		return
	}
	dist, err := h.svc.GetDistrict(ctx, actor, h.district)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	streets, err := h.svc.ListStreets(ctx, actor, h.district, Page{Limit: MaxLimit})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	list, err := h.svc.ListServicePoints(ctx, actor,
		PointFilter{District: h.district, Division: street, ActiveOnly: true}, Page{Limit: MaxLimit})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	rows, err := h.decorate(ctx, nil, list.Items)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "org/public_points", publicPointsPage{
		District: dist, Streets: streets.Items, Street: street, Groups: groupByStreet(dist, streets.Items, rows),
		Total: len(rows),
	})
}

// groupByStreet puts the district's own points first, then each street's
// centre and stations in street order; empty groups are left out.
func groupByStreet(dist District, streets []Street, rows []pointRow) []pointGroup {
	groups := []pointGroup{{Title: dist.Name + "（区级）", Code: dist.Code}}
	at := map[string]int{"": 0}
	for _, st := range streets {
		at[st.Code] = len(groups)
		groups = append(groups, pointGroup{Title: st.Name, Code: st.Code})
	}
	for _, row := range rows {
		i, ok := at[row.Street]
		if !ok {
			continue
		}
		groups[i].Points = append(groups[i].Points, row)
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Points) > 0 {
			out = append(out, g)
		}
	}
	return out
}

type publicPointPage struct {
	Point pointRow
	// Street is the point's street, zero at district level.
	Street   Street
	District District
}

func (h *Handlers) publicPoint(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	code, err := h.pathCode(r, authz.ScopeServicePoint, "办事网点")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	sp, err := h.svc.GetServicePoint(ctx, actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	rows, err := h.decorate(ctx, nil, []ServicePoint{sp})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg := publicPointPage{Point: rows[0]}
	if pg.District, err = h.svc.GetDistrict(ctx, actor, h.district); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if rows[0].Street != "" {
		if pg.Street, err = h.svc.GetStreet(ctx, actor, rows[0].Street); err != nil {
			h.rd.Error(w, r, err)
			return
		}
	}
	h.rd.Render(w, r, http.StatusOK, "org/public_point", pg)
}

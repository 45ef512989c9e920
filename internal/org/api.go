package org

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxGridBody bounds the JSON body of a new grid: a few short fields.
const maxGridBody = 16 << 10

// GridView is a grid as the API shows it: with its leader's name when the
// site knows it.
type GridView struct {
	Grid
	LeaderName string `json:"leader_name,omitempty"`
}

// PostView is a staff post as the API shows it: with the holder's name
// when the site knows it.
type PostView struct {
	StaffPost
	AccountName string `json:"account_name,omitempty"`
}

func (h *Handlers) apiDistrict(w http.ResponseWriter, r *http.Request) {
	d, err := h.svc.GetDistrict(r.Context(), web.ActorFrom(r.Context()), r.PathValue("code"))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, d)
}

func (h *Handlers) apiStreets(w http.ResponseWriter, r *http.Request) {
	writeList(w, r, func(p Page) (List[Street], error) {
		return h.svc.ListStreets(r.Context(), web.ActorFrom(r.Context()), r.PathValue("code"), p)
	})
}

func (h *Handlers) apiCommunities(w http.ResponseWriter, r *http.Request) {
	writeList(w, r, func(p Page) (List[Community], error) {
		return h.svc.ListCommunities(r.Context(), web.ActorFrom(r.Context()), r.PathValue("code"), p)
	})
}

func (h *Handlers) apiGrids(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	writeList(w, r, func(p Page) (List[GridView], error) {
		list, err := h.svc.ListGrids(ctx, web.ActorFrom(ctx), r.PathValue("code"), p)
		ids := make([]int64, 0, len(list.Items))
		for _, g := range list.Items {
			ids = append(ids, g.LeaderAccountID)
		}
		names := h.people(ctx, ids)
		return mapList(list, func(g Grid) GridView { return GridView{Grid: g, LeaderName: names[g.LeaderAccountID]} }), err
	})
}

// apiPoints lists service points; only staff see points closed to the
// public.
func (h *Handlers) apiPoints(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	q := r.URL.Query()
	f, err := h.pointFilter(q.Get("level"), q.Get("street"))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	f.ActiveOnly = h.svc.MayBrowse(actor) != nil
	writeList(w, r, func(p Page) (List[ServicePoint], error) { return h.svc.ListServicePoints(ctx, actor, f, p) })
}

func (h *Handlers) apiPoint(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	sp, err := h.svc.GetServicePoint(ctx, actor, r.PathValue("code"))
	if err == nil && !sp.Active && h.svc.MayBrowse(actor) != nil {
		err = apperr.NotFound("服务网点 " + sp.Code + " 不存在")
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, sp)
}

func (h *Handlers) apiDepartments(w http.ResponseWriter, r *http.Request) {
	writeList(w, r, func(p Page) (List[Department], error) {
		return h.svc.ListDepartments(r.Context(), web.ActorFrom(r.Context()), h.district, p)
	})
}

// apiCreateGrid adds a grid. A well-formed but unknown community is a 404,
// told only to those who may add grids there.
func (h *Handlers) apiCreateGrid(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	var in GridInput
	if err := web.DecodeJSON(r, &in, maxGridBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	if kindOf(in.CommunityCode) == authz.ScopeCommunity {
		if err := h.svc.MayManageGrids(ctx, actor, in.CommunityCode); err != nil {
			web.WriteError(w, r, err)
			return
		}
		if _, err := h.svc.GetCommunity(ctx, actor, in.CommunityCode); err != nil {
			web.WriteError(w, r, err)
			return
		}
	}
	g, err := h.svc.CreateGrid(ctx, actor, in)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, g)
}

// apiPosts lists the posts of a unit the caller may see; an unknown unit
// is a 404.
func (h *Handlers) apiPosts(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	actor := web.ActorFrom(ctx)
	unit := r.PathValue("code")
	var f PostFilter
	var err error
	if f.IncludeEnded, err = queryBool(r, "include_ended"); err == nil {
		f.IncludeSubunits, err = queryBool(r, "include_subunits")
	}
	if err == nil {
		if err = h.svc.MayView(ctx, actor, unit); err == nil {
			_, err = h.svc.UnitName(ctx, actor, unit)
		}
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	writeList(w, r, func(p Page) (List[PostView], error) {
		list, err := h.svc.ListStaffPosts(ctx, actor, unit, f, p)
		ids := make([]int64, 0, len(list.Items))
		for _, sp := range list.Items {
			ids = append(ids, sp.AccountID)
		}
		names := h.people(ctx, ids)
		return mapList(list, func(sp StaffPost) PostView { return PostView{StaffPost: sp, AccountName: names[sp.AccountID]} }), err
	})
}

// writeList answers one page of a list in the API's list shape.
func writeList[T any](w http.ResponseWriter, r *http.Request, load func(Page) (List[T], error)) {
	p, err := pageOf(r, web.DefaultLimit)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	list, err := load(orgPage(p))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, web.OffsetList(r, list.Items, p, list.Total))
}

// mapList converts the items of a list.
func mapList[T, U any](l List[T], f func(T) U) List[U] {
	out := List[U]{Total: l.Total, Limit: l.Limit, Offset: l.Offset, Items: make([]U, 0, len(l.Items))}
	for _, it := range l.Items {
		out.Items = append(out.Items, f(it))
	}
	return out
}

// queryBool reads a true/false query parameter, false when absent.
func queryBool(r *http.Request, name string) (bool, error) {
	switch r.URL.Query().Get(name) {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, apperr.Invalid(name, name+" 应为 true 或 false")
}

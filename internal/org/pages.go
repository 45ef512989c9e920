package org

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// The staff console's organisation browser: district → street →
// community → grid. Streets and communities are public data; what the
// pages add for staff (grids, leaders, posts) is checked by the service
// against the viewer's scope.

type overviewPage struct {
	Overview Overview
	Crumbs   []crumb
	// CanPosts offers the district's own staff posts.
	CanPosts bool
}

func (h *Handlers) overview(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	ov, err := h.svc.Overview(r.Context(), actor, h.district)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "org/overview", overviewPage{
		Overview: ov, Crumbs: current([]crumb{{Label: ov.District.Name}}),
		CanPosts: h.svc.MayView(r.Context(), actor, ov.District.Code) == nil,
	})
}

type streetPage struct {
	Crumbs      []crumb
	Street      Street
	Communities []Community
	Pager       pager
	// Centres holds the street's own service centre.
	Centres  []pointRow
	CanPosts bool
}

func (h *Handlers) street(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	ctx := r.Context()
	code, err := h.pathCode(r, authz.ScopeStreet, "街道")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p, err := pageOf(r, 50)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	crumbs, err := h.trail(ctx, actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	st, _ := h.svc.GetStreet(ctx, actor, code)
	list, err := h.svc.ListCommunities(ctx, actor, code, orgPage(p))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	centres, err := h.pointRows(r, actor, PointFilter{Division: code, Level: LevelStreetCentre})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "org/street", streetPage{
		Crumbs: current(crumbs), Street: st, Communities: list.Items, Pager: newPager(r, p, len(list.Items), list.Total),
		Centres: centres, CanPosts: h.svc.MayView(ctx, actor, code) == nil,
	})
}

type communityPage struct {
	Crumbs    []crumb
	Community Community
	Grids     []gridRow
	Pager     pager
	Stations  []pointRow
	// CanCreate shows the new-grid form; Form holds it when sent back.
	CanCreate bool
	Form      formState
	// Created is the code of the grid just added.
	Created string
}

// gridRow is a grid with its leader's name.
type gridRow struct {
	Grid
	Leader string
}

func (h *Handlers) community(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	code, err := h.pathCode(r, authz.ScopeCommunity, "社区")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg, err := h.communityPage(r, actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg.Created = r.URL.Query().Get("created")
	if g, err := h.svc.GetGrid(r.Context(), actor, pg.Created); err != nil || g.CommunityCode != code {
		pg.Created = ""
	}
	h.rd.Render(w, r, http.StatusOK, "org/community", pg)
}

// communityPage loads a community's page: its grids (refused outside the
// viewer's scope) and its station.
func (h *Handlers) communityPage(r *http.Request, actor *authz.Actor, code string) (communityPage, error) {
	ctx := r.Context()
	p, err := pageOf(r, 50)
	if err != nil {
		return communityPage{}, err
	}
	crumbs, err := h.trail(ctx, actor, code)
	if err != nil {
		return communityPage{}, err
	}
	c, _ := h.svc.GetCommunity(ctx, actor, code)
	list, err := h.svc.ListGrids(ctx, actor, code, orgPage(p))
	if err != nil {
		return communityPage{}, err
	}
	ids := make([]int64, 0, len(list.Items))
	for _, g := range list.Items {
		ids = append(ids, g.LeaderAccountID)
	}
	names := h.people(ctx, ids)
	rows := make([]gridRow, 0, len(list.Items))
	for _, g := range list.Items {
		rows = append(rows, gridRow{Grid: g, Leader: person(g.LeaderAccountID, names)})
	}
	stations, err := h.pointRows(r, actor, PointFilter{Division: code})
	if err != nil {
		return communityPage{}, err
	}
	return communityPage{
		Crumbs: current(crumbs), Community: c, Grids: rows, Pager: newPager(r, p, len(rows), list.Total),
		Stations: stations, CanCreate: h.svc.MayManageGrids(ctx, actor, code) == nil,
	}, nil
}

type gridPage struct {
	Crumbs    []crumb
	Grid      Grid
	Community Community
	Leader    string
	Posts     []postRow
	CanAssign bool
}

func (h *Handlers) grid(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	ctx := r.Context()
	code, err := h.pathCode(r, authz.ScopeGrid, "网格")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	g, err := h.svc.GetGrid(ctx, actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	crumbs, err := h.trail(ctx, actor, code)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	c, err := h.svc.GetCommunity(ctx, actor, g.CommunityCode)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	posts, err := h.svc.ListStaffPosts(ctx, actor, code, PostFilter{}, Page{Limit: web.MaxLimit})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	ids := []int64{g.LeaderAccountID}
	for _, p := range posts.Items {
		ids = append(ids, p.AccountID)
	}
	names := h.people(ctx, ids)
	h.rd.Render(w, r, http.StatusOK, "org/grid", gridPage{
		Crumbs: current(crumbs), Grid: g, Community: c, Leader: person(g.LeaderAccountID, names),
		Posts: postRows(posts.Items, names), CanAssign: h.svc.MayAssignPosts(ctx, actor, code) == nil,
	})
}

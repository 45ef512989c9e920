package org

import (
	"context"
	"html/template"
	"net/http"
	"net/url"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// pointRow is a service point with the names of where it is and who runs
// it, ready to show.
type pointRow struct {
	ServicePoint
	Division string
	// Street is the street the point belongs to, "" at district level.
	Street     string
	Department string
	Tel        template.URL
	CanEdit    bool
}

// decorate names the points' divisions and departments. The console
// (actor not nil) also learns which points the viewer may edit.
func (h *Handlers) decorate(ctx context.Context, actor *authz.Actor, points []ServicePoint) ([]pointRow, error) {
	divs, err := h.svc.Divisions(ctx, h.district)
	if err != nil {
		return nil, err
	}
	deps, err := h.svc.ListDepartments(ctx, actor, h.district, Page{Limit: MaxLimit})
	if err != nil {
		return nil, err
	}
	depName := map[string]string{}
	for _, d := range deps.Items {
		depName[d.Code] = d.Name
	}
	rows := make([]pointRow, 0, len(points))
	for _, p := range points {
		row := pointRow{ServicePoint: p, Division: divs[p.DivisionCode].Name, Street: divs[p.DivisionCode].Street, Department: depName[p.DepartmentCode],
			Tel: telURL(p.Phone)}
		if actor != nil {
			row.CanEdit = h.svc.MayManagePoint(ctx, actor, p.Code) == nil
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// pointRows lists every point a filter selects, decorated.
func (h *Handlers) pointRows(r *http.Request, actor *authz.Actor, f PointFilter) ([]pointRow, error) {
	list, err := h.svc.ListServicePoints(r.Context(), actor, f, Page{Limit: MaxLimit})
	if err != nil {
		return nil, err
	}
	return h.decorate(r.Context(), actor, list.Items)
}

type pointsPage struct {
	Crumbs  []crumb
	Points  []pointRow
	Pager   pager
	Levels  []Level
	Streets []Street
	// Level and Street are the filter's current values.
	Level  string
	Street string
	// Saved is the point whose changes were just saved.
	Saved string
}

func (h *Handlers) points(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	ctx := r.Context()
	q := r.URL.Query()
	pg := pointsPage{Levels: Levels, Level: q.Get("level"), Street: q.Get("street")}
	f, err := h.pointFilter(pg.Level, pg.Street)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p, err := pageOf(r, web.DefaultLimit)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	list, err := h.svc.ListServicePoints(ctx, actor, f, orgPage(p))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if pg.Points, err = h.decorate(ctx, actor, list.Items); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	streets, err := h.svc.ListStreets(ctx, actor, h.district, Page{Limit: MaxLimit})
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	crumbs, err := h.trail(ctx, actor, h.district)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg.Streets, pg.Pager = streets.Items, newPager(r, p, len(list.Items), list.Total)
	pg.Crumbs = current(crumbs, crumb{Label: "服务网点"})
	if saved, err := h.svc.GetServicePoint(ctx, actor, q.Get("saved")); err == nil {
		pg.Saved = saved.Name
	}
	h.rd.Render(w, r, http.StatusOK, "org/points", pg)
}

// pointFilter builds the filter of the site's district from a level and
// a street as the query gives them ("" for all).
func (h *Handlers) pointFilter(level, street string) (PointFilter, error) {
	f := PointFilter{District: h.district, Level: Level(level), Division: street}
	if street != "" && kindOf(street) != authz.ScopeStreet {
		return f, apperr.Invalid("street", "街道代码应为9位数字")
	}
	if f.Level != "" && !f.Level.Valid() {
		return f, apperr.Invalid("level", "网点类型无效")
	}
	return f, nil
}

// pointFields are the inputs of the service point form.
var pointFields = []string{"name", "address", "phone", "opening_hours",
	"accepts_applications", "pickup", "self_service", "active"}

type pointEditPage struct {
	Crumbs []crumb
	Point  pointRow
	Form   formState
}

func (h *Handlers) editPoint(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	pg, err := h.pointEditPage(r, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := pg.Point
	pg.Form = formState{Values: map[string]string{"name": p.Name, "address": p.Address, "phone": p.Phone,
		"opening_hours": p.OpeningHours, "accepts_applications": on(p.AcceptsApplications), "pickup": on(p.Pickup),
		"self_service": on(p.SelfService), "active": on(p.Active)}}
	h.rd.Render(w, r, http.StatusOK, "org/point_edit", pg)
}

func (h *Handlers) savePoint(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	values, err := formValues(r, pointFields...)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg, err := h.pointEditPage(r, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	sp, err := h.svc.UpdateServicePoint(r.Context(), actor, pg.Point.Code, ServicePointFields{
		Name: values["name"], Address: values["address"], Phone: values["phone"], OpeningHours: values["opening_hours"],
		AcceptsApplications: values["accepts_applications"] == "on", Pickup: values["pickup"] == "on",
		SelfService: values["self_service"] == "on", Active: values["active"] == "on",
	})
	if err != nil {
		form, ok := failedForm(values, err, pointFields...)
		if !ok {
			h.rd.Error(w, r, err)
			return
		}
		pg.Form = form
		h.rd.Render(w, r, web.StatusOf(err), "org/point_edit", pg)
		return
	}
	http.Redirect(w, r, "/console/org/service-points?saved="+url.QueryEscape(sp.Code), http.StatusSeeOther)
}

// pointEditPage loads the edit page of the path's point for a viewer who
// may edit it; others are refused before learning anything more.
func (h *Handlers) pointEditPage(r *http.Request, actor *authz.Actor) (pointEditPage, error) {
	ctx := r.Context()
	code, err := h.pathCode(r, authz.ScopeServicePoint, "服务网点")
	if err != nil {
		return pointEditPage{}, err
	}
	if err := h.svc.MayManagePoint(ctx, actor, code); err != nil {
		return pointEditPage{}, err
	}
	sp, err := h.svc.GetServicePoint(ctx, actor, code)
	if err != nil {
		return pointEditPage{}, err
	}
	rows, err := h.decorate(ctx, actor, []ServicePoint{sp})
	if err != nil {
		return pointEditPage{}, err
	}
	crumbs, err := h.trail(ctx, actor, sp.DistrictCode)
	if err != nil {
		return pointEditPage{}, err
	}
	return pointEditPage{Point: rows[0], Crumbs: current(crumbs,
		crumb{Label: "服务网点", Href: "/console/org/service-points"}, crumb{Label: "编辑 " + sp.Name})}, nil
}

// on is a checkbox's value for a flag.
func on(b bool) string {
	if b {
		return "on"
	}
	return ""
}

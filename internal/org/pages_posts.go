package org

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

type departmentsPage struct {
	Crumbs      []crumb
	Departments []departmentRow
	Pager       pager
}

// departmentRow is a department and whether the viewer may see its posts.
type departmentRow struct {
	Department
	CanPosts bool
}

func (h *Handlers) departments(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	ctx := r.Context()
	p, err := pageOf(r, 50)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	list, err := h.svc.ListDepartments(ctx, actor, h.district, orgPage(p))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	crumbs, err := h.trail(ctx, actor, h.district)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	rows := make([]departmentRow, 0, len(list.Items))
	for _, d := range list.Items {
		rows = append(rows, departmentRow{Department: d, CanPosts: h.svc.MayView(ctx, actor, d.Code) == nil})
	}
	h.rd.Render(w, r, http.StatusOK, "org/departments", departmentsPage{
		Crumbs: current(crumbs, crumb{Label: "部门"}), Departments: rows, Pager: newPager(r, p, len(rows), list.Total),
	})
}

type postsPage struct {
	Crumbs []crumb
	// Unit is the unit whose posts are listed, "" until one is chosen.
	Unit     string
	UnitName string
	Posts    []postRow
	Pager    pager
	// Ended and Sub are the list's filters: past posts, posts of the
	// units below.
	Ended, Sub bool
	CanAssign  bool
	Form       formState
}

// postRow is a post with the holder's name.
type postRow struct {
	StaffPost
	Person string
	Held   bool
}

func postRows(posts []StaffPost, names map[int64]string) []postRow {
	out := make([]postRow, 0, len(posts))
	for _, p := range posts {
		out = append(out, postRow{StaffPost: p, Person: person(p.AccountID, names), Held: p.EndsAt == nil})
	}
	return out
}

// postFields are the inputs of the assignment form.
var postFields = []string{"unit_code", "account_id", "title"}

func (h *Handlers) posts(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	pg, err := h.postsPage(r, actor, r.URL.Query().Get("unit"))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "org/posts", pg)
}

// postsPage loads the posts of a unit the viewer may see; with no unit it
// is the page that asks for one.
func (h *Handlers) postsPage(r *http.Request, actor *authz.Actor, unit string) (postsPage, error) {
	ctx := r.Context()
	q := r.URL.Query()
	pg := postsPage{Unit: unit, Ended: q.Get("ended") == "1", Sub: q.Get("sub") == "1"}
	crumbs, err := h.trail(ctx, actor, h.district)
	if err != nil || unit == "" {
		pg.Crumbs = current(crumbs, crumb{Label: "岗位人员"})
		return pg, err
	}
	if err := h.svc.MayView(ctx, actor, unit); err != nil {
		return pg, err
	}
	if districtOf(unit) != h.district {
		return pg, apperr.NotFound("单位不存在")
	}
	if pg.UnitName, err = h.svc.UnitName(ctx, actor, unit); err != nil {
		return pg, err
	}
	p, err := pageOf(r, 50)
	if err != nil {
		return pg, err
	}
	list, err := h.svc.ListStaffPosts(ctx, actor, unit, PostFilter{IncludeEnded: pg.Ended, IncludeSubunits: pg.Sub}, orgPage(p))
	if err != nil {
		return pg, err
	}
	ids := make([]int64, 0, len(list.Items))
	for _, p := range list.Items {
		ids = append(ids, p.AccountID)
	}
	pg.Posts, pg.Pager = postRows(list.Items, h.people(ctx, ids)), newPager(r, p, len(list.Items), list.Total)
	pg.CanAssign = h.svc.MayAssignPosts(ctx, actor, unit) == nil
	pg.Crumbs, err = h.unitTrail(ctx, actor, unit, pg.UnitName)
	return pg, err
}

// unitTrail is the breadcrumb trail of a unit's posts page.
func (h *Handlers) unitTrail(ctx context.Context, actor *authz.Actor, unit, name string) ([]crumb, error) {
	var crumbs []crumb
	var err error
	switch kindOf(unit) {
	case authz.ScopeDepartment:
		crumbs, err = h.trail(ctx, actor, districtOf(unit))
		crumbs = append(crumbs, crumb{Label: "部门", Href: "/console/org/departments"}, crumb{Label: name})
	case authz.ScopeServicePoint:
		crumbs, err = h.trail(ctx, actor, districtOf(unit))
		crumbs = append(crumbs, crumb{Label: "服务网点", Href: "/console/org/service-points"}, crumb{Label: name})
	default:
		crumbs, err = h.trail(ctx, actor, unit)
	}
	return current(crumbs, crumb{Label: "岗位人员"}), err
}

// assignPost gives a post from the posts page's form. Those who may not
// assign posts in the unit are refused before the form is looked at.
func (h *Handlers) assignPost(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	values, err := formValues(r, postFields...)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	unit := values["unit_code"]
	if err := h.svc.MayAssignPosts(r.Context(), actor, unit); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	pg, err := h.postsPage(r, actor, unit)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	_, err = h.svc.AssignPost(r.Context(), actor, PostInput{AccountID: formID(values["account_id"]), UnitCode: unit,
		Title: values["title"]})
	if err != nil {
		form, ok := failedForm(values, err, postFields...)
		if !ok {
			h.rd.Error(w, r, err)
			return
		}
		pg.Form = form
		h.rd.Render(w, r, web.StatusOf(err), "org/posts", pg)
		return
	}
	http.Redirect(w, r, "/console/org/posts?unit="+url.QueryEscape(unit), http.StatusSeeOther)
}

// endPost ends a held post, then shows the posts of the unit the form
// came from (by default the post's own).
func (h *Handlers) endPost(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.rd.Error(w, r, apperr.NotFound("岗位记录不存在"))
		return
	}
	values, err := formValues(r, "back")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p, err := h.svc.EndPost(r.Context(), actor, id)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	back := p.UnitCode
	if b := values["back"]; postUnit(kindOf(b)) {
		back = b
	}
	http.Redirect(w, r, "/console/org/posts?unit="+url.QueryEscape(back), http.StatusSeeOther)
}

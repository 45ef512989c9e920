package org

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// registerRosters adds the duty roster pages: a point's roster (viewed by
// staff within scope, edited by its managers) and the district's
// "正在值班" list.
func (h *Handlers) registerRosters(rt *web.Router) {
	pages := []struct {
		pattern string
		handler consoleHandler
	}{
		{"GET /console/org/service-points/{code}/roster", h.roster},
		{"POST /console/org/service-points/{code}/roster", h.addRoster},
		{"POST /console/org/service-points/{code}/roster/{id}/remove", h.removeRoster},
		{"GET /console/org/on-duty", h.onDuty},
	}
	for _, p := range pages {
		rt.Page(p.pattern, h.console(p.handler), web.SignedIn)
	}
}

// rosterNav is the navigation item of the "正在值班" list.
func rosterNav() web.NavItem {
	return web.NavItem{Shell: web.ShellConsole, Label: "正在值班", Href: "/console/org/on-duty",
		Hint: "各服务网点当前在岗的窗口、延时服务和夜间预审人员", Roles: slices.Clone(staffRoles), Order: 81}
}

// rosterFields are the inputs of the roster form; weekdays is a set of
// checkboxes read apart.
var rosterFields = []string{"account_id", "kind", "days", "date", "start", "end", "note"}

type rosterPage struct {
	Crumbs     []crumb
	Point      pointRow
	Entries    []rosterRow
	CanManage  bool
	Candidates []candidate
	Form       formState
	// Weekdays are the form's checked days.
	Weekdays  map[int]bool
	Kinds     []DutyKind
	Rules     []DayRule
	Days      []weekdayOption
	Now       string
	Added     bool
	Removed   bool
	OnDutyNow int
}

// rosterRow is an entry with the person's name and whether they are on
// duty now.
type rosterRow struct {
	RosterEntry
	Person string
	OnNow  bool
}

// candidate is a person the roster form offers.
type candidate struct {
	ID    int64
	Label string
}

// weekdayOption is one checkbox of the weekly rule, Monday first.
type weekdayOption struct {
	Value int
	Label string
}

var weekdayOptions = []weekdayOption{{1, "周一"}, {2, "周二"}, {3, "周三"}, {4, "周四"}, {5, "周五"}, {6, "周六"}, {0, "周日"}}

func (h *Handlers) roster(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	pg, err := h.rosterPage(r, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	pg.Added, pg.Removed = q.Get("added") == "1", q.Get("removed") == "1"
	pg.Form = formState{Values: map[string]string{"kind": string(DutyCounter), "days": string(DaysWorking)}}
	h.rd.Render(w, r, http.StatusOK, "org/roster", pg)
}

// addRoster adds an entry from the form. Those who may not manage the
// point are refused before the form is looked at.
func (h *Handlers) addRoster(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	code, err := h.pathCode(r, authz.ScopeServicePoint, "服务网点")
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	if err := h.svc.MayManagePoint(r.Context(), actor, code); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	values, err := formValues(r, rosterFields...)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	days := formWeekdays(r.PostForm["weekdays"])
	_, err = h.svc.Rosters(nil).Add(r.Context(), actor, RosterInput{PointCode: code, AccountID: formID(values["account_id"]),
		Kind: values["kind"], Days: values["days"], Date: values["date"], Weekdays: days,
		Start: values["start"], End: values["end"], Note: values["note"]})
	if err != nil {
		h.refuseRoster(w, r, actor, values, days, err)
		return
	}
	http.Redirect(w, r, rosterURL(code)+"?added=1", http.StatusSeeOther)
}

// refuseRoster shows the roster page again with the form as typed and
// the service's messages, or the error page when err is not about input.
func (h *Handlers) refuseRoster(w http.ResponseWriter, r *http.Request, actor *authz.Actor, values map[string]string, days []int, err error) {
	form, ok := failedForm(values, err, append(rosterFields, "weekdays")...)
	if !ok {
		h.rd.Error(w, r, err)
		return
	}
	pg, perr := h.rosterPage(r, actor)
	if perr != nil {
		h.rd.Error(w, r, perr)
		return
	}
	pg.Form, pg.Weekdays = form, map[int]bool{}
	for _, d := range days {
		pg.Weekdays[d] = true
	}
	h.rd.Render(w, r, web.StatusOf(err), "org/roster", pg)
}

func (h *Handlers) removeRoster(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	if _, err := h.pathCode(r, authz.ScopeServicePoint, "服务网点"); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		h.rd.Error(w, r, apperr.NotFound("值班记录不存在"))
		return
	}
	if _, err := web.ReadForm(r); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	e, err := h.svc.Rosters(nil).Remove(r.Context(), actor, id)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	// Back to the roster the entry was on, whichever path the form used.
	http.Redirect(w, r, rosterURL(e.PointCode)+"?removed=1", http.StatusSeeOther)
}

// rosterPage loads a point's roster for a viewer who may see it, with the
// people the form may offer when the viewer may change it.
func (h *Handlers) rosterPage(r *http.Request, actor *authz.Actor) (rosterPage, error) {
	ctx := r.Context()
	code, err := h.pathCode(r, authz.ScopeServicePoint, "服务网点")
	if err != nil {
		return rosterPage{}, err
	}
	rosters := h.svc.Rosters(nil)
	entries, err := rosters.List(ctx, actor, code)
	if err != nil {
		return rosterPage{}, err
	}
	sp, err := h.svc.GetServicePoint(ctx, actor, code)
	if err != nil {
		return rosterPage{}, err
	}
	points, err := h.decorate(ctx, actor, []ServicePoint{sp})
	if err != nil {
		return rosterPage{}, err
	}
	pg := rosterPage{Point: points[0], Kinds: DutyKinds, Rules: DayRules, Days: weekdayOptions, Weekdays: map[int]bool{},
		CanManage: rosters.MayManage(ctx, actor, code) == nil}
	if pg.CanManage {
		if pg.Candidates, err = h.candidates(r, actor, sp); err != nil {
			return rosterPage{}, err
		}
	}
	pg.Entries, pg.Now = h.rosterRows(r, rosters, entries)
	for _, e := range pg.Entries {
		if e.OnNow {
			pg.OnDutyNow++
		}
	}
	crumbs, err := h.trail(ctx, actor, sp.DistrictCode)
	pg.Crumbs = current(crumbs, crumb{Label: "服务网点", Href: "/console/org/service-points"}, crumb{Label: sp.Name + " 值班表"})
	return pg, err
}

// rosterRows names the people of a roster and marks who is on duty now.
func (h *Handlers) rosterRows(r *http.Request, rosters *Rosters, entries []RosterEntry) ([]rosterRow, string) {
	now := rosters.svc.db.Clock.Now()
	ids := make([]int64, 0, len(entries))
	for _, e := range entries {
		ids = append(ids, e.AccountID)
	}
	names := h.people(r.Context(), ids)
	rows := make([]rosterRow, 0, len(entries))
	for _, e := range entries {
		_, _, on := e.shiftAt(rosters.cal, now)
		rows = append(rows, rosterRow{RosterEntry: e, Person: person(e.AccountID, names), OnNow: on})
	}
	return rows, now.In(calendar.CST).Format("2006-01-02 15:04")
}

// candidates lists the people holding posts that let them serve at the
// point, once each.
func (h *Handlers) candidates(r *http.Request, actor *authz.Actor, sp ServicePoint) ([]candidate, error) {
	units := []string{sp.Code, sp.DistrictCode, sp.DepartmentCode, sp.DivisionCode}
	if len(sp.DivisionCode) >= streetLen {
		units = append(units, sp.DivisionCode[:streetLen])
	}
	if street, ok, err := h.svc.attachedStreet(r.Context(), sp.Code); err != nil {
		return nil, err
	} else if ok {
		units = append(units, street)
	}
	var posts []StaffPost
	seen := map[string]bool{}
	for _, u := range units {
		if u == "" || seen[u] {
			continue
		}
		seen[u] = true
		list, err := h.svc.ListStaffPosts(r.Context(), actor, u, PostFilter{}, Page{Limit: MaxLimit})
		if err != nil && apperr.CodeOf(err) != apperr.CodeForbidden {
			return nil, err
		}
		posts = append(posts, list.Items...)
	}
	return candidateList(r, h, posts), nil
}

func candidateList(r *http.Request, h *Handlers, posts []StaffPost) []candidate {
	ids := make([]int64, 0, len(posts))
	for _, p := range posts {
		ids = append(ids, p.AccountID)
	}
	names := h.people(r.Context(), ids)
	out := []candidate{}
	seen := map[int64]bool{}
	for _, p := range posts {
		if seen[p.AccountID] {
			continue
		}
		seen[p.AccountID] = true
		out = append(out, candidate{ID: p.AccountID, Label: person(p.AccountID, names) + " · " + p.Title})
	}
	return out
}

// formWeekdays reads the weekday checkboxes; anything but a digit 0–6 is
// passed on as -1 for the service to name.
func formWeekdays(vs []string) []int {
	out := make([]int, 0, len(vs))
	for _, v := range vs {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 || n > 6 {
			n = -1
		}
		out = append(out, n)
	}
	return out
}

func rosterURL(code string) string {
	return "/console/org/service-points/" + url.PathEscape(code) + "/roster"
}

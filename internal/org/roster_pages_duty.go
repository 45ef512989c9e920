package org

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

type onDutyPage struct {
	Crumbs []crumb
	Now    string
	Duties []dutyRow
}

// dutyRow is a shift under way with the person's name, "" when the
// viewer may not see who.
type dutyRow struct {
	Duty
	Person string
	// CanRoster links the point's roster for viewers who may see it.
	CanRoster bool
}

// onDuty lists who is on duty now at the district's points. Staff see
// names within their scope and the kind of duty elsewhere.
func (h *Handlers) onDuty(w http.ResponseWriter, r *http.Request, actor *authz.Actor) {
	ctx := r.Context()
	rosters := h.svc.Rosters(nil)
	now := h.svc.db.Clock.Now()
	duties, err := rosters.OnDuty(ctx, actor, h.district, now)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	crumbs, err := h.trail(ctx, actor, h.district)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "org/roster_on_duty", onDutyPage{
		Crumbs: current(crumbs, crumb{Label: "正在值班"}), Now: now.In(calendar.CST).Format("2006-01-02 15:04"),
		Duties: h.dutyRows(r, actor, duties),
	})
}

// dutyRows names the people on duty.
func (h *Handlers) dutyRows(r *http.Request, actor *authz.Actor, duties []Duty) []dutyRow {
	ids := make([]int64, 0, len(duties))
	for _, d := range duties {
		if d.AccountID != 0 {
			ids = append(ids, d.AccountID)
		}
	}
	names := h.people(r.Context(), ids)
	rows := make([]dutyRow, 0, len(duties))
	for _, d := range duties {
		rows = append(rows, dutyRow{Duty: d, Person: person(d.AccountID, names),
			CanRoster: h.svc.MayView(r.Context(), actor, d.PointCode) == nil})
	}
	return rows
}

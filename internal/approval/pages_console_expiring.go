package approval

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// expiringRow is one flagged application.
type expiringRow struct {
	ExpiringItem
	Label, Class, PointName, Depts string
}

// countRow is one unit's flagged applications.
type countRow struct {
	Name              string
	Warnings, Overdue int
}

// openPoint is a service point in the open-now box.
type openPoint struct {
	Name, Hours, Level string
}

// expiringPage is the data of k_expiring.
type expiringPage struct {
	Items           []expiringRow
	ByDept, ByPoint []countRow
	Warnings        int
	Overdue         int
	Open            []openPoint
	OpenStations    int
	Unknown         []openPoint
	Now             time.Time
	WarnDays        int
}

// expiringPage shows the applications near or past their promised limit,
// counted by department and by accepting point, with the service points
// open now.
func (h *Handlers) expiringPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	ex, err := h.svc.Expiring(ctx, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	units, _, points, err := h.unitsOf(ctx, actor.District)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p := expiringPage{Now: h.svc.DB.Clock.Now(), WarnDays: WarnDays}
	for _, it := range ex.Items {
		row := expiringRow{ExpiringItem: it, Label: "临期", Class: "badge-warn", PointName: units.Point(it.Point)}
		if it.Flag == FlagOverdue {
			row.Label, row.Class = "超期", "badge-danger"
			p.Overdue++
		} else {
			p.Warnings++
		}
		names := make([]string, 0, len(it.Departments))
		for _, d := range dedupe(it.Departments) {
			names = append(names, units.Dept(d))
		}
		row.Depts = strings.Join(names, "、")
		p.Items = append(p.Items, row)
	}
	for _, c := range ex.ByDepartment {
		p.ByDept = append(p.ByDept, countRow{Name: units.Dept(c.Code), Warnings: c.Warnings, Overdue: c.Overdue})
	}
	for _, c := range ex.ByPoint {
		p.ByPoint = append(p.ByPoint, countRow{Name: units.Point(c.Code), Warnings: c.Warnings, Overdue: c.Overdue})
	}
	h.openNow(ctx, &p, points)
	h.rd.Render(w, r, http.StatusOK, "approval/k_expiring", p)
}

// openNow fills the open-now box: the centres open now by name, the
// community stations by count, and the points whose hours cannot be read.
func (h *Handlers) openNow(_ context.Context, p *expiringPage, points []org.ServicePoint) {
	for _, sp := range points {
		if !sp.Active {
			continue
		}
		op := openPoint{Name: sp.Name, Hours: sp.OpeningHours, Level: sp.Level.Name()}
		rules, ok := parseOpeningHours(sp.OpeningHours)
		switch {
		case !ok:
			if sp.Level != org.LevelStation {
				p.Unknown = append(p.Unknown, op)
			}
		case !openAt(rules, h.svc.Calendar, p.Now):
		case sp.Level == org.LevelStation:
			p.OpenStations++
		default:
			p.Open = append(p.Open, op)
		}
	}
}

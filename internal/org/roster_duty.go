package org

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// Duty is a shift under way: someone is on duty at a point.
type Duty struct {
	PointCode string   `json:"point_code"`
	PointName string   `json:"point_name"`
	Kind      DutyKind `json:"kind"`
	// From and To bound the shift, in China Standard Time.
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
	// AccountID is the person on duty; 0 when the viewer may not see who
	// (residents, and staff outside the point's scope).
	AccountID int64 `json:"account_id,omitempty"`
}

// Hours shows the shift, "20:00—次日08:00" when it ends the next day.
func (d Duty) Hours() string {
	next := ""
	if cstDay(d.To).After(cstDay(d.From)) {
		next = "次日"
	}
	return d.From.In(calendar.CST).Format("15:04") + "—" + next + d.To.In(calendar.CST).Format("15:04")
}

// OnDuty lists the shifts under way at t at the open points of a
// district, by point then kind. Anyone may ask, since residents want to
// know which counter is staffed now; only staff who may view a point's
// posts learn who is on duty there. For the others the shifts of one
// point and kind are merged into one line.
func (r *Rosters) OnDuty(ctx context.Context, actor *authz.Actor, district string, at time.Time) ([]Duty, error) {
	if kindOf(district) != authz.ScopeDistrict {
		return nil, apperr.Invalid("district", "区县代码格式不正确")
	}
	entries, err := r.query(ctx, ` WHERE district_code = ? AND point_code IN
		(SELECT code FROM service_points WHERE district_code = ? AND active = ?) ORDER BY point_code, kind, start_minute, id`,
		district, district, true)
	if err != nil {
		return nil, err
	}
	names, err := r.pointNames(ctx, district)
	if err != nil {
		return nil, err
	}
	out := []Duty{}
	seen := map[string]int{} // point and kind → index in out, for merged lines
	shown := map[string]bool{}
	for _, e := range entries {
		from, to, ok := e.shiftAt(r.cal, at)
		if !ok {
			continue
		}
		d := Duty{PointCode: e.PointCode, PointName: names[e.PointCode], Kind: e.Kind, From: from.In(calendar.CST), To: to.In(calendar.CST)}
		if r.mayName(ctx, actor, e.PointCode, shown) {
			d.AccountID = e.AccountID
			out = append(out, d)
			continue
		}
		key := e.PointCode + "/" + string(e.Kind)
		if i, ok := seen[key]; ok {
			out[i].From, out[i].To = earliest(out[i].From, d.From), latest(out[i].To, d.To)
			continue
		}
		seen[key] = len(out)
		out = append(out, d)
	}
	return out, nil
}

// mayName reports whether actor may see who is on duty at point,
// remembering the answer per point.
func (r *Rosters) mayName(ctx context.Context, actor *authz.Actor, point string, memo map[string]bool) bool {
	if actor.Anonymous() || authz.Check(actor, actView, authz.Scope{}) != nil {
		return false
	}
	ok, known := memo[point]
	if !known {
		ok = r.svc.check(ctx, actor, actView, point) == nil
		memo[point] = ok
	}
	return ok
}

// pointNames maps the district's point codes to their names.
func (r *Rosters) pointNames(ctx context.Context, district string) (map[string]string, error) {
	rows, err := r.svc.db.Query(ctx, `SELECT code, name FROM service_points WHERE district_code = ?`, district)
	if err != nil {
		return nil, fmt.Errorf("org: point names: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return nil, fmt.Errorf("org: point names: %w", err)
		}
		out[code] = name
	}
	return out, rows.Err()
}

func earliest(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

package org

import (
	"context"
	"strconv"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Rosters reads and changes the duty rosters of the service points. Who
// may change a point's roster is who may manage the point
// (org.service_point.manage, administrators within their scope); staff
// who may view the point's posts see its roster with names; anyone may
// ask which points have someone on duty now, without names.
type Rosters struct {
	svc *Service
	cal *calendar.Calendar
}

// embeddedCalendar is shared by rosters built without a calendar: parsing
// the embedded holiday data once is enough.
var embeddedCalendar = sync.OnceValue(calendar.Default)

// Rosters returns the duty rosters, their days read over cal; nil uses
// the embedded holiday calendar (the application passes its own, which
// also holds the years administrators have added).
func (s *Service) Rosters(cal *calendar.Calendar) *Rosters {
	if cal == nil {
		cal = embeddedCalendar()
	}
	return &Rosters{svc: s, cal: cal}
}

// today is the current CST date.
func (r *Rosters) today() time.Time { return cstDay(r.svc.db.Clock.Now()) }

// MayManage allows changing the roster of a point.
func (r *Rosters) MayManage(ctx context.Context, actor *authz.Actor, point string) error {
	return r.svc.MayManagePoint(ctx, actor, point)
}

// Add puts an entry on a point's roster. The person must hold a post at
// the point, in its division or above (its street, the district) or in
// the department running it, and may not be on duty twice at once
// anywhere.
func (r *Rosters) Add(ctx context.Context, actor *authz.Actor, in RosterInput) (RosterEntry, error) {
	if err := authz.Check(actor, actManagePoints, authz.Scope{}); err != nil {
		return RosterEntry{}, err
	}
	fe := fieldErrors{}
	e := in.validate(fe, r.today())
	if err := fe.err(); err != nil {
		return RosterEntry{}, err
	}
	if err := r.svc.check(ctx, actor, actManagePoints, e.PointCode); err != nil {
		return RosterEntry{}, err
	}
	err := r.svc.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if e, err = r.insert(ctx, tx, e); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.roster.add",
			ObjectType: "duty_roster", ObjectID: strconv.FormatInt(e.ID, 10), After: e})
	})
	if err != nil {
		return RosterEntry{}, wrapWrite(err, "add roster entry")
	}
	return e, nil
}

// insert checks the point, the person's post and overlaps, then writes.
func (r *Rosters) insert(ctx context.Context, tx *db.Tx, e RosterEntry) (RosterEntry, error) {
	sp, err := scanPoint(tx.QueryRow(ctx, pointSelect+` WHERE code = ?`, e.PointCode))
	if err != nil {
		return e, notFound(err, "服务网点 "+e.PointCode+" 不存在", "read service point")
	}
	if err := checkPostHeld(ctx, tx, sp, e.AccountID); err != nil {
		return e, err
	}
	if err := r.checkOverlap(ctx, tx, e); err != nil {
		return e, err
	}
	e.ID, err = tx.InsertID(ctx, `INSERT INTO duty_rosters (district_code, point_code, account_id, kind, days,
		on_date, weekdays, start_minute, end_minute, note, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sp.DistrictCode, e.PointCode, e.AccountID, string(e.Kind), string(e.Days), e.Date, weekdayMask(e.Weekdays),
		int(e.Start), int(e.End), e.Note, tx.Now(), tx.Now())
	return e, err
}

// Remove takes an entry off its roster.
func (r *Rosters) Remove(ctx context.Context, actor *authz.Actor, id int64) (RosterEntry, error) {
	// Refuse those who may manage points nowhere before revealing whether
	// the entry exists; the scope is checked once its point is known.
	if err := authz.Check(actor, actManagePoints, authz.Scope{}); err != nil {
		return RosterEntry{}, err
	}
	if id <= 0 {
		return RosterEntry{}, apperr.Invalid("id", "值班记录编号无效")
	}
	before, err := scanRoster(r.svc.db.QueryRow(ctx, rosterSelect+` WHERE id = ?`, id))
	if err != nil {
		return RosterEntry{}, notFound(err, "值班记录不存在", "read roster entry")
	}
	if err := r.svc.check(ctx, actor, actManagePoints, before.PointCode); err != nil {
		return RosterEntry{}, err
	}
	err = r.svc.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM duty_rosters WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return apperr.NotFound("值班记录不存在")
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.roster.remove",
			ObjectType: "duty_roster", ObjectID: strconv.FormatInt(id, 10), Before: before})
	})
	if err != nil {
		return RosterEntry{}, wrapWrite(err, "remove roster entry")
	}
	return before, nil
}

// List returns a point's roster, by kind then start time. Staff only,
// within their scope: it names people.
func (r *Rosters) List(ctx context.Context, actor *authz.Actor, point string) ([]RosterEntry, error) {
	if err := r.svc.may(ctx, actor, actView, point, kindOf(point) == authz.ScopeServicePoint); err != nil {
		return nil, err
	}
	return r.query(ctx, ` WHERE point_code = ? ORDER BY kind, start_minute, id`, point)
}

package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

const rosterSelect = `SELECT id, point_code, account_id, kind, days, on_date, weekdays, start_minute, end_minute, note
	FROM duty_rosters`

func scanRoster(r scanner) (RosterEntry, error) {
	var e RosterEntry
	var mask, start, end int
	err := r.Scan(&e.ID, &e.PointCode, &e.AccountID, &e.Kind, &e.Days, &e.Date, &mask, &start, &end, &e.Note)
	e.Weekdays, e.Start, e.End = maskWeekdays(mask), TimeOfDay(start), TimeOfDay(end)
	return e, err
}

// querier is the read side shared by the database and a transaction.
type querier interface {
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryRoster reads the entries a WHERE (and ORDER) clause selects.
func queryRoster(ctx context.Context, q querier, where string, args ...any) ([]RosterEntry, error) {
	rows, err := q.Query(ctx, rosterSelect+where, args...)
	if err != nil {
		return nil, fmt.Errorf("org: list roster: %w", err)
	}
	defer rows.Close()
	out := []RosterEntry{}
	for rows.Next() {
		e, err := scanRoster(rows)
		if err != nil {
			return nil, fmt.Errorf("org: list roster: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (r *Rosters) query(ctx context.Context, where string, args ...any) ([]RosterEntry, error) {
	return queryRoster(ctx, r.svc.db, where, args...)
}

// postUnitsOf lists the units a post in which lets a person serve at a
// point: the point, its division and the divisions above it (for a
// community station also the street the community is attached to), and
// the department running a sub-centre.
func postUnitsOf(ctx context.Context, tx *db.Tx, sp ServicePoint) ([]string, error) {
	div := sp.DivisionCode
	units := []string{sp.Code, sp.DistrictCode}
	if sp.DepartmentCode != "" {
		units = append(units, sp.DepartmentCode)
	}
	if len(div) >= streetLen {
		units = append(units, div[:streetLen])
	}
	if kindOf(div) == authz.ScopeCommunity {
		units = append(units, div)
		var street string
		err := tx.QueryRow(ctx, `SELECT street_code FROM communities WHERE code = ?`, div).Scan(&street)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		if street != "" {
			units = append(units, street)
		}
	}
	return units, nil
}

// checkPostHeld requires the person to hold a post that lets them serve
// at the point. It locks the person's held posts, so that two roster
// changes for one person are made one after the other and the overlap
// check sees the other's entry.
func checkPostHeld(ctx context.Context, tx *db.Tx, sp ServicePoint, account int64) error {
	rows, err := tx.Query(ctx, `SELECT unit_code FROM staff_posts WHERE account_id = ? AND ends_at IS NULL`+
		tx.Engine().ForUpdate(), account)
	if err != nil {
		return fmt.Errorf("read posts: %w", err)
	}
	held := map[string]bool{}
	for rows.Next() {
		var unit string
		if err := rows.Scan(&unit); err != nil {
			rows.Close()
			return fmt.Errorf("read posts: %w", err)
		}
		held[unit] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read posts: %w", err)
	}
	if len(held) == 0 {
		return apperr.Invalid("account_id", "没有这个人员账号，或该账号没有在任的岗位")
	}
	units, err := postUnitsOf(ctx, tx, sp)
	if err != nil {
		return err
	}
	for _, u := range units {
		if held[u] {
			return nil
		}
	}
	return apperr.Invalid("account_id", "该人员未在本网点、所属街道或本区任职，不能排入本网点值班")
}

// checkOverlap refuses an entry whose shifts overlap one the same person
// already has, at any point.
func (r *Rosters) checkOverlap(ctx context.Context, tx *db.Tx, e RosterEntry) error {
	mine, err := queryRoster(ctx, tx, ` WHERE account_id = ? ORDER BY id`, e.AccountID)
	if err != nil {
		return err
	}
	today := r.today()
	for _, o := range mine {
		day, ok := firstOverlap(r.cal, e, o, today)
		if !ok {
			continue
		}
		var name string
		if err := tx.QueryRow(ctx, `SELECT name FROM service_points WHERE code = ?`, o.PointCode).Scan(&name); err != nil {
			return fmt.Errorf("read service point: %w", err)
		}
		msg := fmt.Sprintf("与该人员已有的值班时间重叠（%s %s，%s %s，首次重叠于 %s）", name, o.Kind.Name(),
			o.DaysText(), o.Hours(), day.Format("2006-01-02"))
		return &apperr.Error{Code: apperr.CodeConflict, Message: msg, Fields: map[string]string{"start": msg}}
	}
	return nil
}

package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// clockColumns are read by scanClock, in its order.
const clockColumns = `id, order_id, kind, basis, limit_value, started_at, warn_at, due_at, paused_at, paused_seconds,
	extended_seconds, stopped_at, lapsed_at, warned_at, escalated_at, reminders, state, epoch`

func scanClock(r clockScanner) (Clock, error) {
	var c Clock
	var paused, stopped, lapsed, warned, escalated sql.NullTime
	var pausedSec, extendedSec int64
	err := r.Scan(&c.ID, &c.OrderID, &c.Kind, &c.Limit.Unit, &c.Limit.Value, &c.StartedAt, &c.WarnAt, &c.DueAt,
		&paused, &pausedSec, &extendedSec, &stopped, &lapsed, &warned, &escalated, &c.Reminders, &c.State, &c.Epoch)
	if err != nil {
		return Clock{}, err
	}
	c.StartedAt, c.WarnAt, c.DueAt = c.StartedAt.UTC(), c.WarnAt.UTC(), c.DueAt.UTC()
	c.PausedAt, c.StoppedAt, c.LapsedAt = utcPtr(paused), utcPtr(stopped), utcPtr(lapsed)
	c.WarnedAt, c.EscalatedAt = utcPtr(warned), utcPtr(escalated)
	c.Paused, c.Extended = time.Duration(pausedSec)*time.Second, time.Duration(extendedSec)*time.Second
	return c, nil
}

// clocksOf reads an order's clocks, response first; lock is a row-lock
// suffix (tx.Engine().ForUpdate()) or "".
func clocksOf(ctx context.Context, q querier, orderID int64, lock string) ([]Clock, error) {
	return clockRows(ctx, q, scanClock, "clocks",
		`SELECT `+clockColumns+` FROM workorder_clocks WHERE order_id = ? ORDER BY kind DESC`+lock, orderID)
}

// clockScanner is a row to scan: *sql.Row or *sql.Rows.
type clockScanner = interface{ Scan(...any) error }

// clockRows runs a query and scans each of its rows; what names the rows
// in errors.
func clockRows[T any](ctx context.Context, q querier, scan func(clockScanner) (T, error), what, query string,
	args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("workorder: %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: %s: %w", what, err)
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// clockByID reads one clock in tx, locked; found is false when it is gone.
func clockByID(ctx context.Context, tx *db.Tx, id int64) (Clock, bool, error) {
	c, err := scanClock(tx.QueryRow(ctx, `SELECT `+clockColumns+` FROM workorder_clocks WHERE id = ?`+
		tx.Engine().ForUpdate(), id))
	if isNoRows(err) {
		return Clock{}, false, nil
	}
	if err != nil {
		return Clock{}, false, fmt.Errorf("workorder: clock %d: %w", id, err)
	}
	return c, true, nil
}

// insertClock stores a new clock.
func insertClock(ctx context.Context, tx *db.Tx, c *Clock) error {
	var err error
	c.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_clocks (order_id, kind, basis, limit_value, started_at, warn_at,
		due_at, paused_seconds, extended_seconds, reminders, state, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.OrderID, c.Kind, c.Limit.Unit, c.Limit.Value, c.StartedAt, c.WarnAt, c.DueAt, clockSecs(c.Paused),
		clockSecs(c.Extended), c.Reminders, c.State, c.Epoch)
	if err != nil {
		return fmt.Errorf("workorder: insert clock: %w", err)
	}
	return nil
}

// saveClock writes back everything a clock's life changes.
func saveClock(ctx context.Context, tx *db.Tx, c Clock) error {
	_, err := tx.Exec(ctx, `UPDATE workorder_clocks SET basis = ?, limit_value = ?, warn_at = ?, due_at = ?,
		paused_at = ?, paused_seconds = ?, extended_seconds = ?, stopped_at = ?, lapsed_at = ?, warned_at = ?,
		escalated_at = ?, reminders = ?, state = ?, epoch = ? WHERE id = ?`,
		c.Limit.Unit, c.Limit.Value, c.WarnAt, c.DueAt, clockOptTime(c.PausedAt), clockSecs(c.Paused), clockSecs(c.Extended),
		clockOptTime(c.StoppedAt), clockOptTime(c.LapsedAt), clockOptTime(c.WarnedAt), clockOptTime(c.EscalatedAt), c.Reminders,
		c.State, c.Epoch, c.ID)
	if err != nil {
		return fmt.Errorf("workorder: save clock: %w", err)
	}
	return nil
}

// clockSecs stores a duration in whole seconds, rounded up so a deadline
// never moves earlier than granted.
func clockSecs(d time.Duration) int64 { return int64((d + time.Second - 1) / time.Second) }

// clockOptTime stores an optional moment.
func clockOptTime(t *time.Time) sql.NullTime {
	if t == nil {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: *t, Valid: true}
}

// clockLockOrder reads an order in tx and locks its row, so a job or a decision
// takes the order before its clocks, in the same order as every change
// through record (which updates the order, then runs the clock hooks).
func clockLockOrder(ctx context.Context, tx *db.Tx, id int64) (Order, error) {
	return loadOrder(ctx, tx, `id = ?`+tx.Engine().ForUpdate(), id)
}

package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// itemRow is an item's identity row.
type itemRow struct {
	ID       int64
	District string
	Status   State
}

// queryer is what reads need from a transaction or the read pool.
type queryer interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// lockItem reads an item's row, locking it until the transaction ends.
func lockItem(ctx context.Context, tx *db.Tx, implCode string) (itemRow, bool, error) {
	var r itemRow
	q := `SELECT id, district, status FROM catalog_items WHERE impl_code = ?` + tx.Engine().ForUpdate()
	err := tx.QueryRow(ctx, q, implCode).Scan(&r.ID, &r.District, &r.Status)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

func insertItem(ctx context.Context, tx *db.Tx, district string, it *Item) (int64, error) {
	return tx.InsertID(ctx, `INSERT INTO catalog_items (district, impl_code, basic_code, parent_code, level_kind, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 'draft', ?, ?)`,
		district, it.ImplCode, it.BasicCode, it.ParentBasicCode, string(it.LevelKind), tx.Now(), tx.Now())
}

// latest returns the number and state of an item's newest version.
func latest(ctx context.Context, tx *db.Tx, itemID int64) (int, State, error) {
	var n int
	var st State
	err := tx.QueryRow(ctx, `SELECT version, state FROM catalog_item_versions WHERE item_id = ? ORDER BY version DESC LIMIT 1`, itemID).Scan(&n, &st)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", nil
	}
	return n, st, err
}

// searchColumns are the body's columns copied onto the version row.
func searchColumns(it *Item) []any {
	levels := make([]string, len(it.ExerciseLevels))
	for i, l := range it.ExerciseLevels {
		levels[i] = string(l)
	}
	return []any{it.Name, string(it.ItemType), it.Department, "," + strings.Join(levels, ",") + ",",
		it.Instant, it.Visits, it.Online, it.Agent, it.DoorToDoor}
}

func insertVersion(ctx context.Context, tx *db.Tx, itemID int64, n int, it *Item, by int64) error {
	body, err := json.Marshal(it)
	if err != nil {
		return err
	}
	args := append([]any{itemID, n, string(body)}, searchColumns(it)...)
	args = append(args, tx.Now(), by, tx.Now())
	_, err = tx.Exec(ctx, `INSERT INTO catalog_item_versions (item_id, version, state, body,
		name, item_type, department, levels, instant, visits, online, agent, door_to_door, created_at, created_by, updated_at)
		VALUES (?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
	return err
}

func updateDraft(ctx context.Context, tx *db.Tx, itemID int64, n int, it *Item) error {
	body, err := json.Marshal(it)
	if err != nil {
		return err
	}
	args := append([]any{string(body)}, searchColumns(it)...)
	args = append(args, tx.Now(), itemID, n)
	_, err = tx.Exec(ctx, `UPDATE catalog_item_versions SET body = ?, name = ?, item_type = ?, department = ?, levels = ?,
		instant = ?, visits = ?, online = ?, agent = ?, door_to_door = ?, updated_at = ?
		WHERE item_id = ? AND version = ? AND state = 'draft'`, args...)
	return err
}

const versionSelect = `SELECT i.impl_code, i.district, v.version, v.state, v.effective_from, v.created_at, v.created_by,
	v.published_at, v.published_by, v.body FROM catalog_item_versions v JOIN catalog_items i ON i.id = v.item_id`

// currentWhere selects the version in force at a time: the published one
// with the latest effective date not after it (two placeholders: the time).
const currentWhere = ` v.state = 'published' AND v.effective_from <= ? AND NOT EXISTS (
	SELECT 1 FROM catalog_item_versions w WHERE w.item_id = v.item_id AND w.state = 'published' AND w.effective_from <= ?
	AND (w.effective_from > v.effective_from OR (w.effective_from = v.effective_from AND w.version > v.version)))`

func scanVersion(r interface{ Scan(...any) error }) (Version, error) {
	var v Version
	var eff, pubAt sql.NullTime
	var pubBy sql.NullInt64
	var body string
	if err := r.Scan(&v.ImplCode, &v.District, &v.Number, &v.State, &eff, &v.CreatedAt, &v.CreatedBy, &pubAt, &pubBy, &body); err != nil {
		return v, err
	}
	v.EffectiveFrom, v.PublishedAt, v.PublishedBy = eff.Time.UTC(), pubAt.Time.UTC(), pubBy.Int64
	if !eff.Valid {
		v.EffectiveFrom = time.Time{}
	}
	if !pubAt.Valid {
		v.PublishedAt = time.Time{}
	}
	v.CreatedAt = v.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(body), &v.Item); err != nil {
		return v, fmt.Errorf("decode body of %s v%d: %w", v.ImplCode, v.Number, err)
	}
	return v, nil
}

// readVersion runs a single-version query, mapping no row to not found.
func readVersion(ctx context.Context, q queryer, msg, query string, args ...any) (Version, error) {
	v, err := scanVersion(q.QueryRow(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return v, apperr.NotFound(msg)
	}
	if err != nil {
		return v, fmt.Errorf("catalog: read version: %w", err)
	}
	return v, nil
}

// readVersions runs a many-version query.
func readVersions(ctx context.Context, q queryer, query string, args ...any) ([]Version, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("catalog: read versions: %w", err)
	}
	defer rows.Close()
	out := []Version{}
	for rows.Next() {
		v, err := scanVersion(rows)
		if err != nil {
			return nil, fmt.Errorf("catalog: read versions: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

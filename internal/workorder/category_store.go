package workorder

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// querier is the database or a transaction.
type querier interface {
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// treeRow is a tree version's row without its categories.
type treeRow struct {
	id int64
	Tree
}

const treeSelect = `SELECT id, district_code, version, state, note, created_at, published_at FROM workorder_category_trees`

func scanTree(r interface{ Scan(...any) error }) (treeRow, error) {
	var t treeRow
	var pub sql.NullTime
	err := r.Scan(&t.id, &t.District, &t.Version, &t.State, &t.Note, &t.CreatedAt, &pub)
	t.CreatedAt = t.CreatedAt.UTC()
	if pub.Valid {
		p := pub.Time.UTC()
		t.PublishedAt = &p
	}
	return t, err
}

// treeIn reads the district's tree version in state (draft or published);
// found is false when there is none.
func treeIn(ctx context.Context, q querier, district string, state TreeState) (treeRow, bool, error) {
	t, err := scanTree(q.QueryRow(ctx, treeSelect+` WHERE district_code = ? AND state = ?`, district, state))
	if errors.Is(err, sql.ErrNoRows) {
		return treeRow{}, false, nil
	}
	if err != nil {
		return treeRow{}, false, fmt.Errorf("workorder: read %s tree: %w", state, err)
	}
	return t, true, nil
}

// treeVersion reads one version of the district's tree.
func treeVersion(ctx context.Context, q querier, district string, version int) (treeRow, bool, error) {
	t, err := scanTree(q.QueryRow(ctx, treeSelect+` WHERE district_code = ? AND version = ?`, district, version))
	if errors.Is(err, sql.ErrNoRows) {
		return treeRow{}, false, nil
	}
	if err != nil {
		return treeRow{}, false, fmt.Errorf("workorder: read tree version: %w", err)
	}
	return t, true, nil
}

// treeVersions lists the district's versions, newest first.
func treeVersions(ctx context.Context, q querier, district string) ([]Tree, error) {
	rows, err := q.Query(ctx, treeSelect+` WHERE district_code = ? ORDER BY version DESC`, district)
	if err != nil {
		return nil, fmt.Errorf("workorder: list trees: %w", err)
	}
	defer rows.Close()
	var out []Tree
	for rows.Next() {
		t, err := scanTree(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: list trees: %w", err)
		}
		out = append(out, t.Tree)
	}
	return out, rows.Err()
}

// categoriesOf reads a tree's categories in tree order.
func categoriesOf(ctx context.Context, q querier, treeID int64) ([]Category, error) {
	rows, err := q.Query(ctx, `SELECT body FROM workorder_categories WHERE tree_id = ? ORDER BY position`, treeID)
	if err != nil {
		return nil, fmt.Errorf("workorder: read categories: %w", err)
	}
	defer rows.Close()
	out := []Category{}
	for rows.Next() {
		var body string
		var c Category
		if err := rows.Scan(&body); err != nil {
			return nil, fmt.Errorf("workorder: read categories: %w", err)
		}
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			return nil, fmt.Errorf("workorder: category body: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// newTreeVersion inserts an empty draft numbered after the district's
// latest version.
func newTreeVersion(ctx context.Context, tx *db.Tx, district string, by int64) (treeRow, error) {
	var last int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM workorder_category_trees WHERE district_code = ?`,
		district).Scan(&last); err != nil {
		return treeRow{}, fmt.Errorf("workorder: next tree version: %w", err)
	}
	t := treeRow{Tree: Tree{District: district, Version: last + 1, State: TreeDraft, CreatedAt: tx.Now()}}
	var err error
	t.id, err = tx.InsertID(ctx, `INSERT INTO workorder_category_trees (district_code, version, state, created_at,
		created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`, district, t.Version, TreeDraft, tx.Now(), by, tx.Now())
	if err != nil {
		return treeRow{}, fmt.Errorf("workorder: new tree version: %w", err)
	}
	return t, nil
}

// replaceCategories writes cats as the whole content of a draft tree.
func replaceCategories(ctx context.Context, tx *db.Tx, treeID int64, cats []Category) error {
	if _, err := tx.Exec(ctx, `DELETE FROM workorder_categories WHERE tree_id = ?`, treeID); err != nil {
		return fmt.Errorf("workorder: clear draft categories: %w", err)
	}
	for i, c := range cats {
		body, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("workorder: category body: %w", err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO workorder_categories (tree_id, code, parent_code, position, name,
			grid_class, handler_rule, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			treeID, c.Code, c.Parent, i, c.Name, c.GridClass, c.Handler, string(body)); err != nil {
			return fmt.Errorf("workorder: write category %s: %w", c.Code, err)
		}
	}
	_, err := tx.Exec(ctx, `UPDATE workorder_category_trees SET updated_at = ? WHERE id = ?`, tx.Now(), treeID)
	return err
}

// publishTree retires the published version and publishes the draft.
func publishTree(ctx context.Context, tx *db.Tx, district string, draftID int64, note string, by int64, at time.Time) error {
	if _, err := tx.Exec(ctx, `UPDATE workorder_category_trees SET state = ?, updated_at = ?
		WHERE district_code = ? AND state = ?`, TreeRetired, at, district, TreePublished); err != nil {
		return fmt.Errorf("workorder: retire tree: %w", err)
	}
	_, err := tx.Exec(ctx, `UPDATE workorder_category_trees SET state = ?, note = ?, published_at = ?, published_by = ?,
		updated_at = ? WHERE id = ?`, TreePublished, note, at, by, at, draftID)
	if err != nil {
		return fmt.Errorf("workorder: publish tree: %w", err)
	}
	return nil
}

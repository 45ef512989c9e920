package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// batchItem is one item of a bulk save and what saving it found and wrote.
type batchItem struct {
	it      *Item
	row     itemRow // the item row; row.ID is set once it exists
	found   bool    // the row existed before this save
	latest  int     // newest version before this save, 0 for none
	state   State   // that version's state
	version int     // version this save wrote
	body    []byte  // the item as JSON, as stored
}

// saveAll saves every item as a draft and, when publish, publishes them
// all in force from eff, inside the caller's transaction. It writes what
// saveDraft and then publish, called item by item, would write, the audit
// records in the same order, but a few hundred rows per statement. Items
// are all saved before any is published, so bundles and parents may name
// items later in the list. The items must have distinct codes (CheckAll).
func saveAll(ctx context.Context, tx *db.Tx, actor *authz.Actor, items []Item, publish bool, eff time.Time, depts map[string]bool) error {
	b, err := saveDrafts(ctx, tx, actor, items)
	if err != nil || !publish {
		return err
	}
	return publishAll(ctx, tx, actor, b, eff, depts)
}

// saveDrafts is saveDraft for many items: it locks the rows that exist,
// creates the others, replaces open drafts or adds a draft after the
// latest version, and appends one audit record per item.
func saveDrafts(ctx context.Context, tx *db.Tx, actor *authz.Actor, items []Item) ([]batchItem, error) {
	b := make([]batchItem, len(items))
	byCode := make(map[string]*batchItem, len(items))
	for i := range items {
		b[i].it = &items[i]
		if _, dup := byCode[items[i].ImplCode]; dup {
			return nil, fmt.Errorf("catalog: save drafts: %s listed twice", items[i].ImplCode)
		}
		byCode[items[i].ImplCode] = &b[i]
	}
	if err := lockItems(ctx, tx, b, byCode); err != nil {
		return nil, err
	}
	for i := range b {
		if b[i].found && b[i].row.District != actor.District {
			return nil, itemErr(b[i].it, apperr.Invalid("impl_code", "实施编码已被其他区县的事项使用"))
		}
	}
	if err := insertItems(ctx, tx, actor.District, b, byCode); err != nil {
		return nil, err
	}
	if err := latestVersions(ctx, tx, b); err != nil {
		return nil, err
	}
	if err := writeDrafts(ctx, tx, actor, b); err != nil {
		return nil, err
	}
	for i := range b {
		err := audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: actEdit.Name, ObjectType: "catalog_item",
			ObjectID: fmt.Sprintf("%s@%d", b[i].it.ImplCode, b[i].version), After: b[i].after()})
		if err != nil {
			return nil, itemErr(b[i].it, err)
		}
	}
	return b, nil
}

// after is the item for its audit record: the stored JSON, which digests
// as the item does (audit digests canonical JSON), without encoding the
// item once more.
func (p *batchItem) after() json.RawMessage { return p.body }

// itemErr names the item an error of a bulk save is about.
func itemErr(it *Item, err error) error {
	return fmt.Errorf("catalog: save %s: %w", it.ImplCode, err)
}

// lockItems reads and locks the rows of the items that already exist.
func lockItems(ctx context.Context, tx *db.Tx, b []batchItem, byCode map[string]*batchItem) error {
	return chunks(len(b), 1, func(lo, hi int) error {
		args := make([]any, 0, hi-lo)
		for i := lo; i < hi; i++ {
			args = append(args, b[i].it.ImplCode)
		}
		rows, err := tx.Query(ctx, `SELECT id, district, status, impl_code FROM catalog_items WHERE impl_code IN (`+
			db.Marks(hi-lo)+`)`+tx.Engine().ForUpdate(), args...)
		if err != nil {
			return fmt.Errorf("catalog: save drafts: lock items: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r itemRow
			var code string
			if err := rows.Scan(&r.ID, &r.District, &r.Status, &code); err != nil {
				return fmt.Errorf("catalog: save drafts: lock items: %w", err)
			}
			byCode[code].row, byCode[code].found = r, true
		}
		return rows.Err()
	})
}

// insertItems creates the rows of the new items. A code another editor
// created since lockItems is skipped by the insert and reported as the
// conflict saveDraft reports.
func insertItems(ctx context.Context, tx *db.Tx, district string, b []batchItem, byCode map[string]*batchItem) error {
	var fresh []*batchItem
	for i := range b {
		if !b[i].found {
			fresh = append(fresh, &b[i])
		}
	}
	now := tx.Now()
	return chunks(len(fresh), 7, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*7)
		for _, p := range fresh[lo:hi] {
			args = append(args, district, p.it.ImplCode, p.it.BasicCode, p.it.ParentBasicCode, string(p.it.LevelKind), now, now)
		}
		if err := insertItemRows(ctx, tx, hi-lo, args, byCode); err != nil {
			return err
		}
		for _, p := range fresh[lo:hi] {
			if p.row.ID == 0 {
				return itemErr(p.it, apperr.Conflict("事项 "+short(p.it.ImplCode)+" 刚被他人创建，请刷新后重试"))
			}
			p.row.District, p.row.Status = district, StateDraft
		}
		return nil
	})
}

// insertItemRows runs one multi-row insert of item rows, setting the ids
// of the rows it created.
func insertItemRows(ctx context.Context, tx *db.Tx, n int, args []any, byCode map[string]*batchItem) error {
	rows, err := tx.Query(ctx, `INSERT INTO catalog_items (district, impl_code, basic_code, parent_code, level_kind,
		status, created_at, updated_at) VALUES `+db.Tuples(n, "(?, ?, ?, ?, ?, 'draft', ?, ?)")+`
		ON CONFLICT (impl_code) DO NOTHING RETURNING id, impl_code`, args...)
	if err != nil {
		return fmt.Errorf("catalog: save drafts: insert items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var code string
		if err := rows.Scan(&id, &code); err != nil {
			return fmt.Errorf("catalog: save drafts: insert items: %w", err)
		}
		byCode[code].row.ID = id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("catalog: save drafts: insert items: %w", err)
	}
	return nil
}

// latestVersions reads the newest version of each item that existed.
func latestVersions(ctx context.Context, tx *db.Tx, b []batchItem) error {
	byID := map[int64]*batchItem{}
	var ids []any
	for i := range b {
		if b[i].found {
			byID[b[i].row.ID] = &b[i]
			ids = append(ids, b[i].row.ID)
		}
	}
	return chunks(len(ids), 1, func(lo, hi int) error {
		rows, err := tx.Query(ctx, `SELECT item_id, version, state FROM catalog_item_versions WHERE item_id IN (`+
			db.Marks(hi-lo)+`)`, ids[lo:hi]...)
		if err != nil {
			return fmt.Errorf("catalog: save drafts: latest versions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n int
			var st State
			if err := rows.Scan(&id, &n, &st); err != nil {
				return fmt.Errorf("catalog: save drafts: latest versions: %w", err)
			}
			if p := byID[id]; n > p.latest {
				p.latest, p.state = n, st
			}
		}
		return rows.Err()
	})
}

// writeDrafts replaces each open draft in place and inserts the other
// items' new drafts many rows at a time.
func writeDrafts(ctx context.Context, tx *db.Tx, actor *authz.Actor, b []batchItem) error {
	var fresh []*batchItem
	for i := range b {
		p := &b[i]
		var err error
		if p.body, err = json.Marshal(p.it); err != nil {
			return itemErr(p.it, err)
		}
		if p.state == StateDraft {
			p.version = p.latest
			if err := updateDraft(ctx, tx, p.row.ID, p.version, p.it); err != nil {
				return itemErr(p.it, fmt.Errorf("write version: %w", err))
			}
			continue
		}
		p.version = p.latest + 1
		fresh = append(fresh, p)
	}
	const perRow = 15
	return chunks(len(fresh), perRow, func(lo, hi int) error {
		args := make([]any, 0, (hi-lo)*perRow)
		for _, p := range fresh[lo:hi] {
			args = append(args, p.row.ID, p.version, string(p.body))
			args = append(args, searchColumns(p.it)...)
			args = append(args, tx.Now(), actor.AccountID, tx.Now())
		}
		_, err := tx.Exec(ctx, `INSERT INTO catalog_item_versions (item_id, version, state, body,
			name, item_type, department, levels, instant, visits, online, agent, door_to_door, created_at, created_by, updated_at)
			VALUES `+db.Tuples(hi-lo, "(?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), args...)
		if err != nil {
			return fmt.Errorf("catalog: save drafts: write versions: %w", err)
		}
		return nil
	})
}

package catalog

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// districtCatalogue is the district's catalogue as it stands once a bulk
// publication is done: what checkParent and checkBundle ask the database
// item by item, read in one query.
type districtCatalogue struct {
	codes map[string]bool      // implementation codes not withdrawn
	kinds map[string]LevelKind // basic code → highest level kind not withdrawn
}

// publishAll is publish for the drafts saveDrafts just wrote: every item
// is checked again (Validate, parent, bundle, effective date) in the order
// publish would check it, and only when all pass are the versions and
// items marked published and one audit record appended per item.
func publishAll(ctx context.Context, tx *db.Tx, actor *authz.Actor, b []batchItem, eff time.Time, depts map[string]bool) error {
	cat, err := readCatalogue(ctx, tx, actor.District, b)
	if err != nil {
		return err
	}
	last, err := lastEffective(ctx, tx, b)
	if err != nil {
		return err
	}
	eff, effErr := publishDate(tx, eff)
	for i := range b {
		if err := cat.check(&b[i], depts, eff, effErr, last[b[i].row.ID]); err != nil {
			return itemErr(b[i].it, err)
		}
	}
	if err := markPublished(ctx, tx, actor, b, eff); err != nil {
		return err
	}
	for i := range b {
		err := audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: actPublish.Name, ObjectType: "catalog_item",
			ObjectID: fmt.Sprintf("%s@%d", b[i].it.ImplCode, b[i].version),
			After:    map[string]any{"effective_from": eff, "item": b[i].after()}})
		if err != nil {
			return itemErr(b[i].it, err)
		}
	}
	return nil
}

// readCatalogue reads the district's items, taking the batch's items as
// they will be once published: with their new codes and level kinds, and
// offered again if they had been withdrawn.
func readCatalogue(ctx context.Context, tx *db.Tx, district string, b []batchItem) (*districtCatalogue, error) {
	mine := make(map[string]*Item, len(b))
	for i := range b {
		mine[b[i].it.ImplCode] = b[i].it
	}
	c := &districtCatalogue{codes: map[string]bool{}, kinds: map[string]LevelKind{}}
	rows, err := tx.Query(ctx, `SELECT impl_code, basic_code, level_kind, status FROM catalog_items WHERE district = ?`, district)
	if err != nil {
		return nil, fmt.Errorf("catalog: publish: read catalogue: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, basic string
		var kind LevelKind
		var st State
		if err := rows.Scan(&code, &basic, &kind, &st); err != nil {
			return nil, fmt.Errorf("catalog: publish: read catalogue: %w", err)
		}
		if it, ok := mine[code]; ok {
			basic, kind, st = it.BasicCode, it.LevelKind, StatePublished
		}
		if st == StateWithdrawn {
			continue
		}
		c.codes[code] = true
		if kind > c.kinds[basic] { // "sub" > "main" > "handling", as checkParent's ORDER BY
			c.kinds[basic] = kind
		}
	}
	return c, rows.Err()
}

// check runs publish's checks on one item against the catalogue.
func (c *districtCatalogue) check(p *batchItem, depts map[string]bool, eff time.Time, effErr error, last time.Time) error {
	it := p.it
	if err := it.Validate(depts); err != nil {
		return err
	}
	if it.LevelKind != KindMain {
		if msg := parentProblem(*it, c.kinds[it.ParentBasicCode]); msg != "" {
			return apperr.Invalid("parent_basic_code", msg)
		}
	}
	var pr problems
	for i, code := range it.Bundle {
		if !c.codes[code] {
			pr.add(fmt.Sprintf("bundle[%d]", i), "联办事项 "+short(code)+" 不存在")
		}
	}
	if err := pr.err("事项「" + short(it.Name) + "」"); err != nil {
		return err
	}
	if effErr != nil {
		return effErr
	}
	if eff.Before(last) {
		return apperr.Invalid("effective_from", "生效时间不能早于已发布版本的生效时间")
	}
	return nil
}

// publishDate is effectiveDate's rule for the date itself: now when not
// given, never in the past. The rule against versions already published
// is checked item by item.
func publishDate(tx *db.Tx, eff time.Time) (time.Time, error) {
	now := tx.Now().Truncate(time.Second)
	if eff.IsZero() {
		eff = now
	}
	eff = eff.UTC().Truncate(time.Second)
	if eff.Before(now) {
		return eff, apperr.Invalid("effective_from", "生效时间不能早于当前时间")
	}
	return eff, nil
}

// lastEffective reads, per item row id, the latest effective date of a
// published version of the items that existed before the batch.
func lastEffective(ctx context.Context, tx *db.Tx, b []batchItem) (map[int64]time.Time, error) {
	out := map[int64]time.Time{}
	var ids []any
	for i := range b {
		if b[i].found {
			ids = append(ids, b[i].row.ID)
		}
	}
	err := chunks(len(ids), 1, func(lo, hi int) error {
		// Plain rows rather than MAX: SQLite's aggregate loses the column's time type.
		rows, err := tx.Query(ctx, `SELECT item_id, effective_from FROM catalog_item_versions
			WHERE state = 'published' AND item_id IN (`+db.Marks(hi-lo)+`)`, ids[lo:hi]...)
		if err != nil {
			return fmt.Errorf("catalog: publish: latest effective dates: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var t time.Time
			if err := rows.Scan(&id, &t); err != nil {
				return fmt.Errorf("catalog: publish: latest effective dates: %w", err)
			}
			if t.After(out[id]) {
				out[id] = t
			}
		}
		return rows.Err()
	})
	return out, err
}

// markPublished publishes the drafts, grouped by version number, and sets
// the items' status and level: new items' rows already hold their codes
// and level, so one statement serves many; existing items are updated one
// by one, as their codes may have changed.
func markPublished(ctx context.Context, tx *db.Tx, actor *authz.Actor, b []batchItem, eff time.Time) error {
	byVersion := map[int][]any{}
	var fresh []any
	for i := range b {
		p := &b[i]
		byVersion[p.version] = append(byVersion[p.version], p.row.ID)
		if !p.found {
			fresh = append(fresh, p.row.ID)
			continue
		}
		if _, err := tx.Exec(ctx, `UPDATE catalog_items SET status = 'published', basic_code = ?, parent_code = ?, level_kind = ?,
			updated_at = ? WHERE id = ?`, p.it.BasicCode, p.it.ParentBasicCode, string(p.it.LevelKind), tx.Now(), p.row.ID); err != nil {
			return itemErr(p.it, fmt.Errorf("publish: %w", err))
		}
	}
	for n, ids := range byVersion {
		err := chunks(len(ids), 1, func(lo, hi int) error {
			args := append([]any{eff, tx.Now(), actor.AccountID, tx.Now(), n}, ids[lo:hi]...)
			_, err := tx.Exec(ctx, `UPDATE catalog_item_versions SET state = 'published', effective_from = ?, published_at = ?,
				published_by = ?, updated_at = ? WHERE version = ? AND item_id IN (`+db.Marks(hi-lo)+`)`, args...)
			return err
		})
		if err != nil {
			return fmt.Errorf("catalog: publish: versions: %w", err)
		}
	}
	return chunks(len(fresh), 1, func(lo, hi int) error {
		args := append([]any{tx.Now()}, fresh[lo:hi]...)
		if _, err := tx.Exec(ctx, `UPDATE catalog_items SET status = 'published', updated_at = ? WHERE id IN (`+
			db.Marks(hi-lo)+`)`, args...); err != nil {
			return fmt.Errorf("catalog: publish: items: %w", err)
		}
		return nil
	})
}

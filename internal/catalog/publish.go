package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Publish publishes an item's open draft, in force from effectiveFrom (now
// when zero). Until then the previous published version stays current; it
// and every older version stay readable. The draft is validated again, as
// departments may have changed since it was saved, and every item of its
// 证照联办 bundle must exist in the catalogue: an invalid draft is refused
// and nothing is written.
func (s *Service) Publish(ctx context.Context, actor *authz.Actor, implCode string, effectiveFrom time.Time) (Version, error) {
	if err := authz.Check(actor, actPublish, districtOf(actor)); err != nil {
		return Version{}, err
	}
	depts, err := s.depts.DepartmentNames(ctx, actor.District)
	if err != nil {
		return Version{}, err
	}
	var n int
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		n, err = publish(ctx, tx, actor, implCode, effectiveFrom, depts)
		return err
	})
	if err != nil {
		return Version{}, err
	}
	return s.GetVersion(ctx, actor, implCode, n)
}

func publish(ctx context.Context, tx *db.Tx, actor *authz.Actor, implCode string, eff time.Time, depts map[string]bool) (int, error) {
	row, n, it, err := lockDraft(ctx, tx, actor, implCode)
	if err != nil {
		return 0, err
	}
	if err := it.Validate(depts); err != nil {
		return 0, err
	}
	if err := checkParent(ctx, tx, actor.District, &it); err != nil {
		return 0, err
	}
	if err := checkBundle(ctx, tx, actor.District, &it); err != nil {
		return 0, err
	}
	if eff, err = effectiveDate(ctx, tx, row.ID, eff); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE catalog_item_versions SET state = 'published', effective_from = ?, published_at = ?,
		published_by = ?, updated_at = ? WHERE item_id = ? AND version = ?`, eff, tx.Now(), actor.AccountID, tx.Now(), row.ID, n); err != nil {
		return 0, fmt.Errorf("catalog: publish: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE catalog_items SET status = 'published', basic_code = ?, parent_code = ?, level_kind = ?,
		updated_at = ? WHERE id = ?`, it.BasicCode, it.ParentBasicCode, string(it.LevelKind), tx.Now(), row.ID); err != nil {
		return 0, fmt.Errorf("catalog: publish: %w", err)
	}
	return n, audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: actPublish.Name, ObjectType: "catalog_item",
		ObjectID: fmt.Sprintf("%s@%d", implCode, n), After: map[string]any{"effective_from": eff, "item": it}})
}

// lockDraft locks an item of the actor's district and reads its open draft.
func lockDraft(ctx context.Context, tx *db.Tx, actor *authz.Actor, implCode string) (itemRow, int, Item, error) {
	var it Item
	row, found, err := lockItem(ctx, tx, implCode)
	if err != nil {
		return row, 0, it, fmt.Errorf("catalog: publish: %w", err)
	}
	if !found || row.District != actor.District {
		return row, 0, it, apperr.NotFound("事项 " + short(implCode) + " 不存在")
	}
	var n int
	var body string
	err = tx.QueryRow(ctx, `SELECT version, body FROM catalog_item_versions WHERE item_id = ? AND state = 'draft'
		ORDER BY version DESC LIMIT 1`, row.ID).Scan(&n, &body)
	if errors.Is(err, sql.ErrNoRows) {
		return row, 0, it, apperr.Conflict("事项 " + short(implCode) + " 没有待发布的草稿")
	}
	if err != nil {
		return row, 0, it, fmt.Errorf("catalog: publish: read draft: %w", err)
	}
	if err := json.Unmarshal([]byte(body), &it); err != nil {
		return row, 0, it, fmt.Errorf("catalog: publish: decode draft: %w", err)
	}
	return row, n, it, nil
}

// checkBundle refuses a bundle naming an item the district does not have.
func checkBundle(ctx context.Context, tx *db.Tx, district string, it *Item) error {
	var p problems
	for i, code := range it.Bundle {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items WHERE impl_code = ? AND district = ? AND status <> 'withdrawn'`,
			code, district).Scan(&n); err != nil {
			return fmt.Errorf("catalog: publish: check bundle: %w", err)
		}
		if n == 0 {
			p.add(fmt.Sprintf("bundle[%d]", i), "联办事项 "+short(code)+" 不存在")
		}
	}
	return p.err("事项「" + short(it.Name) + "」")
}

// checkParent refuses a 子项 or 办理项 whose parent the district's
// catalogue does not hold at the level above.
func checkParent(ctx context.Context, tx *db.Tx, district string, it *Item) error {
	if it.LevelKind == KindMain {
		return nil
	}
	var kind LevelKind
	err := tx.QueryRow(ctx, `SELECT level_kind FROM catalog_items WHERE district = ? AND basic_code = ? AND status <> 'withdrawn'
		ORDER BY level_kind DESC LIMIT 1`, district, it.ParentBasicCode).Scan(&kind)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("catalog: publish: check parent: %w", err)
	}
	if msg := parentProblem(*it, kind); msg != "" {
		return apperr.Invalid("parent_basic_code", msg)
	}
	return nil
}

// parentProblem says what is wrong with an item's parent, whose level kind
// is parent ("" when there is none): a 子项 hangs under a 主项, a 办理项
// under a 主项 or 子项.
func parentProblem(it Item, parent LevelKind) string {
	switch {
	case it.LevelKind == KindMain:
		return ""
	case parent == "":
		return "上级事项 " + short(it.ParentBasicCode) + " 不存在"
	case it.LevelKind == KindSub && parent != KindMain:
		return "子项的上级应为主项"
	case it.LevelKind == KindHandling && parent == KindHandling:
		return "办理项的上级应为主项或子项"
	}
	return ""
}

// effectiveDate settles when a version takes effect: now when not given,
// never in the past (applications already filed name the version then in
// force), and never before a version already published, whose place in
// the sequence would otherwise be taken back.
func effectiveDate(ctx context.Context, tx *db.Tx, itemID int64, eff time.Time) (time.Time, error) {
	now := tx.Now().Truncate(time.Second)
	if eff.IsZero() {
		eff = now
	}
	eff = eff.UTC().Truncate(time.Second)
	if eff.Before(now) {
		return eff, apperr.Invalid("effective_from", "生效时间不能早于当前时间")
	}
	// ORDER BY rather than MAX: SQLite's aggregate loses the column's time type.
	var last time.Time
	err := tx.QueryRow(ctx, `SELECT effective_from FROM catalog_item_versions WHERE item_id = ? AND state = 'published'
		ORDER BY effective_from DESC LIMIT 1`, itemID).Scan(&last)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return eff, fmt.Errorf("catalog: publish: latest effective date: %w", err)
	}
	if err == nil && eff.Before(last) {
		return eff, apperr.Invalid("effective_from", "生效时间不能早于已发布版本的生效时间")
	}
	return eff, nil
}

// Withdraw takes an item off the catalogue: its published versions become
// withdrawn (still readable, as applications cite them) and Get no longer
// finds it. An open draft stays, and publishing one offers the item again.
func (s *Service) Withdraw(ctx context.Context, actor *authz.Actor, implCode string) error {
	if err := authz.Check(actor, actPublish, districtOf(actor)); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		row, found, err := lockItem(ctx, tx, implCode)
		if err != nil {
			return fmt.Errorf("catalog: withdraw: %w", err)
		}
		if !found || row.District != actor.District {
			return apperr.NotFound("事项 " + short(implCode) + " 不存在")
		}
		if row.Status != StatePublished {
			return apperr.Conflict("事项 " + short(implCode) + " 未发布，无需撤回")
		}
		if _, err := tx.Exec(ctx, `UPDATE catalog_item_versions SET state = 'withdrawn', updated_at = ? WHERE item_id = ? AND state = 'published'`,
			tx.Now(), row.ID); err != nil {
			return fmt.Errorf("catalog: withdraw: %w", err)
		}
		if _, err := tx.Exec(ctx, `UPDATE catalog_items SET status = 'withdrawn', updated_at = ? WHERE id = ?`, tx.Now(), row.ID); err != nil {
			return fmt.Errorf("catalog: withdraw: %w", err)
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "catalog.item.withdraw", ObjectType: "catalog_item",
			ObjectID: implCode, Before: map[string]any{"status": row.Status}, After: map[string]any{"status": StateWithdrawn}})
	})
}

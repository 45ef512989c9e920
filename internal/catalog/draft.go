package catalog

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// SaveDraft validates an item and stores it as the draft of the next
// version: a new item gets version 1; an item with an open draft has that
// draft replaced; otherwise a new draft follows the latest version. Nothing
// is published: Publish does that. An invalid item is refused with every
// problem listed in the error's Fields.
func (s *Service) SaveDraft(ctx context.Context, actor *authz.Actor, it Item) (Version, error) {
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		return Version{}, err
	}
	depts, err := s.depts.DepartmentNames(ctx, actor.District)
	if err != nil {
		return Version{}, err
	}
	if err := it.Validate(depts); err != nil {
		return Version{}, err
	}
	var n int
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		n, err = saveDraft(ctx, tx, actor, &it)
		return err
	})
	if err != nil {
		return Version{}, err
	}
	return s.GetVersion(ctx, actor, it.ImplCode, n)
}

// saveDraft writes the draft and its audit record; it returns the version
// number written.
func saveDraft(ctx context.Context, tx *db.Tx, actor *authz.Actor, it *Item) (int, error) {
	row, found, err := lockItem(ctx, tx, it.ImplCode)
	if err != nil {
		return 0, fmt.Errorf("catalog: save draft: %w", err)
	}
	if !found {
		row.ID, err = insertItem(ctx, tx, actor.District, it)
		if db.IsUniqueViolation(err) {
			// Another editor created the same item a moment ago.
			return 0, apperr.Conflict("事项 " + short(it.ImplCode) + " 刚被他人创建，请刷新后重试")
		}
		if err != nil {
			return 0, fmt.Errorf("catalog: save draft: insert item: %w", err)
		}
	} else if row.District != actor.District {
		return 0, apperr.Invalid("impl_code", "实施编码已被其他区县的事项使用")
	}
	n, st, err := latest(ctx, tx, row.ID)
	if err != nil {
		return 0, fmt.Errorf("catalog: save draft: %w", err)
	}
	if st == StateDraft {
		err = updateDraft(ctx, tx, row.ID, n, it)
	} else {
		n++
		err = insertVersion(ctx, tx, row.ID, n, it, actor.AccountID)
	}
	if err != nil {
		return 0, fmt.Errorf("catalog: save draft: write version: %w", err)
	}
	return n, audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: actEdit.Name, ObjectType: "catalog_item",
		ObjectID: fmt.Sprintf("%s@%d", it.ImplCode, n), After: it})
}

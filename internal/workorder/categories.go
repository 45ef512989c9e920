package workorder

import (
	"context"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// CurrentTree returns the district's published category tree. It is
// public: residents pick from it before anything else.
func (s *Service) CurrentTree(ctx context.Context, district string) (*Tree, error) {
	var v int
	err := s.DB.QueryRow(ctx, `SELECT version FROM workorder_category_trees WHERE district_code = ? AND state = ?`,
		district, TreePublished).Scan(&v)
	if err != nil {
		if isNoRows(err) {
			return nil, errNoTree
		}
		return nil, wrap("current tree", err)
	}
	return s.TreeVersion(ctx, district, v)
}

// TreeVersion returns one published or retired version of the tree (whose
// categories never change, so they are cached: the State of a cached
// version is the one it had when first read; TreeVersions tells the
// current states), or the draft.
func (s *Service) TreeVersion(ctx context.Context, district string, version int) (*Tree, error) {
	key := district + "/" + strconv.Itoa(version)
	if t, ok := s.trees.Load(key); ok {
		return t.(*Tree), nil
	}
	row, found, err := treeVersion(ctx, s.DB, district, version)
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, apperr.NotFound("分类树版本 " + strconv.Itoa(version) + " 不存在")
	}
	if row.Categories, err = categoriesOf(ctx, s.DB, row.id); err != nil {
		return nil, err
	}
	t := row.Tree
	if t.State != TreeDraft {
		s.trees.Store(key, &t)
	}
	return &t, nil
}

// TreeVersions lists every version of the tree, newest first. Category
// administrators only.
func (s *Service) TreeVersions(ctx context.Context, actor *authz.Actor) ([]Tree, error) {
	if err := authz.Check(actor, actCategories, authz.District(actor.District)); err != nil {
		return nil, err
	}
	return treeVersions(ctx, s.DB, actor.District)
}

// Draft returns the draft being edited, or the current tree as the start
// of a new draft (Version 0) when there is none. Category administrators
// only.
func (s *Service) Draft(ctx context.Context, actor *authz.Actor) (*Tree, error) {
	if err := authz.Check(actor, actCategories, authz.District(actor.District)); err != nil {
		return nil, err
	}
	row, found, err := treeIn(ctx, s.DB, actor.District, TreeDraft)
	if err != nil {
		return nil, err
	}
	if found {
		if row.Categories, err = categoriesOf(ctx, s.DB, row.id); err != nil {
			return nil, err
		}
		return &row.Tree, nil
	}
	t := &Tree{District: actor.District, State: TreeDraft, Categories: []Category{}}
	if cur, err := s.CurrentTree(ctx, actor.District); err == nil {
		t.Categories = append(t.Categories, cur.Categories...)
	} else if apperr.CodeOf(err) != apperr.CodeUnavailable {
		return nil, err
	}
	return t, nil
}

// SaveDraft validates cats as a whole tree and saves them as the draft
// (making one when there is none). Nothing is saved when anything is
// wrong. Category administrators only.
func (s *Service) SaveDraft(ctx context.Context, actor *authz.Actor, cats []Category) (*Tree, error) {
	if err := authz.Check(actor, actCategories, authz.District(actor.District)); err != nil {
		return nil, err
	}
	t := &Tree{District: actor.District, State: TreeDraft, Categories: cats}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		row, found, err := treeIn(ctx, tx, actor.District, TreeDraft)
		if err != nil {
			return err
		}
		if !found {
			if row, err = newTreeVersion(ctx, tx, actor.District, actor.AccountID); err != nil {
				return err
			}
		}
		t.Version, t.CreatedAt = row.Version, row.CreatedAt
		if err := replaceCategories(ctx, tx, row.id, cats); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.category.save_draft",
			ObjectType: "workorder_category_tree", ObjectID: strconv.Itoa(t.Version), After: t})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// Publish makes the draft the current tree; the previous version is
// retired but kept (orders filed under it keep reading it). Category
// administrators only.
func (s *Service) Publish(ctx context.Context, actor *authz.Actor, note string) (*Tree, error) {
	if err := authz.Check(actor, actCategories, authz.District(actor.District)); err != nil {
		return nil, err
	}
	v := newViolations()
	note = checkText(v, "note", "发布说明", note, 200, false)
	if err := v.err(); err != nil {
		return nil, err
	}
	var version int
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		row, found, err := treeIn(ctx, tx, actor.District, TreeDraft)
		if err != nil {
			return err
		}
		if !found {
			return apperr.Conflict("没有待发布的分类草稿")
		}
		version = row.Version
		if err := publishTree(ctx, tx, actor.District, row.id, note, actor.AccountID, tx.Now()); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.category.publish",
			ObjectType: "workorder_category_tree", ObjectID: strconv.Itoa(version)})
	})
	if err != nil {
		return nil, err
	}
	return s.TreeVersion(ctx, actor.District, version)
}

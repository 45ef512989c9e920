package workorder

import (
	"context"
	"strconv"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// dispatchState is the service's dispatch caches.
type dispatchState struct {
	// catalogues holds compiled published or retired versions by id:
	// their rules never change.
	catalogues sync.Map
	depts      deptCache
}

// compiled is a catalogue version with its rules indexed by category and
// place, for the dispatch decision.
type compiled struct {
	Catalogue
	index map[string]*Rule
}

func ruleKey(category, place string) string { return category + "|" + place }

func compile(c Catalogue) *compiled {
	cc := &compiled{Catalogue: c, index: make(map[string]*Rule, len(c.Rules))}
	for i := range cc.Rules {
		r := &cc.Rules[i]
		cc.index[ruleKey(r.Category, r.Place)] = r
	}
	return cc
}

// publishedCatalogue returns the district's catalogue in force (nil when
// none is published), reading its version through q (the filing
// transaction, when dispatching on filing).
func (s *Service) publishedCatalogue(ctx context.Context, q querier, district string) (*compiled, error) {
	c, found, err := catalogueWhere(ctx, q, `district_code = ? AND state = ?`, district, TreePublished)
	if err != nil || !found {
		return nil, err
	}
	if cc, ok := s.disp.catalogues.Load(c.ID); ok {
		return cc.(*compiled), nil
	}
	if c.Rules, err = rulesOf(ctx, q, c.ID); err != nil {
		return nil, err
	}
	cc := compile(c)
	s.disp.catalogues.Store(c.ID, cc)
	return cc, nil
}

// errNoCatalogue answers reads of a district that has published none.
var errNoCatalogue = apperr.New(apperr.CodeUnavailable, "尚未发布派单目录：工单按分类的默认处置单位派单")

// CurrentCatalogue returns the catalogue in force. Staff who dispatch or
// manage it only.
func (s *Service) CurrentCatalogue(ctx context.Context, actor *authz.Actor) (*Catalogue, error) {
	if len(dispatcherScopes(actor)) == 0 {
		if err := authz.Check(actor, actCatalogue, authz.District(actor.District)); err != nil {
			return nil, err
		}
	}
	cc, err := s.publishedCatalogue(ctx, s.DB, actor.District)
	if err != nil {
		return nil, err
	}
	if cc == nil {
		return nil, errNoCatalogue
	}
	c := cc.Catalogue
	return &c, nil
}

// CatalogueVersions lists every version, newest first. Catalogue
// administrators only.
func (s *Service) CatalogueVersions(ctx context.Context, actor *authz.Actor) ([]Catalogue, error) {
	if err := authz.Check(actor, actCatalogue, authz.District(actor.District)); err != nil {
		return nil, err
	}
	return catalogueVersions(ctx, s.DB, actor.District)
}

// CatalogueDraft returns the draft being edited, or the catalogue in force
// as the start of a new draft (Version 0). Catalogue administrators only.
func (s *Service) CatalogueDraft(ctx context.Context, actor *authz.Actor) (*Catalogue, error) {
	if err := authz.Check(actor, actCatalogue, authz.District(actor.District)); err != nil {
		return nil, err
	}
	c, found, err := catalogueWhere(ctx, s.DB, `district_code = ? AND state = ?`, actor.District, TreeDraft)
	if err != nil {
		return nil, err
	}
	if found {
		c.Rules, err = rulesOf(ctx, s.DB, c.ID)
		return &c, err
	}
	c = Catalogue{District: actor.District, State: TreeDraft, Rules: []Rule{}}
	cur, err := s.publishedCatalogue(ctx, s.DB, actor.District)
	if cur != nil {
		c.Rules = append(c.Rules, cur.Rules...)
	}
	return &c, err
}

// SaveCatalogueDraft checks rules against the current category tree and
// the district's places and departments, and saves them as the draft.
// Nothing is saved when anything is wrong. Catalogue administrators only.
func (s *Service) SaveCatalogueDraft(ctx context.Context, actor *authz.Actor, rules []Rule) (*Catalogue, error) {
	if err := authz.Check(actor, actCatalogue, authz.District(actor.District)); err != nil {
		return nil, err
	}
	if err := s.checkCatalogue(ctx, actor.District, rules); err != nil {
		return nil, err
	}
	c := &Catalogue{District: actor.District, State: TreeDraft, Rules: rules}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		row, found, err := catalogueWhere(ctx, tx, `district_code = ? AND state = ?`, actor.District, TreeDraft)
		if err != nil {
			return err
		}
		if !found {
			if row, err = newCatalogueVersion(ctx, tx, actor.District, actor.AccountID); err != nil {
				return err
			}
		}
		c.ID, c.Version, c.CreatedAt = row.ID, row.Version, row.CreatedAt
		if err := replaceRules(ctx, tx, row.ID, rules); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.dispatch.save_draft",
			ObjectType: "workorder_dispatch_catalogue", ObjectID: strconv.Itoa(c.Version),
			After: map[string]int{"rules": len(rules)}})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// checkCatalogue validates rules against the tree and the directory.
func (s *Service) checkCatalogue(ctx context.Context, district string, rules []Rule) error {
	tree, err := s.CurrentTree(ctx, district)
	if err != nil {
		return err
	}
	d, err := s.directory(ctx, district, gridCodesOf(rules))
	if err != nil {
		return err
	}
	return validateCatalogue(rules, tree, d)
}

// PublishCatalogue puts the draft in force; the previous version is
// retired but kept (events name the version that dispatched each order).
// Catalogue administrators only.
func (s *Service) PublishCatalogue(ctx context.Context, actor *authz.Actor, note string) (*Catalogue, error) {
	if err := authz.Check(actor, actCatalogue, authz.District(actor.District)); err != nil {
		return nil, err
	}
	v := newViolations()
	note = checkText(v, "note", "发布说明", note, 200, false)
	if err := v.err(); err != nil {
		return nil, err
	}
	// The tree may have changed since the draft was saved: check again.
	if draft, found, err := catalogueWhere(ctx, s.DB, `district_code = ? AND state = ?`, actor.District, TreeDraft); err != nil {
		return nil, err
	} else if found {
		rules, err := rulesOf(ctx, s.DB, draft.ID)
		if err != nil {
			return nil, err
		}
		if err := s.checkCatalogue(ctx, actor.District, rules); err != nil {
			return nil, err
		}
	}
	var c Catalogue
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		row, found, err := catalogueWhere(ctx, tx, `district_code = ? AND state = ?`, actor.District, TreeDraft)
		if err != nil {
			return err
		}
		if !found {
			return apperr.Conflict("没有待发布的派单目录草稿")
		}
		c = row
		if err := publishCatalogue(ctx, tx, actor.District, row.ID, note, actor.AccountID); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.dispatch.publish",
			ObjectType: "workorder_dispatch_catalogue", ObjectID: strconv.Itoa(c.Version)})
	})
	if err != nil {
		return nil, err
	}
	c.State, c.Note = TreePublished, note
	c.Rules, err = rulesOf(ctx, s.DB, c.ID)
	return &c, err
}

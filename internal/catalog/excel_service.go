package catalog

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ImportOptions say what an import does with the items it reads.
type ImportOptions struct {
	// Publish publishes every item, in force from EffectiveFrom (now when
	// zero); otherwise each item is saved as a draft for review.
	Publish       bool
	EffectiveFrom time.Time
}

// ImportWorkbook imports a workbook into the actor's district (Import
// checks it whole first; bundles and parents may also name items the
// district already has) and saves every item as a draft, or publishes
// them all when opt.Publish, in one transaction: a bad file or a failure
// half way writes nothing. The report is returned with every outcome so
// that the console can list the problems.
func (s *Service) ImportWorkbook(ctx context.Context, actor *authz.Actor, r io.Reader, size int64, opt ImportOptions) (*ImportReport, error) {
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		return nil, err
	}
	if opt.Publish {
		if err := authz.Check(actor, actPublish, districtOf(actor)); err != nil {
			return nil, err
		}
	}
	depts, err := s.depts.DepartmentNames(ctx, actor.District)
	if err != nil {
		return nil, err
	}
	known, err := s.knownItems(ctx, actor.District)
	if err != nil {
		return nil, err
	}
	items, rep, err := importWith(r, size, depts, known)
	if err != nil {
		return rep, err
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		return xlSaveAll(ctx, tx, actor, items, opt, depts)
	})
	if err != nil {
		return rep, err
	}
	return rep, nil
}

// xlSaveAll saves every item as a draft and then, when asked, publishes
// them, so that bundles and parents may name items later in the file.
func xlSaveAll(ctx context.Context, tx *db.Tx, actor *authz.Actor, items []Item, opt ImportOptions, depts map[string]bool) error {
	if err := saveAll(ctx, tx, actor, items, opt.Publish, opt.EffectiveFrom, depts); err != nil {
		return fmt.Errorf("catalog: import: %w", err)
	}
	return nil
}

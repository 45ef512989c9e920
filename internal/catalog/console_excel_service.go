package catalog

import (
	"context"
	"io"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// ExportWorkbook is ExportFilter for the console's download. The workbook
// is the editing copy of the catalogue (drafts included, in the import
// template), so only those who may edit items download it; everyone else
// reads the catalogue on the console's pages.
func (s *Service) ExportWorkbook(ctx context.Context, actor *authz.Actor, f Filter, w io.Writer) error {
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		return err
	}
	return s.ExportFilter(ctx, actor, f, w)
}

// WorkbookTemplate writes the empty import template: every sheet with its
// header rows and no items, for staff starting a workbook from scratch.
func (s *Service) WorkbookTemplate(actor *authz.Actor, w io.Writer) error {
	if err := authz.Check(actor, actEdit, districtOf(actor)); err != nil {
		return err
	}
	return Export(nil, w)
}

// countItems is the number of the actor's district's items, to tell new
// items from updated ones after an import.
func (s *Service) countItems(ctx context.Context, actor *authz.Actor) (int, error) {
	l, err := s.List(ctx, actor, Filter{}, Page{Limit: 1})
	return l.Total, err
}

package catalog

import (
	"context"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Export writes items as a workbook in the template of
// docs/catalog-excel-template.md; Import reads it back unchanged.
func Export(items []Item, w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetItems); err != nil {
		return fmt.Errorf("catalog: export: %w", err)
	}
	for _, name := range xlSheetOrder[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return fmt.Errorf("catalog: export: %w", err)
		}
	}
	for _, name := range xlSheetOrder {
		if err := xlWriteSheet(f, name, xlRowsOf(name, items)); err != nil {
			return fmt.Errorf("catalog: export %s: %w", name, err)
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("catalog: export: write: %w", err)
	}
	return nil
}

// xlRowsOf renders the data rows of one sheet.
func xlRowsOf(sheet string, items []Item) [][]string {
	var out [][]string
	for i := range items {
		it := &items[i]
		switch sheet {
		case SheetItems:
			out = append(out, xlCells(it, xlItemColumns))
		case SheetMaterials:
			for j := range it.Materials {
				out = append(out, append([]string{it.ImplCode}, xlCells(&it.Materials[j], xlMaterialColumns)...))
			}
		case SheetForm:
			for j := range it.Form {
				fd := &it.Form[j]
				out = append(out, append([]string{it.ImplCode, ""}, xlCells(fd, xlFormColumns)...))
				for k := range fd.Columns {
					out = append(out, append([]string{it.ImplCode, fd.Name}, xlCells(&fd.Columns[k], xlFormColumns)...))
				}
			}
		case SheetSteps:
			for j := range it.Steps {
				out = append(out, append([]string{it.ImplCode}, xlCells(&it.Steps[j], xlStepColumns)...))
			}
		case SheetBasis:
			for j := range it.LegalBasis {
				out = append(out, append([]string{it.ImplCode}, xlCells(&it.LegalBasis[j], xlBasisColumns)...))
			}
		}
	}
	return out
}

func xlCells[T any](v *T, cols []xlColumn[T]) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.get(v)
	}
	return out
}

// xlWriteSheet streams the two header rows and the data rows, every cell as
// text so that Excel keeps leading zeros of codes.
func xlWriteSheet(f *excelize.File, sheet string, rows [][]string) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	l := xlLayouts[sheet]
	if err := sw.SetColWidth(1, len(l.headers), 18); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: xlFirstDataRow - 1,
		TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	all := append([][]string{l.headers, l.keys}, rows...)
	for i, r := range all {
		vals := make([]any, len(r))
		for j, v := range r {
			vals[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// ExportFilter writes the latest version (drafts included, as staff edit
// them) of every item of the actor's district that f selects.
func (s *Service) ExportFilter(ctx context.Context, actor *authz.Actor, f Filter, w io.Writer) error {
	var items []Item
	for offset := 0; ; offset += MaxLimit {
		l, err := s.List(ctx, actor, f, Page{Limit: MaxLimit, Offset: offset})
		if err != nil {
			return err
		}
		for _, sm := range l.Items {
			v, err := s.GetVersion(ctx, actor, sm.ImplCode, sm.Version)
			if err != nil {
				return err
			}
			items = append(items, v.Item)
		}
		if offset+MaxLimit >= l.Total || len(l.Items) == 0 {
			break
		}
	}
	return Export(items, w)
}

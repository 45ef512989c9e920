package pdfdoc

// Column is one column of a table.
type Column struct {
	Title string
	// Weight is the column's share of the page width: columns of weight 3
	// and 1 take three quarters and one quarter. Zero counts as 1.
	Weight float64
	// Center centres the column's cells, for short values such as 是/否.
	Center bool
}

// tablePad is the padding inside table cells, in mm.
const (
	tablePadX = 1.5
	tablePadY = 1.2
)

// Table sets a table with a shaded header row. Cells wrap; a row that does
// not fit the page moves to the next one, and every continued page repeats
// the header. Each row must have one cell per column.
func (d *Doc) Table(cols []Column, rows [][]string) {
	if d.Err() != nil {
		return
	}
	widths := columnWidths(cols)
	for i, r := range rows {
		if len(r) != len(cols) {
			d.pdf.SetErrorf("pdfdoc: table row %d has %d cells for %d columns", i+1, len(r), len(cols))
			return
		}
	}
	header := d.headerCells(cols, widths)
	lay := rowLayout{border: true, padX: tablePadX, padY: tablePadY}
	headLay := lay // without repeat: the header never repeats itself
	drawHeader := func() { d.row(header, headLay) }
	// Keep the header with the first row: start a page if not even the
	// header and two lines fit.
	if !d.room(3*lineHeight(sizeBody) + 4*tablePadY) {
		d.newPage(rowLayout{})
	}
	drawHeader()
	lay.repeat = drawHeader
	for _, r := range rows {
		cells := make([]cell, len(cols))
		for j, text := range r {
			st := bodyText
			if cols[j].Center {
				st.align = "C"
			}
			cells[j] = cell{w: widths[j], text: text, st: st}
		}
		d.row(cells, lay)
	}
	d.gap(2)
}

// headerCells are the cells of a table's header row.
func (d *Doc) headerCells(cols []Column, widths []float64) []cell {
	cells := make([]cell, len(cols))
	for j, c := range cols {
		st := headText
		if c.Center {
			st.align = "C"
		}
		cells[j] = cell{w: widths[j], text: c.Title, st: st}
	}
	return cells
}

// columnWidths shares the page width among the columns by weight.
func columnWidths(cols []Column) []float64 {
	total := 0.0
	for _, c := range cols {
		total += weight(c)
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = contentW * weight(c) / total
	}
	return widths
}

func weight(c Column) float64 {
	if c.Weight <= 0 {
		return 1
	}
	return c.Weight
}

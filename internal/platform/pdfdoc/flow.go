package pdfdoc

// cell is one column of a row: its width in mm, its text and how it is set.
type cell struct {
	w    float64
	text string
	st   textStyle
}

// rowLayout says how a row is drawn.
type rowLayout struct {
	border     bool
	padX, padY float64
	// flow lets a row of running text fill the rest of the page and go on
	// on the next, as long as at least two lines stay together; other rows
	// move to the next page whole when they fit on one.
	flow bool
	// repeat, when set, draws what every continued page must start with,
	// such as a table's header row.
	repeat func()
}

// row is the one engine every block flows through: it wraps each cell's
// text to the cell's width and draws the row, all cells as tall as the
// tallest. A row that does not fit the rest of the page moves to the next
// one whole; a row taller than a page is split line by line across pages,
// with repeat drawn at the top of each new page.
func (d *Doc) row(cells []cell, lay rowLayout) {
	if d.Err() != nil {
		return
	}
	lines, lh := d.wrapCells(cells, lay)
	need := 0
	for _, l := range lines {
		need = max(need, len(l))
	}
	for done := 0; done < need; {
		y := d.pdf.GetY()
		fit := int((bottomY - y - 2*lay.padY) / lh)
		rest := need - done
		atTop := y <= d.topY+0.01
		if fit < rest && !atTop && d.moveOn(fit, rest, done, lay) {
			d.newPage(lay)
			continue
		}
		k := min(max(fit, 1), rest)
		d.drawRowPart(cells, lines, done, k, lh, lay)
		done += k
		if done < need {
			d.newPage(lay)
		}
	}
}

// moveOn reports whether a row that has fit of its rest lines room left
// on the page should rather start on the next page.
func (d *Doc) moveOn(fit, rest, done int, lay rowLayout) bool {
	if lay.flow {
		return fit < min(rest, 2)
	}
	return fit < 1 || done == 0
}

// wrapCells wraps every cell's text to its width, and returns the lines
// and the row's line height (that of its largest font).
func (d *Doc) wrapCells(cells []cell, lay rowLayout) ([][]string, float64) {
	lines := make([][]string, len(cells))
	lh := 0.0
	for i, c := range cells {
		d.pdf.SetFont(fontFamily, "", c.st.size)
		lines[i] = wrapText(c.text, c.w-2*lay.padX, d.pdf.GetStringWidth)
		lh = max(lh, lineHeight(c.st.size))
	}
	return lines, lh
}

// drawRowPart draws lines [from, from+k) of every cell, with the cells'
// backgrounds and borders, and moves below them.
func (d *Doc) drawRowPart(cells []cell, lines [][]string, from, k int, lh float64, lay rowLayout) {
	p := d.pdf
	x, y := marginX, p.GetY()
	h := float64(k)*lh + 2*lay.padY
	for i, c := range cells {
		if c.st.filled {
			p.SetFillColor(fill.r, fill.g, fill.b)
			p.Rect(x, y, c.w, h, "F")
		}
		if lay.border {
			p.SetDrawColor(rule.r, rule.g, rule.b)
			p.SetLineWidth(0.2)
			p.Rect(x, y, c.w, h, "D")
		}
		for j := 0; j < k && from+j < len(lines[i]); j++ {
			p.SetXY(x+lay.padX, y+lay.padY+float64(j)*lh)
			d.text(c.w-2*lay.padX, lh, lines[i][from+j], c.st)
		}
		x += c.w
	}
	p.SetXY(marginX, y+h)
}

// text sets one line in a box of width w and height lh.
func (d *Doc) text(w, lh float64, s string, st textStyle) {
	p := d.pdf
	p.SetFont(fontFamily, "", st.size)
	p.SetTextColor(st.color.r, st.color.g, st.color.b)
	if st.bold {
		// The font has no bold face: stroke the glyph outlines thinly in
		// the text colour as well as filling them.
		p.SetDrawColor(st.color.r, st.color.g, st.color.b)
		p.SetLineWidth(st.size * 0.012)
		p.SetTextRenderingMode(2)
	}
	p.CellFormat(w, lh, s, "", 0, st.align, false, 0, "")
	if st.bold {
		p.SetTextRenderingMode(0)
	}
}

// newPage starts a page and draws what the layout repeats on each.
func (d *Doc) newPage(lay rowLayout) {
	d.pdf.AddPage()
	d.topY = d.pdf.GetY()
	if lay.repeat != nil {
		lay.repeat()
		d.topY = d.pdf.GetY()
	}
}

// room reports whether h mm are left above the bottom margin.
func (d *Doc) room(h float64) bool { return d.pdf.GetY()+h <= bottomY }

// gap moves down h mm, unless at the top of a page or at its bottom,
// where space would only push the next block about.
func (d *Doc) gap(h float64) {
	y := d.pdf.GetY()
	if y <= d.topY+0.01 || !d.room(h) {
		return
	}
	d.pdf.SetY(y + h)
}

package pdfdoc

import "strconv"

// keyWidth is the width of the key column of key–value rows.
const keyWidth = 34.0

// Title sets the document's title, large and centred.
func (d *Doc) Title(s string) {
	st := textStyle{size: sizeTitle, color: accent, bold: true, align: "C"}
	d.row([]cell{{w: contentW, text: s, st: st}}, rowLayout{padY: 1})
	d.gap(1)
}

// Subtitle sets a centred line of small grey text under the title, such as
// an item's codes.
func (d *Doc) Subtitle(s string) {
	st := smallText
	st.align = "C"
	d.row([]cell{{w: contentW, text: s, st: st}}, rowLayout{flow: true})
	d.gap(2)
}

// Heading starts a section. It stays with the first lines of what follows:
// when fewer than three body lines would fit under it, it starts a page.
func (d *Doc) Heading(s string) {
	if d.Err() != nil {
		return
	}
	d.gap(4)
	lh := lineHeight(sizeHeading)
	if !d.room(lh + 3*lineHeight(sizeBody) + 4) {
		d.newPage(rowLayout{})
	}
	p := d.pdf
	y := p.GetY()
	p.SetFillColor(accent.r, accent.g, accent.b)
	p.Rect(marginX, y+1.2, 1.2, lh-2.4, "F")
	p.SetXY(marginX+3.5, y)
	d.text(contentW-3.5, lh, s, textStyle{size: sizeHeading, color: accent, bold: true, align: "L"})
	p.SetXY(marginX, y+lh+1.5)
}

// Paragraph sets running text, wrapped to the page width. Newlines in s
// start new lines.
func (d *Doc) Paragraph(s string) {
	d.row([]cell{{w: contentW, text: s, st: bodyText}}, rowLayout{flow: true, padY: 0.5})
	d.gap(1)
}

// Note sets small grey text, for remarks and sources.
func (d *Doc) Note(s string) {
	d.row([]cell{{w: contentW, text: s, st: smallText}}, rowLayout{flow: true, padY: 0.3})
	d.gap(1)
}

// Numbered sets items as a numbered list with a hanging indent.
func (d *Doc) Numbered(items []string) {
	for i, it := range items {
		num := textStyle{size: sizeBody, color: grey, align: "R"}
		d.row([]cell{{w: 8, text: strconv.Itoa(i+1) + ".", st: num}, {w: contentW - 8, text: it, st: bodyText}},
			rowLayout{flow: true, padX: 1, padY: 0.5})
	}
	d.gap(1)
}

// KeyValue sets one row of a two-column grid: the key in a shaded cell at
// the left, the value wrapped beside it. Consecutive rows form one grid.
func (d *Doc) KeyValue(key, value string) {
	k := keyText
	k.filled = true
	d.row([]cell{{w: keyWidth, text: key, st: k}, {w: contentW - keyWidth, text: value, st: bodyText}},
		rowLayout{border: true, padX: 2, padY: 1.2})
}

// Space adds h mm of vertical space, as between a grid and what follows.
func (d *Doc) Space(h float64) { d.gap(h) }

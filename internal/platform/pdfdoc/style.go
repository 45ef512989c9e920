package pdfdoc

// rgb is a colour.
type rgb struct{ r, g, b int }

// The palette: near-black text, grey for secondary text, a government blue
// for titles and headings, light fills and rules for tables.
var (
	ink    = rgb{0x1f, 0x23, 0x28}
	grey   = rgb{0x5f, 0x67, 0x70}
	accent = rgb{0x1d, 0x4e, 0x89}
	fill   = rgb{0xec, 0xf1, 0xf7}
	rule   = rgb{0xb8, 0xc2, 0xcf}
)

// Font sizes in points.
const (
	sizeTitle   = 17.0
	sizeHeading = 12.5
	sizeBody    = 10.5
	sizeSmall   = 8.5
)

// leading is the line height as a multiple of the font size: 1.5 reads well
// for Chinese, whose glyphs fill the em square.
const leading = 1.5

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// lineHeight is the height in mm of a line set in size points.
func lineHeight(size float64) float64 { return size * ptToMM * leading }

// textStyle is how the text of a cell is set.
type textStyle struct {
	size   float64
	color  rgb
	bold   bool   // faux bold: glyphs filled and stroked
	align  string // "L", "C" or "R"
	filled bool   // the cell has a light background
}

var (
	bodyText  = textStyle{size: sizeBody, color: ink, align: "L"}
	keyText   = textStyle{size: sizeBody, color: grey, align: "L"}
	smallText = textStyle{size: sizeSmall, color: grey, align: "L"}
	headText  = textStyle{size: sizeBody, color: ink, bold: true, align: "L", filled: true}
)

package seal

import (
	"fmt"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// glyphs adds text outlines to the rasterizer, each glyph placed by its
// centre and turned by an angle.
type glyphs struct {
	f   *sfnt.Font
	z   *vector.Rasterizer
	buf sfnt.Buffer
}

// arc sets text along the top of the ring, tops outward, as on a seal.
func (g *glyphs) arc(text []rune) error {
	n := float64(len(text))
	radius := ringInner - 8 - maxNamePx/2
	px := math.Min(maxNamePx, radius*nameSpan/n*0.92)
	radius = ringInner - 8 - px/2
	c := float64(markSize) / 2
	for i, r := range text {
		theta := -nameSpan/2 + (float64(i)+0.5)*nameSpan/n
		if err := g.glyph(r, px, c+radius*math.Sin(theta), c-radius*math.Cos(theta), theta); err != nil {
			return err
		}
	}
	return nil
}

// line sets text upright and centred on the horizontal line y (centres).
func (g *glyphs) line(text []rune, px, y float64) error {
	step := px * 1.05
	x0 := float64(markSize)/2 - step*float64(len(text))/2
	for i, r := range text {
		if err := g.glyph(r, px, x0+step*(float64(i)+0.5), y, 0); err != nil {
			return err
		}
	}
	return nil
}

// glyph adds rune r at size px with its centre at (cx, cy), turned
// clockwise by theta. Runes the font lacks are left out.
func (g *glyphs) glyph(r rune, px, cx, cy, theta float64) error {
	idx, err := g.f.GlyphIndex(&g.buf, r)
	if err != nil || idx == 0 {
		return nil
	}
	ppem := fixed.Int26_6(px * 64)
	segs, err := g.f.LoadGlyph(&g.buf, idx, ppem, nil)
	if err != nil {
		return fmt.Errorf("seal: mark glyph %q: %w", r, err)
	}
	adv, err := g.f.GlyphAdvance(&g.buf, idx, ppem, font.HintingNone)
	if err != nil {
		return fmt.Errorf("seal: mark glyph %q: %w", r, err)
	}
	// The glyph's origin is on the baseline at its left; its centre is
	// half an advance right and about 0.38 em above the baseline.
	ox, oy := float64(adv)/64/2, -0.38*px
	sin, cos := math.Sin(theta), math.Cos(theta)
	pt := func(p fixed.Point26_6) (float32, float32) {
		x, y := float64(p.X)/64-ox, float64(p.Y)/64-oy
		return float32(cx + x*cos - y*sin), float32(cy + x*sin + y*cos)
	}
	for i, s := range segs {
		a, b := pt(s.Args[0])
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			if i > 0 {
				g.z.ClosePath() // contours end where they start; close in case one does not
			}
			g.z.MoveTo(a, b)
		case sfnt.SegmentOpLineTo:
			g.z.LineTo(a, b)
		case sfnt.SegmentOpQuadTo:
			c, d := pt(s.Args[1])
			g.z.QuadTo(a, b, c, d)
		case sfnt.SegmentOpCubeTo:
			c, d := pt(s.Args[1])
			e, h := pt(s.Args[2])
			g.z.CubeTo(a, b, c, d, e, h)
		}
	}
	g.z.ClosePath()
	return nil
}

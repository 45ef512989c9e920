package seal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/vector"
)

// Geometry of the seal mark, in pixels of a markSize square.
const (
	markSize   = 400
	ringOuter  = 194.0
	ringInner  = 182.0
	starOuter  = 58.0
	starInner  = 22.0
	nameSpan   = 4.4 // radians of the arc the name covers, centred on the top
	maxNamePx  = 46.0
	footerText = "电子证照专用章"
	footerPx   = 28.0
)

// sealRed is the red of official seals.
var sealRed = color.RGBA{R: 0xd8, G: 0x1e, B: 0x06, A: 0xff}

// Mark draws the department's seal mark for licence PDFs: a red PNG with
// a ring, the department name along the top edge, a five-pointed star in
// the middle and "电子证照专用章" below it, on a transparent ground. It is
// an image of the seal, not the seal: only the signature proves anything.
// Marks are cached by department and name.
func (s *Service) Mark(ctx context.Context, deptCode string) ([]byte, error) {
	if s.font == nil {
		return nil, errors.New("seal: mark: no font configured (seal.WithMarkFont)")
	}
	dep, err := loadDepartment(ctx, s.d, deptCode)
	if err != nil {
		return nil, err
	}
	cacheKey := deptCode + "\x00" + dep.Name
	s.mu.RLock()
	mark, ok := s.marks[cacheKey]
	s.mu.RUnlock()
	if ok {
		return bytes.Clone(mark), nil
	}
	if mark, err = s.drawMark(dep.Name); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.marks[cacheKey] = mark
	s.mu.Unlock()
	return bytes.Clone(mark), nil
}

// drawMark renders the mark of a department named name.
func (s *Service) drawMark(name string) ([]byte, error) {
	f, err := sfnt.Parse(s.font)
	if err != nil {
		return nil, fmt.Errorf("seal: mark font: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, markSize, markSize))
	z := vector.NewRasterizer(markSize, markSize)
	circle(z, ringOuter, false)
	circle(z, ringInner, true)
	star(z)
	g := &glyphs{f: f, z: z}
	if err := g.arc([]rune(name)); err != nil {
		return nil, err
	}
	if err := g.line([]rune(footerText), footerPx, markSize/2+starOuter+footerPx+6); err != nil {
		return nil, err
	}
	z.Draw(img, img.Bounds(), image.NewUniform(sealRed), image.Point{})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("seal: mark: %w", err)
	}
	return b.Bytes(), nil
}

// circle adds a circle around the centre; reverse winds it the other way,
// so that a reversed inner circle cuts a hole (a ring).
func circle(z *vector.Rasterizer, r float64, reverse bool) {
	const steps = 180
	c := float64(markSize) / 2
	for i := 0; i <= steps; i++ {
		a := 2 * math.Pi * float64(i) / steps
		if reverse {
			a = -a
		}
		x, y := float32(c+r*math.Cos(a)), float32(c+r*math.Sin(a))
		if i == 0 {
			z.MoveTo(x, y)
		} else {
			z.LineTo(x, y)
		}
	}
	z.ClosePath()
}

// star adds a five-pointed star, point up, at the centre.
func star(z *vector.Rasterizer) {
	c := float64(markSize) / 2
	for i := range 10 {
		r := starOuter
		if i%2 == 1 {
			r = starInner
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		x, y := float32(c+r*math.Cos(a)), float32(c+r*math.Sin(a))
		if i == 0 {
			z.MoveTo(x, y)
		} else {
			z.LineTo(x, y)
		}
	}
	z.ClosePath()
}

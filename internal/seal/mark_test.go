package seal_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
)

// markFont is the font pdfdoc embeds; the tests read it from its folder.
func markFont(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../platform/pdfdoc/fonts/wqy-microhei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestMark(t *testing.T) {
	f := newFixture(t)
	s, err := seal.New(f.d, f.keys, seal.WithMarkFont(markFont(t)))
	if err != nil {
		t.Fatal(err)
	}
	data, err := s.Mark(f.ctx, dept)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 400, 400) {
		t.Fatalf("bounds %v", img.Bounds())
	}
	for _, c := range []struct {
		name   string
		x, y   int
		filled bool
	}{
		{"ring, left", 12, 200, true},
		{"ring, bottom", 200, 388, true},
		{"star centre", 200, 200, true},
		{"corner", 2, 2, false},
		{"inside the ring, left of the star", 120, 200, false},
	} {
		if filled := isRed(img, c.x, c.y); filled != c.filled {
			t.Errorf("%s (%d,%d): red %v, want %v", c.name, c.x, c.y, filled, c.filled)
		}
	}
	// The name is drawn along the top: the band under the ring holds red.
	if n := redIn(img, image.Rect(60, 10, 340, 60)); n < 500 {
		t.Errorf("only %d red pixels where the name goes", n)
	}
	// Another department's name gives another picture.
	other, err := s.Mark(f.ctx, "320113D01")
	if err != nil || bytes.Equal(other, data) {
		t.Fatalf("other department's mark: %v, same %v", err, bytes.Equal(other, data))
	}
	_, err = s.Mark(f.ctx, "320113D99")
	wantCode(t, err, apperr.CodeInvalid, "dept_code")
	if _, err := f.s.Mark(f.ctx, dept); err == nil {
		t.Fatal("mark drawn without a font")
	}
}

func isRed(img image.Image, x, y int) bool {
	r, g, _, a := img.At(x, y).RGBA()
	return a > 0x8000 && r > 0x8000 && g < 0x4000
}

func redIn(img image.Image, rect image.Rectangle) int {
	n := 0
	for y := rect.Min.Y; y < rect.Max.Y; y++ {
		for x := rect.Min.X; x < rect.Max.X; x++ {
			if isRed(img, x, y) {
				n++
			}
		}
	}
	return n
}

// BenchmarkMark measures Mark once the PNG is cached (a department read).
func BenchmarkMark(b *testing.B) {
	f := newFixture(b)
	s, _ := seal.New(f.d, f.keys, seal.WithMarkFont(markFont(b)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Mark(f.ctx, dept); err != nil {
			b.Fatal(err)
		}
	}
}

package license_test

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
)

// TestQRPNG checks the PNG against the encoder's modules, pixel by pixel,
// and that the modules form a QR symbol: a size of 17+4v and the three
// finder patterns. (No QR decoder is pinned: go-qrcode only encodes; the
// PDF's code was also read back with zbarimg by hand.)
func TestQRPNG(t *testing.T) {
	const text, scale = testBase + "/licences/verify?id=1.2.156.3005.2.SPJY.113201130000000195.2026000001.001.F", 3
	bits, err := license.QRModules(text)
	if err != nil {
		t.Fatal(err)
	}
	n := len(bits)
	if n < 21 || (n-17)%4 != 0 {
		t.Fatalf("%d modules a side is no QR version", n)
	}
	for _, c := range [][2]int{{0, 0}, {n - 7, 0}, {0, n - 7}} {
		if !finder(bits, c[0], c[1]) {
			t.Errorf("no finder pattern at %v", c)
		}
	}
	b, err := license.QRPNG(text, scale)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	side := (n + 8) * scale
	if img.Bounds() != image.Rect(0, 0, side, side) {
		t.Fatalf("image %v, want %d px square", img.Bounds(), side)
	}
	for y := 0; y < n+8; y++ {
		for x := 0; x < n+8; x++ {
			want := y >= 4 && y < n+4 && x >= 4 && x < n+4 && bits[y-4][x-4]
			if dark(img, x*scale+1, y*scale+1) != want {
				t.Fatalf("module (%d,%d) drawn wrong", x, y)
			}
		}
	}
}

// finder reports whether the 7×7 modules at (x, y) are a finder pattern:
// a dark ring, a light ring and a dark 3×3 centre.
func finder(bits [][]bool, x, y int) bool {
	for dy := 0; dy < 7; dy++ {
		for dx := 0; dx < 7; dx++ {
			ring := min(dx, dy, 6-dx, 6-dy)
			if bits[y+dy][x+dx] != (ring != 1) {
				return false
			}
		}
	}
	return true
}

func dark(img image.Image, x, y int) bool {
	r, _, _, _ := img.At(x, y).RGBA()
	return r < 0x8000
}

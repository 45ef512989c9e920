package license

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"github.com/yeqown/go-qrcode/v2"
)

// qrQuiet is the quiet zone around a QR code, in modules (ISO/IEC 18004
// asks for 4).
const qrQuiet = 4

// qrModules encodes text as a QR code with error correction level M
// (15%: a creased or stained paper copy still scans) and returns its
// modules, [y][x], true for dark, without the quiet zone.
func qrModules(text string) ([][]bool, error) {
	q, err := qrcode.NewWith(text, qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionMedium))
	if err != nil {
		return nil, fmt.Errorf("license: qr code: %w", err)
	}
	var w matrixWriter
	if err := q.Save(&w); err != nil {
		return nil, fmt.Errorf("license: qr code: %w", err)
	}
	return w.bits, nil
}

// matrixWriter keeps the code's modules. go-qrcode's own image writer is
// a separate module that pulls a 2D graphics library and a font
// rasteriser; a QR code is only squares, drawn here as a paletted PNG and
// as vector squares in the PDF.
type matrixWriter struct{ bits [][]bool }

// Write implements qrcode.Writer.
func (w *matrixWriter) Write(m qrcode.Matrix) error {
	w.bits = m.Bitmap()
	return nil
}

// Close implements qrcode.Writer.
func (w *matrixWriter) Close() error { return nil }

// QRPNG draws text as a black-on-white QR code PNG, scale pixels per
// module, with the quiet zone.
func QRPNG(text string, scale int) ([]byte, error) {
	bits, err := qrModules(text)
	if err != nil {
		return nil, err
	}
	n := len(bits) + 2*qrQuiet
	img := image.NewPaletted(image.Rect(0, 0, n*scale, n*scale), color.Palette{color.White, color.Black})
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fillModule(img, x+qrQuiet, y+qrQuiet, scale)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("license: qr png: %w", err)
	}
	return buf.Bytes(), nil
}

// fillModule paints module (x, y) dark.
func fillModule(img *image.Paletted, x, y, scale int) {
	for py := y * scale; py < (y+1)*scale; py++ {
		for px := x * scale; px < (x+1)*scale; px++ {
			img.SetColorIndex(px, py, 1)
		}
	}
}

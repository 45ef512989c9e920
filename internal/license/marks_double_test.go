package license_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
)

// testMarks is the TEST DOUBLE of the seal module's mark drawing: a red
// ring on a transparent ground, the same for every department; with fail
// set, an error for every department.
type testMarks struct{ fail bool }

func (m testMarks) Mark(_ context.Context, _ string) ([]byte, error) {
	if m.fail {
		return nil, errors.New("test marks: no seal")
	}
	const n = 120
	img := image.NewNRGBA(image.Rect(0, 0, n, n))
	red := color.NRGBA{R: 0xd8, G: 0x1e, B: 0x06, A: 0xff}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			dx, dy := x-n/2, y-n/2
			if d := dx*dx + dy*dy; d <= 58*58 && d >= 52*52 {
				img.SetNRGBA(x, y, red)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

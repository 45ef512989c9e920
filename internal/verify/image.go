package verify

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // registers the JPEG decoder for DecodeConfig
	_ "image/png"  // registers the PNG decoder for DecodeConfig
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// The picture types a face capture may have.
var imageFormats = map[string]string{"image/jpeg": "jpeg", "image/png": "png"}

// minImageSide is the smallest width and height of a usable face capture.
const minImageSide = 8

// CheckImage checks a face capture: not empty, at most maxBytes, JPEG or
// PNG by its content (not by its name or declared type) and with a header
// that decodes to a picture of sensible size. It returns the content type.
// Errors are invalid on field (e.g. "image"), in Chinese.
func CheckImage(field string, img []byte, maxBytes int64) (string, error) {
	switch {
	case len(img) == 0:
		return "", apperr.Invalid(field, msgImageEmpty)
	case int64(len(img)) > maxBytes:
		return "", apperr.Invalid(field, fmt.Sprintf(msgImageTooLarge, humanSize(maxBytes)))
	}
	ct := http.DetectContentType(img)
	want, ok := imageFormats[ct]
	if !ok {
		return "", apperr.Invalid(field, msgImageType)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(img))
	if err != nil || format != want {
		return "", apperr.Invalid(field, msgImageBroken)
	}
	if cfg.Width < minImageSide || cfg.Height < minImageSide {
		return "", apperr.Invalid(field, msgImageSmall)
	}
	return ct, nil
}

// humanSize renders a byte limit for a message: "1 MB", "512 KB".
func humanSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// sprintfSize fills a message's %s with a byte limit.
func sprintfSize(format string, n int64) string { return fmt.Sprintf(format, humanSize(n)) }

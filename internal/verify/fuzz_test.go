package verify_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// FuzzCheckImage: any bytes give either a JPEG/PNG content type or an
// invalid error on the field, never a panic.
func FuzzCheckImage(f *testing.F) {
	f.Add(pngImage(f, ""))
	f.Add(jpegImage(f))
	f.Add([]byte("\x89PNG\r\n\x1a\n"))
	f.Add([]byte("\xff\xd8\xff"))
	f.Fuzz(func(t *testing.T, img []byte) {
		ct, err := verify.CheckImage("image", img, 64<<10)
		if err != nil {
			if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeInvalid || e.Fields["image"] == "" {
				t.Fatalf("error %v", err)
			}
			return
		}
		if ct != "image/png" && ct != "image/jpeg" {
			t.Fatalf("accepted as %q", ct)
		}
	})
}

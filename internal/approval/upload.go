package approval

import (
	"errors"
	"io"
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// upload is one material file from a multipart form.
type upload struct {
	item  string
	index int
	name  string
	data  []byte
}

// readUpload reads the material form, refusing more than files.MaxSize.
func readUpload(r *http.Request) (upload, error) {
	r.Body = http.MaxBytesReader(nil, r.Body, files.MaxSize+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		return upload{}, apperr.Invalid("file", "请以表单方式上传文件")
	}
	var up upload
	up.index = -1
	for {
		part, err := mr.NextPart()
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return upload{}, apperr.TooLarge("file", "文件不能超过20MB")
			}
			break
		}
		switch part.FormName() {
		case "item":
			b, _ := readSmall(part)
			up.item = b
		case "index":
			b, _ := readSmall(part)
			if n, err := strconv.Atoi(b); err == nil {
				up.index = n
			}
		case "file":
			up.name = part.FileName()
			if up.data, err = files.ReadLimited("file", part, files.MaxSize); err != nil {
				return upload{}, err
			}
		}
	}
	if up.data == nil {
		return upload{}, apperr.Invalid("file", "请选择要上传的文件")
	}
	return up, nil
}

// readSmall reads a short form value (an item code or an index).
func readSmall(p io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(p, 64))
	return string(b), err
}

// writeFile sends an uploaded file inline, never cached or sniffed as
// anything but its checked kind.
func writeFile(w http.ResponseWriter, f files.File, data []byte) {
	w.Header().Set("Content-Type", f.Kind.ContentType())
	w.Header().Set("Content-Disposition", "inline")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(data)
}

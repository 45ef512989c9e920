package files

import (
	"bytes"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Kind is a kind of document the platform accepts.
type Kind string

// The accepted kinds.
const (
	KindPDF  Kind = "pdf"
	KindJPEG Kind = "jpeg"
	KindPNG  Kind = "png"
)

// ContentType is the MIME type a kind is served with.
func (k Kind) ContentType() string {
	switch k {
	case KindPDF:
		return "application/pdf"
	case KindJPEG:
		return "image/jpeg"
	case KindPNG:
		return "image/png"
	}
	return "application/octet-stream"
}

// Name is the kind's name for messages.
func (k Kind) Name() string {
	switch k {
	case KindPDF:
		return "PDF"
	case KindJPEG:
		return "JPG图片"
	case KindPNG:
		return "PNG图片"
	}
	return string(k)
}

// MaxSize is the largest file accepted: a scanned multi-page PDF fits, a
// video does not.
const MaxSize = 20 << 20

// magic lists the leading bytes of each kind.
var magic = []struct {
	kind   Kind
	prefix []byte
}{
	{KindPDF, []byte("%PDF-")},
	{KindJPEG, []byte{0xFF, 0xD8, 0xFF}},
	{KindPNG, []byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}},
}

// Sniff returns the kind of data by its first bytes, or an invalid-input
// error naming field when it is none of the accepted kinds.
func Sniff(field string, data []byte) (Kind, error) {
	if len(data) == 0 {
		return "", apperr.Invalid(field, "文件是空的")
	}
	for _, m := range magic {
		if bytes.HasPrefix(data, m.prefix) {
			return m.kind, nil
		}
	}
	return "", apperr.Invalid(field, "只能上传PDF、JPG或PNG文件")
}

// Expect checks that data is of one of the allowed kinds; a file that
// claims to be a PDF but is not gets a message saying so.
func Expect(field string, data []byte, claimed string, allowed ...Kind) (Kind, error) {
	k, err := Sniff(field, data)
	if err != nil {
		if len(data) > 0 && claimed != "" {
			return "", apperr.Invalid(field, "文件内容与类型不符：它不是真正的"+claimedName(claimed))
		}
		return "", err
	}
	for _, a := range allowed {
		if a == k {
			return k, nil
		}
	}
	return "", apperr.Invalid(field, "此处不接受"+k.Name())
}

// claimedName names the type a browser (a MIME type) or a file name (by
// its extension) claimed.
func claimedName(claimed string) string {
	if ext := path.Ext(claimed); ext != "" {
		claimed = ext
	}
	switch strings.ToLower(claimed) {
	case "application/pdf", ".pdf", "pdf":
		return "PDF"
	case "image/jpeg", ".jpg", ".jpeg", "jpg", "jpeg":
		return "JPG图片"
	case "image/png", ".png", "png":
		return "PNG图片"
	}
	return "PDF、JPG或PNG文件"
}

// ReadLimited reads all of r up to max bytes; more is a too-large error
// naming field, so a 50 MB upload is refused without being kept.
func ReadLimited(field string, r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, apperr.Invalid(field, "文件没有完整上传，请重试")
	}
	if int64(len(data)) > max {
		return nil, apperr.TooLarge(field, "文件不能超过"+humanMB(max))
	}
	return data, nil
}

// humanMB writes a size in whole megabytes.
func humanMB(n int64) string {
	mb := n >> 20
	if mb == 0 {
		return "1MB"
	}
	return strconv.FormatInt(mb, 10) + "MB"
}

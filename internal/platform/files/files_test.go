package files_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

var (
	pdf = []byte("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n")
	png = append([]byte{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, make([]byte, 32)...)
	jpg = append([]byte{0xFF, 0xD8, 0xFF, 0xE0}, make([]byte, 32)...)
)

func newStore(t *testing.T) (*files.Store, *db.DB) {
	t.Helper()
	key := make([]byte, gm.KeySize)
	rand.Read(key)
	kr, err := gm.NewKeyring("k1", map[string][]byte{"k1": key})
	if err != nil {
		t.Fatal(err)
	}
	d := dbtest.Open(t, nil)
	return files.New(d, kr), d
}

func put(t *testing.T, s *files.Store, d *db.DB, name string, data []byte, allowed ...files.Kind) (files.File, error) {
	t.Helper()
	var f files.File
	err := d.InTx(context.Background(), func(tx *db.Tx) error {
		var err error
		f, err = s.Put(context.Background(), tx, files.File{District: "320113", Owner: 7, Name: name}, data, allowed...)
		return err
	})
	return f, err
}

func TestPutAndOpen(t *testing.T) {
	s, d := newStore(t)
	f, err := put(t, s, d, "营业执照.pdf", pdf, files.KindPDF, files.KindJPEG)
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != files.KindPDF || f.Size != int64(len(pdf)) || f.SM3 != gm.SM3Hex(pdf) || len(f.ID) != 32 {
		t.Fatalf("file = %+v", f)
	}
	got, data, err := s.Open(context.Background(), f.ID)
	if err != nil || !bytes.Equal(data, pdf) || got.Name != "营业执照.pdf" {
		t.Fatalf("open = %+v %q %v", got, data, err)
	}
	// The content is not stored in the clear.
	var raw string
	if err := d.QueryRow(context.Background(), `SELECT data FROM files WHERE id = ?`, f.ID).Scan(&raw); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(raw, "%PDF") {
		t.Error("file content stored unencrypted")
	}
	if _, err := s.Stat(context.Background(), "nope"); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("stat of unknown id: %v", err)
	}
}

func TestBadFiles(t *testing.T) {
	s, d := newStore(t)
	cases := []struct {
		name    string
		data    []byte
		allowed []files.Kind
		code    apperr.Code
		message string
	}{
		{"fake.pdf", []byte("<html>not a pdf</html>"), []files.Kind{files.KindPDF}, apperr.CodeInvalid, "不是真正的PDF"},
		{"photo.png", png, []files.Kind{files.KindPDF}, apperr.CodeInvalid, "不接受PNG"},
		{"empty.pdf", nil, []files.Kind{files.KindPDF}, apperr.CodeInvalid, "空的"},
		{"big.pdf", append(append([]byte{}, pdf...), make([]byte, files.MaxSize)...), []files.Kind{files.KindPDF}, apperr.CodeTooLarge, "不能超过20MB"},
	}
	for _, c := range cases {
		_, err := put(t, s, d, c.name, c.data, c.allowed...)
		e, ok := apperr.As(err)
		if !ok || e.Code != c.code || !strings.Contains(e.Message, c.message) || e.Fields["file"] == "" {
			t.Errorf("%s: err = %v, want %s %q naming file", c.name, err, c.code, c.message)
		}
	}
	var n int
	d.QueryRow(context.Background(), `SELECT COUNT(*) FROM files`).Scan(&n)
	if n != 0 {
		t.Errorf("%d files written by failed puts", n)
	}
	if _, err := put(t, s, d, "face.jpg", jpg, files.KindJPEG, files.KindPNG); err != nil {
		t.Errorf("jpeg refused: %v", err)
	}
}

func TestReadLimited(t *testing.T) {
	if _, err := files.ReadLimited("file", bytes.NewReader(make([]byte, 50<<20)), files.MaxSize); apperr.CodeOf(err) != apperr.CodeTooLarge {
		t.Errorf("50 MB read: %v", err)
	}
	data, err := files.ReadLimited("file", bytes.NewReader(pdf), files.MaxSize)
	if err != nil || !bytes.Equal(data, pdf) {
		t.Errorf("small read: %v", err)
	}
}

func FuzzSniff(f *testing.F) {
	for _, seed := range [][]byte{pdf, png, jpg, []byte("GIF89a"), nil} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := files.Sniff("file", data)
		if err == nil && k.ContentType() == "application/octet-stream" {
			t.Fatalf("sniffed unknown kind %q", k)
		}
	})
}

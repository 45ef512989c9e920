package esign_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"image"
	"image/png"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/esign"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

type fixture struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	keys  *gm.Keyring
	s     *esign.Service
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start)}
	f.d = dbtest.Open(t, f.clock)
	k := make([]byte, gm.KeySize)
	_, _ = rand.Read(k)
	var err error
	if f.keys, err = gm.NewKeyring("k1", map[string][]byte{"k1": k}); err != nil {
		t.Fatal(err)
	}
	if f.s, err = esign.New(f.d, f.keys); err != nil {
		t.Fatal(err)
	}
	return f
}

// testDoc is a document to sign; the bytes stand in for a rendered PDF.
func testDoc(ref string) esign.Doc {
	return esign.Doc{Kind: esign.KindApplication, Ref: ref, Bytes: []byte("%PDF-1.7 个体工商户设立登记申请书 " + ref)}
}

var testSigner = esign.Signer{AccountID: 7, Name: "张三丰", Level: verify.L3, VerificationID: "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}

// sign signs doc in its own transaction.
func (f *fixture) sign(t testing.TB, doc esign.Doc, signer esign.Signer) esign.Evidence {
	t.Helper()
	ev, err := f.trySign(doc, signer)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return ev
}

func (f *fixture) trySign(doc esign.Doc, signer esign.Signer) (esign.Evidence, error) {
	var ev esign.Evidence
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		var err error
		ev, err = f.s.Sign(f.ctx, tx, doc, signer)
		return err
	})
	return ev, err
}

func (f *fixture) count(t testing.TB, query string) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, query).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// handwriting is a small PNG standing in for a captured signature.
func handwriting(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 40, 16))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func wantInvalid(t testing.TB, err error, field string) {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.CodeInvalid || e.Fields[field] == "" {
		t.Fatalf("error = %v, want invalid on %s", err, field)
	}
}

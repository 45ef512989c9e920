package esign_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/esign"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

func TestSignAndVerify(t *testing.T) {
	f := newFixture(t)
	doc := testDoc("application:1024")
	signer := testSigner
	signer.Handwriting = handwriting(t)
	ev := f.sign(t, doc, signer)
	if ev.ID == 0 || ev.Digest != gm.SM3Hex(doc.Bytes) || ev.SignerMasked != "张*丰" || ev.KeyID == "" ||
		!ev.SignedAt.Equal(start) || len(ev.Signature) == 0 {
		t.Fatalf("evidence %+v", ev)
	}
	var p map[string]any
	if err := json.Unmarshal(ev.Payload, &p); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"digest", "signer", "level", "verification_id", "signed_at", "key_id", "handwriting_digest"} {
		if _, ok := p[k]; !ok {
			t.Errorf("payload lacks %s: %s", k, ev.Payload)
		}
	}
	if err := f.s.Verify(f.ctx, ev, doc.Bytes); err != nil {
		t.Fatalf("verify: %v", err)
	}
	stored, err := f.s.Get(f.ctx, ev.ID)
	if err != nil || !bytes.Equal(stored.Payload, ev.Payload) || !bytes.Equal(stored.Handwriting, signer.Handwriting) ||
		!stored.SignedAt.Equal(ev.SignedAt) {
		t.Fatalf("stored %+v, %v", stored, err)
	}
	if err := f.s.VerifyStored(f.ctx, ev.ID, doc.Bytes); err != nil {
		t.Fatalf("verify stored: %v", err)
	}
	list, err := f.s.ForDoc(f.ctx, esign.KindApplication, "application:1024")
	if err != nil || len(list) != 1 || list[0].ID != ev.ID {
		t.Fatalf("for doc %v %v", list, err)
	}
}

func TestVerifyTampering(t *testing.T) {
	f := newFixture(t)
	doc := testDoc("application:1")
	signer := testSigner
	signer.Handwriting = handwriting(t)
	ev := f.sign(t, doc, signer)

	changedDoc := bytes.Clone(doc.Bytes)
	changedDoc[len(changedDoc)-1] ^= 1
	cases := []struct {
		name   string
		ev     func() esign.Evidence
		doc    []byte
		reason error
	}{
		{"document changed", func() esign.Evidence { return ev }, changedDoc, esign.ErrDocumentChanged},
		{"payload changed", func() esign.Evidence {
			e := ev
			e.Payload = bytes.Replace(bytes.Clone(ev.Payload), []byte(`"level":3`), []byte(`"level":2`), 1)
			return e
		}, doc.Bytes, esign.ErrPayloadChanged},
		{"signature changed", func() esign.Evidence {
			e := ev
			e.Signature = bytes.Clone(ev.Signature)
			e.Signature[len(e.Signature)-1] ^= 1
			return e
		}, doc.Bytes, esign.ErrPayloadChanged},
		{"column disagrees with payload", func() esign.Evidence {
			e := ev
			e.DocRef = "application:2"
			return e
		}, doc.Bytes, esign.ErrPayloadChanged},
		{"handwriting changed", func() esign.Evidence {
			e := ev
			e.Handwriting = handwriting(t)[:len(ev.Handwriting)-1]
			return e
		}, doc.Bytes, esign.ErrHandwritingChanged},
		{"unknown key", func() esign.Evidence {
			e := ev
			e.KeyID = "sm2-19990101-00000000"
			return e
		}, doc.Bytes, esign.ErrUnknownKey},
	}
	for _, c := range cases {
		if err := f.s.Verify(f.ctx, c.ev(), c.doc); !errors.Is(err, c.reason) {
			t.Errorf("%s: %v, want %v", c.name, err, c.reason)
		}
	}
	if err := f.s.Verify(f.ctx, ev, doc.Bytes); err != nil {
		t.Fatalf("untampered: %v", err)
	}
}

func TestRotationKeepsOldSignaturesValid(t *testing.T) {
	f := newFixture(t)
	if id, err := f.s.CurrentKeyID(f.ctx); err != nil || id != "" {
		t.Fatalf("key before first use: %q %v", id, err)
	}
	old := f.sign(t, testDoc("application:1"), testSigner)
	f.clock.Advance(24 * time.Hour)
	newID, err := f.s.Rotate(f.ctx)
	if err != nil || newID == "" || newID == old.KeyID {
		t.Fatalf("rotate: %q %v", newID, err)
	}
	fresh := f.sign(t, testDoc("application:2"), testSigner)
	if fresh.KeyID != newID {
		t.Fatalf("new signature by %s, want %s", fresh.KeyID, newID)
	}
	// A new service (another node, empty cache) verifies both.
	other, err := esign.New(f.d, f.keys)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.VerifyStored(f.ctx, old.ID, testDoc("application:1").Bytes); err != nil {
		t.Fatalf("old signature after rotation: %v", err)
	}
	if err := other.VerifyStored(f.ctx, fresh.ID, testDoc("application:2").Bytes); err != nil {
		t.Fatalf("new signature: %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM esign_keys WHERE status = 'current'`); n != 1 {
		t.Fatalf("%d current keys", n)
	}
	var sealed string
	if err := f.d.QueryRow(f.ctx, `SELECT private_enc FROM esign_keys WHERE id = ?`, newID).Scan(&sealed); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, "PRIVATE KEY") || !strings.HasPrefix(sealed, "v1:k1:") {
		t.Fatalf("private key not sealed: %.20s", sealed)
	}
}

func TestEvidenceIsAppendOnly(t *testing.T) {
	f := newFixture(t)
	ev := f.sign(t, testDoc("application:1"), testSigner)
	if _, err := f.s.Rotate(f.ctx); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`UPDATE esign_evidence SET digest = 'x' WHERE id = ?`,
		`DELETE FROM esign_evidence WHERE id = ?`,
	} {
		err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(f.ctx, stmt, ev.ID)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v, want the append-only trigger's refusal", stmt, err)
		}
	}
	exec := func(stmt string) error {
		return f.d.InTx(f.ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(f.ctx, stmt)
			return err
		})
	}
	if err := exec(`DELETE FROM esign_keys`); err == nil {
		t.Error("keys deleted")
	}
	for _, stmt := range []string{
		`UPDATE esign_keys SET public_pem = 'x'`,
		`UPDATE esign_keys SET status = 'current', retired_at = NULL WHERE status = 'retired'`,
	} {
		if err := exec(stmt); err == nil || !strings.Contains(err.Error(), "never change") {
			t.Errorf("%s: %v, want the key trigger's refusal", stmt, err)
		}
	}
	// Re-sealing private keys after a data key rotation stays possible.
	if err := exec(`UPDATE esign_keys SET private_enc = private_enc`); err != nil {
		t.Errorf("re-seal refused: %v", err)
	}
	if err := f.s.VerifyStored(f.ctx, ev.ID, testDoc("application:1").Bytes); err != nil {
		t.Fatal(err)
	}
}

func TestSignBadInputWritesNothing(t *testing.T) {
	f := newFixture(t)
	doc := testDoc("application:1")
	notPNG := testSigner
	notPNG.Handwriting = []byte("\xff\xd8\xff\xe0 a jpeg, not a png")
	huge := testSigner
	huge.Handwriting = append(handwriting(t), make([]byte, esign.MaxHandwritingBytes)...)
	noVerification := testSigner
	noVerification.VerificationID = ""
	cases := []struct {
		name   string
		doc    esign.Doc
		signer esign.Signer
		field  string
	}{
		{"handwriting not png", doc, notPNG, "handwriting"},
		{"handwriting too large", doc, huge, "handwriting"},
		{"no verification", doc, noVerification, "verification"},
		{"empty document", esign.Doc{Kind: esign.KindCommitment, Ref: "application:1"}, testSigner, "document"},
		{"unknown kind", esign.Doc{Kind: "poem", Ref: "x", Bytes: []byte("x")}, testSigner, "doc_kind"},
	}
	for _, c := range cases {
		_, err := f.trySign(c.doc, c.signer)
		wantInvalid(t, err, c.field)
	}
	// A signature in a transaction that then fails leaves nothing, not
	// even the key it created.
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		if _, err := f.s.Sign(f.ctx, tx, doc, testSigner); err != nil {
			return err
		}
		return errors.New("submission failed later")
	})
	if err == nil {
		t.Fatal("transaction committed")
	}
	if n := f.count(t, `SELECT COUNT(*) FROM esign_evidence`) + f.count(t, `SELECT COUNT(*) FROM esign_keys`); n != 0 {
		t.Fatalf("%d rows left", n)
	}
}

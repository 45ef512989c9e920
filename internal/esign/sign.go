package esign

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"image/png"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Limits of what is signed.
const (
	// MaxHandwritingBytes bounds a handwritten signature image (PNG).
	MaxHandwritingBytes = 256 << 10
	maxRefLen           = 200
)

// Sign signs doc for signer with the platform's current key (created on
// first use) inside the caller's transaction, and stores the evidence.
// The signer's identity must already be verified (verify.Service.Consume in
// the same transaction); Sign records it, it does not check it again.
func (s *Service) Sign(ctx context.Context, tx *db.Tx, doc Doc, signer Signer) (Evidence, error) {
	if err := checkInput(doc, signer); err != nil {
		return Evidence{}, err
	}
	k, err := s.currentKey(ctx, tx)
	if err != nil {
		return Evidence{}, err
	}
	p := payload{V: payloadVersion, DocKind: doc.Kind, DocRef: doc.Ref, Digest: gm.SM3Hex(doc.Bytes),
		Signer: signerPart{AccountID: signer.AccountID, Name: strings.TrimSpace(signer.Name)},
		Level:  signer.Level, VerificationID: signer.VerificationID,
		SignedAt: tx.Now().Truncate(time.Microsecond), KeyID: k.id}
	if len(signer.Handwriting) > 0 {
		p.Handwriting = gm.SM3Hex(signer.Handwriting)
	}
	body, err := p.canonical()
	if err != nil {
		return Evidence{}, fmt.Errorf("esign: encode payload: %w", err)
	}
	sig, err := gm.Sign(k.priv, body)
	if err != nil {
		return Evidence{}, fmt.Errorf("esign: sign: %w", err)
	}
	ev := Evidence{DocKind: doc.Kind, DocRef: doc.Ref, Digest: p.Digest, AccountID: signer.AccountID,
		SignerMasked: gm.MaskName(p.Signer.Name), Level: signer.Level, VerificationID: signer.VerificationID,
		SignedAt: p.SignedAt, KeyID: k.id, Payload: body, Signature: sig, Handwriting: signer.Handwriting}
	ev.ID, err = tx.InsertID(ctx, `INSERT INTO esign_evidence (doc_kind, doc_ref, digest, signer_account_id,
		signer_name_masked, level, verification_id, signed_at, key_id, payload, signature, handwriting)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, string(ev.DocKind), ev.DocRef, ev.Digest, ev.AccountID,
		ev.SignerMasked, int(ev.Level), ev.VerificationID, ev.SignedAt, ev.KeyID, string(ev.Payload),
		base64.StdEncoding.EncodeToString(ev.Signature), nullBytes(ev.Handwriting))
	if err != nil {
		return Evidence{}, fmt.Errorf("esign: store evidence: %w", err)
	}
	return ev, nil
}

// checkInput refuses what cannot be signed, naming the field.
func checkInput(doc Doc, signer Signer) error {
	switch {
	case !doc.Kind.valid():
		return apperr.Invalid("doc_kind", "不支持签署该类文件")
	case strings.TrimSpace(doc.Ref) == "" || utf8.RuneCountInString(doc.Ref) > maxRefLen:
		return apperr.Invalid("doc_ref", "签署文件的编号不正确")
	case len(doc.Bytes) == 0:
		return apperr.Invalid("document", "签署的文件内容为空")
	case signer.AccountID <= 0 || strings.TrimSpace(signer.Name) == "":
		return apperr.Invalid("signer", "签署人信息不完整")
	case !signer.Level.Valid() || signer.VerificationID == "":
		return apperr.Invalid("verification", "签署前须完成身份核验")
	}
	if len(signer.Handwriting) > 0 {
		return CheckHandwriting(signer.Handwriting)
	}
	return nil
}

// CheckHandwriting checks a handwritten signature image: a PNG (by
// content) of at most MaxHandwritingBytes with a readable header. Errors
// are invalid on field "handwriting".
func CheckHandwriting(img []byte) error {
	if len(img) > MaxHandwritingBytes {
		return apperr.Invalid("handwriting", fmt.Sprintf("手写签名图片不能超过 %d KB", MaxHandwritingBytes>>10))
	}
	if http.DetectContentType(img) != "image/png" {
		return apperr.Invalid("handwriting", "手写签名须为 PNG 图片")
	}
	if _, err := png.DecodeConfig(bytes.NewReader(img)); err != nil {
		return apperr.Invalid("handwriting", "手写签名图片已损坏，无法识别")
	}
	return nil
}

// nullBytes stores an empty image as NULL.
func nullBytes(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

package esign

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Why Verify refuses evidence. Messages are for the staff who check it.
var (
	ErrUnknownKey         = errors.New("esign: 签名密钥未知，无法验证")
	ErrPayloadChanged     = errors.New("esign: 签名数据已被改动，签名无效")
	ErrDocumentChanged    = errors.New("esign: 文件内容与签署时不一致")
	ErrHandwritingChanged = errors.New("esign: 手写签名图片与签署时不一致")
)

// Verify checks evidence against the document's bytes: the key is known,
// the SM2 signature holds over the payload, the payload agrees with the
// evidence's columns, the document's SM3 digest is the signed one and so
// is the handwriting's. It returns nil or an error that errors.Is one of
// ErrUnknownKey, ErrPayloadChanged, ErrDocumentChanged,
// ErrHandwritingChanged.
func (s *Service) Verify(ctx context.Context, ev Evidence, doc []byte) error {
	pub, err := s.publicKey(ctx, s.d, ev.KeyID)
	if err != nil {
		return err
	}
	if !gm.Verify(pub, ev.Payload, ev.Signature) {
		return ErrPayloadChanged
	}
	p, err := parsePayload(ev.Payload)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrPayloadChanged, err)
	}
	if !agrees(p, ev) {
		return ErrPayloadChanged
	}
	if gm.SM3Hex(doc) != p.Digest {
		return ErrDocumentChanged
	}
	if !handwritingAgrees(p.Handwriting, ev.Handwriting) {
		return ErrHandwritingChanged
	}
	return nil
}

// agrees reports whether the evidence's columns say what the payload says.
func agrees(p payload, ev Evidence) bool {
	return p.V == payloadVersion && p.DocKind == ev.DocKind && p.DocRef == ev.DocRef && p.Digest == ev.Digest &&
		p.Signer.AccountID == ev.AccountID && gm.MaskName(p.Signer.Name) == ev.SignerMasked &&
		p.Level == ev.Level && p.VerificationID == ev.VerificationID && p.SignedAt.Equal(ev.SignedAt) &&
		p.KeyID == ev.KeyID
}

func handwritingAgrees(digest string, img []byte) bool {
	if len(img) == 0 {
		return digest == ""
	}
	return bytes.Equal([]byte(digest), []byte(gm.SM3Hex(img)))
}

// VerifyStored loads evidence id and verifies it against doc.
func (s *Service) VerifyStored(ctx context.Context, id int64, doc []byte) error {
	ev, err := s.Get(ctx, id)
	if err != nil {
		return err
	}
	return s.Verify(ctx, ev, doc)
}

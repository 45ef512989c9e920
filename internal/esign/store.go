package esign

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

const evidenceColumns = `id, doc_kind, doc_ref, digest, signer_account_id, signer_name_masked, level,
	verification_id, signed_at, key_id, payload, signature, handwriting`

// Get returns stored evidence, or a not-found error.
func (s *Service) Get(ctx context.Context, id int64) (Evidence, error) {
	ev, err := scanEvidence(s.d.QueryRow(ctx, `SELECT `+evidenceColumns+` FROM esign_evidence WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Evidence{}, apperr.NotFound("签名记录不存在")
	}
	return ev, err
}

// ForDoc lists the evidence of one document, oldest first.
func (s *Service) ForDoc(ctx context.Context, kind Kind, ref string) ([]Evidence, error) {
	rows, err := s.d.Query(ctx, `SELECT `+evidenceColumns+` FROM esign_evidence WHERE doc_kind = ? AND doc_ref = ?
		ORDER BY id`, string(kind), ref)
	if err != nil {
		return nil, fmt.Errorf("esign: list evidence: %w", err)
	}
	defer rows.Close()
	var out []Evidence
	for rows.Next() {
		ev, err := scanEvidence(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("esign: list evidence: %w", err)
	}
	return out, nil
}

func scanEvidence(sc interface{ Scan(...any) error }) (Evidence, error) {
	var (
		ev          Evidence
		kind, sig   string
		payload     string
		level       int
		handwriting []byte
	)
	err := sc.Scan(&ev.ID, &kind, &ev.DocRef, &ev.Digest, &ev.AccountID, &ev.SignerMasked, &level,
		&ev.VerificationID, &ev.SignedAt, &ev.KeyID, &payload, &sig, &handwriting)
	if errors.Is(err, sql.ErrNoRows) {
		return Evidence{}, err
	}
	if err != nil {
		return Evidence{}, fmt.Errorf("esign: load evidence: %w", err)
	}
	ev.DocKind, ev.Level, ev.Payload, ev.Handwriting = Kind(kind), verify.Level(level), []byte(payload), handwriting
	ev.SignedAt = ev.SignedAt.UTC()
	if ev.Signature, err = base64.StdEncoding.DecodeString(sig); err != nil {
		return Evidence{}, fmt.Errorf("esign: load evidence %d: signature: %w", ev.ID, err)
	}
	return ev, nil
}

package verify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxPurposeLen bounds a purpose reference, in characters.
const maxPurposeLen = 100

// Start opens a verification of the actor's own identity for purpose (a
// reference such as "application:1024"), at L1, valid for Config.TTL.
func (s *Service) Start(ctx context.Context, actor *authz.Actor, purpose string) (Verification, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return Verification{}, err
	}
	purpose, err := cleanPurpose(purpose)
	if err != nil {
		return Verification{}, err
	}
	id, err := newID()
	if err != nil {
		return Verification{}, err
	}
	var v Verification
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		// Microseconds: what both engines store, so the value reads back equal.
		now := tx.Now().Truncate(time.Microsecond)
		v = Verification{ID: id, District: actor.District, AccountID: actor.AccountID, Purpose: purpose,
			CreatedAt: now, ExpiresAt: now.Add(s.cfg.TTL)}
		_, err := tx.Exec(ctx, `INSERT INTO verifications (id, district, account_id, purpose, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)`, v.ID, v.District, v.AccountID, v.Purpose, v.CreatedAt, v.ExpiresAt)
		if err != nil {
			return fmt.Errorf("verify: start: %w", err)
		}
		return nil
	})
	return v, err
}

// Get returns one of the actor's own verifications with its checks.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id string) (Verification, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return Verification{}, err
	}
	r, err := loadRow(ctx, s.d, s.d.Engine, id, false)
	if err != nil {
		return Verification{}, err
	}
	if err := authz.Check(actor, actOwn, authz.Self(r.v.AccountID)); err != nil {
		return Verification{}, err
	}
	v, err := s.reveal(r)
	if err != nil {
		return Verification{}, err
	}
	v.Checks, err = checksOf(ctx, s.d, id)
	return v, err
}

// cleanPurpose trims a purpose reference and checks it: 1–100 printable
// characters.
func cleanPurpose(p string) (string, error) {
	p = strings.TrimSpace(p)
	switch {
	case p == "":
		return "", apperr.Invalid("purpose", msgPurposeEmpty)
	case utf8.RuneCountInString(p) > maxPurposeLen || !utf8.ValidString(p):
		return "", apperr.Invalid("purpose", msgPurposeLong)
	}
	for _, r := range p {
		if !unicode.IsPrint(r) {
			return "", apperr.Invalid("purpose", msgPurposeEmpty)
		}
	}
	return p, nil
}

// newID returns a random verification id: 32 hex digits.
func newID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("verify: new id: %w", err)
	}
	return hex.EncodeToString(b), nil
}

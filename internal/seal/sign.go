package seal

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Seal signs payload (SM2 over SM3) with the department's current key,
// inside the caller's transaction, and records the signature. On a
// department's first seal it makes the key and certificate, which needs
// the district root (ErrNoRoot otherwise).
func (s *Service) Seal(ctx context.Context, tx *db.Tx, deptCode string, payload []byte) (Sealed, error) {
	if deptCode == "" {
		return Sealed{}, apperr.Invalid("dept_code", "请指定签章部门")
	}
	k, err := s.currentKey(ctx, tx, deptCode)
	if err != nil {
		return Sealed{}, err
	}
	sig, err := gm.Sign(k.priv, payload)
	if err != nil {
		return Sealed{}, fmt.Errorf("seal: sign: %w", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO seal_signatures (digest, key_id, signed_at) VALUES (?, ?, ?)`,
		gm.SM3Hex(sig), k.id, tx.Now()); err != nil {
		return Sealed{}, fmt.Errorf("seal: record signature: %w", err)
	}
	return Sealed{KeyID: k.id, CertSerial: k.serial, Signature: sig, CertPEM: k.certPEM}, nil
}

// Verify checks a seal over payload and returns nil or the first failure,
// one of ErrBadCert, ErrUnknownKey, ErrCertMismatch, ErrChain,
// ErrSignature, ErrNotIssued, ErrExpired or ErrRevoked (test with
// errors.Is). Seals made before their key was revoked, or by a key since
// retired by rotation, stay valid.
func (s *Service) Verify(ctx context.Context, sd Sealed, payload []byte) error {
	cert, err := parseCert(sd.CertPEM)
	if err != nil {
		return err
	}
	k, err := s.keyByID(ctx, s.d, sd.KeyID)
	if err != nil {
		return err
	}
	if k.Serial != sd.CertSerial || serialHex(cert.SerialNumber) != k.Serial ||
		(k.CertPEM != sd.CertPEM && !samePEM(k.CertPEM, cert.Raw)) {
		return ErrCertMismatch
	}
	if err := s.checkChain(ctx, k.District, cert); err != nil {
		return err
	}
	pub, ok := cert.PublicKey.(*gm.VerifyingKey)
	if !ok || !gm.Verify(pub, payload, sd.Signature) {
		return ErrSignature
	}
	return s.checkTime(ctx, sd, k)
}

// checkTime finds when the signature was made and checks the certificate
// and the key were trusted then.
func (s *Service) checkTime(ctx context.Context, sd Sealed, k Key) error {
	var keyID string
	var at time.Time
	err := s.d.QueryRow(ctx, `SELECT key_id, signed_at FROM seal_signatures WHERE digest = ?`,
		gm.SM3Hex(sd.Signature)).Scan(&keyID, &at)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && keyID != k.ID) {
		return ErrNotIssued
	}
	if err != nil {
		return fmt.Errorf("seal: verify: %w", err)
	}
	if at.Before(k.NotBefore) || !at.Before(k.NotAfter) {
		return ErrExpired
	}
	if k.RevokedSince != nil && !at.Before(*k.RevokedSince) {
		return ErrRevoked
	}
	return nil
}

// samePEM reports whether pemText holds exactly the certificate der.
func samePEM(pemText string, der []byte) bool {
	c, err := parseCert(pemText)
	return err == nil && bytes.Equal(c.Raw, der)
}

// checkChain checks that cert was signed by the district root. A
// certificate that chained once always does (roots are never replaced),
// so the result is remembered by the certificate's SM3 digest.
func (s *Service) checkChain(ctx context.Context, district string, cert *smx509.Certificate) error {
	digest := gm.SM3(cert.Raw)
	s.mu.RLock()
	ok := s.chained[digest]
	s.mu.RUnlock()
	if ok {
		return nil
	}
	root, err := s.root(ctx, s.d, district)
	if err != nil {
		return err
	}
	if cert.CheckSignatureFrom(root.cert) != nil {
		return ErrChain
	}
	s.mu.Lock()
	s.chained[digest] = true
	s.mu.Unlock()
	return nil
}

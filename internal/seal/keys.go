package seal

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Key statuses.
const (
	StatusCurrent = "current" // signs new seals
	StatusRetired = "retired" // replaced by rotation; still verifies
	StatusRevoked = "revoked" // verifies only seals made before RevokedSince
)

// Key is the public record of a department key.
type Key struct {
	ID           string     `json:"id"`
	DeptCode     string     `json:"dept_code"`
	District     string     `json:"district"`
	Status       string     `json:"status"`
	Serial       string     `json:"serial"`
	CertPEM      string     `json:"cert_pem"`
	NotBefore    time.Time  `json:"not_before"`
	NotAfter     time.Time  `json:"not_after"`
	RevokedAt    *time.Time `json:"revoked_at,omitempty"`
	RevokedSince *time.Time `json:"revoked_since,omitempty"`
	Reason       string     `json:"reason,omitempty"`
}

// deptKey is a key that signs: its private half opened, its certificate
// in PEM as Seal hands it out.
type deptKey struct {
	id, serial, certPEM string
	notAfter            time.Time
	priv                *gm.SigningKey
}

// department is what a certificate needs from org.
type department struct {
	Code, District, Name, CreditCode string
}

// loadDepartment reads a department from org's table.
func loadDepartment(ctx context.Context, q querier, code string) (department, error) {
	d := department{Code: code}
	err := q.QueryRow(ctx, `SELECT district_code, name, credit_code FROM departments WHERE code = ?`, code).
		Scan(&d.District, &d.Name, &d.CreditCode)
	if errors.Is(err, sql.ErrNoRows) {
		return d, apperr.Invalid("dept_code", "部门 "+code+" 不存在")
	}
	if err != nil {
		return d, fmt.Errorf("seal: load department %s: %w", code, err)
	}
	return d, nil
}

// currentKey returns the department's signing key, making one inside tx
// when it has none or its certificate has expired. Two nodes making the
// first key at once end with one: the second insert does nothing (unique
// index on the current key) and the loop reads the first.
func (s *Service) currentKey(ctx context.Context, tx *db.Tx, deptCode string) (*deptKey, error) {
	for range 3 {
		var id, sealed string
		err := tx.QueryRow(ctx, `SELECT id, private_enc FROM seal_keys WHERE dept_code = ? AND status = 'current'`,
			deptCode).Scan(&id, &sealed)
		switch {
		case err == nil:
			k, err := s.signingKey(ctx, tx, id, sealed)
			if err != nil || tx.Now().Before(k.notAfter) {
				return k, err
			}
			if err := s.retire(ctx, tx, deptCode); err != nil {
				return nil, err
			}
		case errors.Is(err, sql.ErrNoRows):
			if _, err := s.newKey(ctx, tx, deptCode, true); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("seal: load key of %s: %w", deptCode, err)
		}
	}
	return nil, errors.New("seal: no current key after creating one")
}

// signingKey opens key id, caching it.
func (s *Service) signingKey(ctx context.Context, tx *db.Tx, id, sealed string) (*deptKey, error) {
	s.mu.RLock()
	k, ok := s.privs[id]
	s.mu.RUnlock()
	if ok {
		return k, nil
	}
	k = &deptKey{id: id}
	if err := tx.QueryRow(ctx, `SELECT serial, cert_pem, not_after FROM seal_keys WHERE id = ?`, id).
		Scan(&k.serial, &k.certPEM, &k.notAfter); err != nil {
		return nil, fmt.Errorf("seal: load key %s: %w", id, err)
	}
	var err error
	if k.priv, err = s.openKey(ctxDeptKey, sealed); err != nil {
		return nil, fmt.Errorf("seal: key %s: %w", id, err)
	}
	s.mu.Lock()
	s.privs[id] = k
	s.mu.Unlock()
	return k, nil
}

// newKey makes a key pair and a certificate from the district root and
// stores them as the department's current key; with ifNone it does
// nothing when another current key exists. It returns the new key ("" id
// when nothing was inserted).
func (s *Service) newKey(ctx context.Context, tx *db.Tx, deptCode string, ifNone bool) (Key, error) {
	dep, err := loadDepartment(ctx, tx, deptCode)
	if err != nil {
		return Key{}, err
	}
	root, err := s.root(ctx, tx, dep.District)
	if err != nil {
		return Key{}, err
	}
	rootKey, err := s.openKey(ctxRootKey, root.sealed)
	if err != nil {
		return Key{}, fmt.Errorf("seal: root of %s: %w", dep.District, err)
	}
	priv, err := gm.GenerateSigningKey()
	if err != nil {
		return Key{}, fmt.Errorf("seal: department key: %w", err)
	}
	serial, err := newSerial()
	if err != nil {
		return Key{}, err
	}
	cert, certPEM, err := issue(deptTemplate(dep, serial, tx.Now(), root.cert), root.cert, &priv.PublicKey, rootKey)
	if err != nil {
		return Key{}, err
	}
	sealed, err := s.sealKey(ctxDeptKey, priv)
	if err != nil {
		return Key{}, err
	}
	k := Key{DeptCode: deptCode, District: dep.District, Status: StatusCurrent, Serial: serialHex(serial), CertPEM: certPEM,
		NotBefore: cert.NotBefore, NotAfter: cert.NotAfter}
	if k.ID, err = newKeyID(deptCode, tx.Now()); err != nil {
		return Key{}, err
	}
	query := `INSERT INTO seal_keys (id, dept_code, district_code, status, serial, cert_pem, private_enc,
		not_before, not_after, created_at) VALUES (?, ?, ?, 'current', ?, ?, ?, ?, ?, ?)`
	if ifNone {
		query += ` ON CONFLICT (dept_code) WHERE status = 'current' DO NOTHING`
	}
	res, err := tx.Exec(ctx, query, k.ID, deptCode, dep.District, k.Serial, certPEM, sealed,
		k.NotBefore, k.NotAfter, tx.Now())
	if err != nil {
		return Key{}, fmt.Errorf("seal: store key: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return Key{}, err
	}
	return k, nil
}

// retire makes the department's current key a retired one.
func (s *Service) retire(ctx context.Context, tx *db.Tx, deptCode string) error {
	_, err := tx.Exec(ctx, `UPDATE seal_keys SET status = 'retired', retired_at = ? WHERE dept_code = ? AND status = 'current'`,
		tx.Now(), deptCode)
	if err != nil {
		return fmt.Errorf("seal: retire key of %s: %w", deptCode, err)
	}
	return nil
}

// newKeyID names a key by department, date and a random suffix:
// "320113D01-20260302-1a2b3c4d".
func newKeyID(deptCode string, now time.Time) (string, error) {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("seal: key id: %w", err)
	}
	return deptCode + "-" + now.UTC().Format("20060102") + "-" + hex.EncodeToString(b), nil
}

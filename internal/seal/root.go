package seal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/emmansun/gmsm/smx509"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// rootCA is a district's root: the certificate, and its key still sealed
// (opened only to issue).
type rootCA struct {
	district string
	serial   string
	cert     *smx509.Certificate
	pem      string
	sealed   string
}

// Root is what InitRoot reports.
type Root struct {
	District string `json:"district"`
	Serial   string `json:"serial"`
	Subject  string `json:"subject"`
	CertPEM  string `json:"cert_pem"`
}

// InitRoot creates the root CA of district. It refuses (conflict) when
// the root exists: replacing it would orphan every seal made under it.
func (s *Service) InitRoot(ctx context.Context, actor *authz.Actor, district string) (Root, error) {
	if err := authz.Check(actor, ActInit, authz.District(district)); err != nil {
		return Root{}, err
	}
	var out Root
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		out, err = s.createRoot(ctx, tx, district)
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: ActInit.Name, ObjectType: "seal_root",
			ObjectID: district, After: out})
	})
	return out, err
}

func (s *Service) createRoot(ctx context.Context, tx *db.Tx, district string) (Root, error) {
	var name string
	err := tx.QueryRow(ctx, `SELECT name FROM districts WHERE code = ?`, district).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return Root{}, apperr.Invalid("district", "区县 "+district+" 不存在，请先导入区划")
	}
	if err != nil {
		return Root{}, fmt.Errorf("seal: init root: %w", err)
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM seal_roots WHERE district_code = ?`, district).Scan(&n); err != nil {
		return Root{}, fmt.Errorf("seal: init root: %w", err)
	}
	if n > 0 {
		return Root{}, apperr.Conflict("本区的电子证照根证书已存在，不能重复初始化")
	}
	priv, err := gm.GenerateSigningKey()
	if err != nil {
		return Root{}, fmt.Errorf("seal: root key: %w", err)
	}
	serial, err := newSerial()
	if err != nil {
		return Root{}, err
	}
	tmpl := rootTemplate(name, serial, tx.Now())
	cert, certPEM, err := issue(tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		return Root{}, err
	}
	sealed, err := s.sealKey(ctxRootKey, priv)
	if err != nil {
		return Root{}, err
	}
	if _, err := tx.Exec(ctx, `INSERT INTO seal_roots (district_code, serial, subject, cert_pem, private_enc,
		not_before, not_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, district, serialHex(serial),
		cert.Subject.CommonName, certPEM, sealed, cert.NotBefore, cert.NotAfter, tx.Now()); err != nil {
		return Root{}, fmt.Errorf("seal: store root: %w", err)
	}
	return Root{District: district, Serial: serialHex(serial), Subject: cert.Subject.CommonName, CertPEM: certPEM}, nil
}

// querier is what both the read pool and a transaction offer.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// root returns district's root, cached once read; ErrNoRoot when absent.
func (s *Service) root(ctx context.Context, q querier, district string) (*rootCA, error) {
	s.mu.RLock()
	r, ok := s.roots[district]
	s.mu.RUnlock()
	if ok {
		return r, nil
	}
	r = &rootCA{district: district}
	err := q.QueryRow(ctx, `SELECT serial, cert_pem, private_enc FROM seal_roots WHERE district_code = ?`, district).
		Scan(&r.serial, &r.pem, &r.sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.Wrap(apperr.CodeConflict, "尚未初始化电子证照根证书，请运行 shanzhi ca init", ErrNoRoot)
	}
	if err != nil {
		return nil, fmt.Errorf("seal: load root: %w", err)
	}
	if r.cert, err = parseCert(r.pem); err != nil {
		return nil, fmt.Errorf("seal: stored root of %s: %w", district, err)
	}
	s.mu.Lock()
	s.roots[district] = r
	s.mu.Unlock()
	return r, nil
}

// RootPEM returns the root certificate of district, PEM encoded. It is
// public: relying parties install it to check seals offline.
func (s *Service) RootPEM(ctx context.Context, district string) (string, error) {
	r, err := s.root(ctx, s.d, district)
	if err != nil {
		return "", err
	}
	return r.pem, nil
}

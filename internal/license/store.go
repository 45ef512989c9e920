package license

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// licenceColumns are read in scanLicence's order.
const licenceColumns = `id, district_code, department_code, identifier, type_code, issuer_code, serial, version,
 meta_json, holder_code_enc, holder_account, application_id, item_code, supersedes_id, status, status_reason,
 status_at, seal_key_id, seal_cert_serial, seal_signature, seal_cert_pem, status_key_id, status_cert_serial,
 status_signature, status_cert_pem, created_at`

// row is a stored licence before its holder code is decrypted. The
// identifying columns are kept apart from the metadata so verification can
// tell a row whose columns were edited from the one that was sealed.
type row struct {
	Licence
	identifier, typeCode, issuerCode string
	holderEnc                        string
	metaJSON                         string
}

type scanner interface{ Scan(dest ...any) error }

func scanRow(sc scanner) (row, error) {
	var r row
	var sig, ssig string
	err := sc.Scan(&r.ID, &r.District, &r.Department, &r.identifier, &r.typeCode, &r.issuerCode, &r.Serial, &r.Version,
		&r.metaJSON, &r.holderEnc, &r.HolderAccount, &r.ApplicationID, &r.ItemCode, &r.SupersedesID, &r.State.Status,
		&r.State.Reason, &r.State.ChangedAt, &r.Seal.KeyID, &r.Seal.CertSerial, &sig, &r.Seal.CertPEM,
		&r.StatusSeal.KeyID, &r.StatusSeal.CertSerial, &ssig, &r.StatusSeal.CertPEM, &r.CreatedAt)
	if err != nil {
		return row{}, err
	}
	r.State.Identifier, r.State.Department, r.State.HolderAccount = r.identifier, r.Department, r.HolderAccount
	r.State.ApplicationID, r.State.ItemCode, r.State.SupersedesID = r.ApplicationID, r.ItemCode, r.SupersedesID
	r.State.ChangedAt, r.CreatedAt = r.State.ChangedAt.UTC(), r.CreatedAt.UTC()
	// A broken encoding leaves an empty signature, which fails verification.
	r.Seal.Signature, _ = base64.StdEncoding.DecodeString(sig)
	r.StatusSeal.Signature, _ = base64.StdEncoding.DecodeString(ssig)
	if err := json.Unmarshal([]byte(r.metaJSON), &r.Meta); err != nil {
		r.Meta = Metadata{}
	}
	return r, nil
}

// open decrypts the holder's code into the metadata.
func (s *Service) open(r row) (Licence, error) {
	code, err := s.keys.Decrypt(ctxHolderCode, r.holderEnc)
	if err != nil {
		return Licence{}, fmt.Errorf("license: decrypt holder code of %d: %w", r.ID, err)
	}
	l := r.Licence
	l.Meta.HolderCode = string(code)
	return l, nil
}

// queryer is a transaction or the database.
type queryer interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// loadBy reads one licence by a unique column.
func (s *Service) loadBy(ctx context.Context, q queryer, column string, value any) (row, error) {
	r, err := scanRow(q.QueryRow(ctx, `SELECT `+licenceColumns+` FROM licences WHERE `+column+` = ?`, value))
	if errors.Is(err, sql.ErrNoRows) {
		return row{}, apperr.NotFound("电子证照不存在")
	}
	if err != nil {
		return row{}, fmt.Errorf("license: load licence: %w", err)
	}
	return r, nil
}

// nextSerial takes the next serial of an issuer's licence type in a year:
// the year and a 6-digit sequence, e.g. 2026000001.
func nextSerial(ctx context.Context, tx *db.Tx, issuer, typeCode string, year int) (string, error) {
	var n int64
	err := tx.QueryRow(ctx, `INSERT INTO licence_serials (issuer_code, type_code, year, last_serial) VALUES (?, ?, ?, 1)
		ON CONFLICT (issuer_code, type_code, year) DO UPDATE SET last_serial = licence_serials.last_serial + 1
		RETURNING last_serial`, issuer, typeCode, year).Scan(&n)
	if err != nil {
		return "", fmt.Errorf("license: next serial: %w", err)
	}
	return fmt.Sprintf("%04d%06d", year, n), nil
}

// insert stores a sealed licence and sets its id.
func (s *Service) insert(ctx context.Context, tx *db.Tx, l *Licence, originKey string) error {
	enc, err := s.keys.Encrypt(ctxHolderCode, []byte(l.Meta.HolderCode))
	if err != nil {
		return fmt.Errorf("license: encrypt holder code: %w", err)
	}
	meta := l.Meta
	meta.HolderCode = ""
	mj, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("license: encode metadata: %w", err)
	}
	l.ID, err = tx.InsertID(ctx, `INSERT INTO licences (district_code, department_code, identifier, type_code,
		issuer_code, serial, version, meta_json, holder_code_enc, holder_code_index, holder_account, application_id,
		item_code, origin_key, supersedes_id, status, status_reason, status_at, seal_key_id, seal_cert_serial,
		seal_signature, seal_cert_pem, status_key_id, status_cert_serial, status_signature, status_cert_pem, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.District, l.Department, l.Meta.Identifier, l.Meta.TypeCode, l.Meta.IssuerCode, l.Serial, l.Version,
		string(mj), enc, s.index.BlindIndex(ctxHolderCode, l.Meta.HolderCode), l.HolderAccount, l.ApplicationID,
		l.ItemCode, originKey, l.SupersedesID, l.State.Status, l.State.Reason, l.State.ChangedAt, l.Seal.KeyID,
		l.Seal.CertSerial, b64(l.Seal.Signature), l.Seal.CertPEM, l.StatusSeal.KeyID, l.StatusSeal.CertSerial,
		b64(l.StatusSeal.Signature), l.StatusSeal.CertPEM, l.CreatedAt)
	if err != nil {
		return fmt.Errorf("license: insert licence: %w", err)
	}
	return nil
}

// saveStatus stores a new sealed status.
func saveStatus(ctx context.Context, tx *db.Tx, id int64, st StatusRecord, seal Seal) error {
	_, err := tx.Exec(ctx, `UPDATE licences SET status = ?, status_reason = ?, status_at = ?, status_key_id = ?,
		status_cert_serial = ?, status_signature = ?, status_cert_pem = ? WHERE id = ?`,
		st.Status, st.Reason, st.ChangedAt, seal.KeyID, seal.CertSerial, b64(seal.Signature), seal.CertPEM, id)
	if err != nil {
		return fmt.Errorf("license: save status of %d: %w", id, err)
	}
	return nil
}

// originID returns the licence first issued for an origin key, or 0.
func originID(ctx context.Context, tx *db.Tx, key string) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM licences WHERE origin_key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func idString(id int64) string { return strconv.FormatInt(id, 10) }

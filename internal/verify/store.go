package verify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// querier is what both the read pool (*db.DB) and a transaction offer.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

const verificationColumns = `id, district, account_id, purpose, created_at, expires_at, used_at,
	name_enc, id_number_enc, id_number_index, phone_enc,
	carrier_attempts, carrier_provider, carrier_ref, carrier_passed_at,
	sms_sends, sms_attempts, sms_sent_at, sms_expires_at, sms_passed_at,
	face_attempts, face_provider, face_ref, face_score, face_passed_at`

// row is a verification as stored, personal data still sealed.
type row struct {
	v                             Verification
	nameEnc, idEnc, idx, phoneEnc sql.NullString
	usedAt, carrierAt, faceAt     sql.NullTime
	smsSent, smsExpires, smsAt    sql.NullTime
}

func scanRow(sc interface{ Scan(...any) error }) (*row, error) {
	var r row
	v := &r.v
	err := sc.Scan(&v.ID, &v.District, &v.AccountID, &v.Purpose, &v.CreatedAt, &v.ExpiresAt, &r.usedAt,
		&r.nameEnc, &r.idEnc, &r.idx, &r.phoneEnc,
		&v.CarrierAttempts, &v.Carrier.Provider, &v.Carrier.Reference, &r.carrierAt,
		&v.SMSSends, &v.SMSAttempts, &r.smsSent, &r.smsExpires, &r.smsAt,
		&v.FaceAttempts, &v.Face.Provider, &v.Face.Reference, &v.FaceScore, &r.faceAt)
	if err != nil {
		return nil, err
	}
	v.CreatedAt, v.ExpiresAt = v.CreatedAt.UTC(), v.ExpiresAt.UTC()
	v.UsedAt, v.Carrier.PassedAt, v.Face.PassedAt = timePtr(r.usedAt), timePtr(r.carrierAt), timePtr(r.faceAt)
	v.SMSSentAt, v.SMSExpiresAt, v.SMS.PassedAt = timePtr(r.smsSent), timePtr(r.smsExpires), timePtr(r.smsAt)
	v.IDIndex = r.idx.String
	return &r, nil
}

func timePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

// loadRow reads one verification; lock adds FOR UPDATE inside a transaction.
func loadRow(ctx context.Context, q querier, e db.Engine, id string, lock bool) (*row, error) {
	query := `SELECT ` + verificationColumns + ` FROM verifications WHERE id = ?`
	if lock {
		query += e.ForUpdate()
	}
	r, err := scanRow(q.QueryRow(ctx, query, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFound(msgNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("verify: load verification: %w", err)
	}
	return r, nil
}

// latestFor reads the newest verification of an account for a purpose.
func latestFor(ctx context.Context, q querier, e db.Engine, accountID int64, purpose string, lock bool) (*row, error) {
	query := `SELECT ` + verificationColumns + ` FROM verifications WHERE account_id = ? AND purpose = ?
		ORDER BY created_at DESC, id DESC LIMIT 1`
	if lock {
		query += e.ForUpdate()
	}
	r, err := scanRow(q.QueryRow(ctx, query, accountID, purpose))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFound(msgNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("verify: load verification: %w", err)
	}
	return r, nil
}

// checksOf lists the checks of a verification, oldest first.
func checksOf(ctx context.Context, q querier, id string) ([]CheckRecord, error) {
	rows, err := q.Query(ctx, `SELECT kind, provider, outcome, score, reference, created_at
		FROM verification_checks WHERE verification_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("verify: load checks: %w", err)
	}
	defer rows.Close()
	var out []CheckRecord
	for rows.Next() {
		var c CheckRecord
		if err := rows.Scan(&c.Kind, &c.Provider, &c.Outcome, &c.Score, &c.Reference, &c.At); err != nil {
			return nil, fmt.Errorf("verify: load checks: %w", err)
		}
		c.At = c.At.UTC()
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("verify: load checks: %w", err)
	}
	return out, nil
}

// insertCheck records one check made.
func insertCheck(ctx context.Context, tx *db.Tx, id string, c CheckRecord) error {
	_, err := tx.Exec(ctx, `INSERT INTO verification_checks (verification_id, kind, provider, outcome, score,
		reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`, id, c.Kind, c.Provider, c.Outcome, c.Score, c.Reference, tx.Now())
	if err != nil {
		return fmt.Errorf("verify: record check: %w", err)
	}
	return nil
}

package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// LoginResident signs a member of the public in with a mobile number and
// the code sent by RequestSMSCode. The first sign-in creates the resident
// account (found again later through the phone's blind index) with the
// resident role over its own data. Code checks are limited per client
// address (Config.SMSVerifyIPHourly per hour); wrong codes count towards
// burning the code (see RequestSMSCode).
func (s *Service) LoginResident(ctx context.Context, district, phone, code, ip string) (*Session, string, error) {
	if !validDistrict(district) {
		return nil, "", apperr.Invalid("district", msgDistrictBad)
	}
	p, err := cleanPhone(phone)
	if err != nil {
		return nil, "", err
	}
	if len(code) != 6 || !allDigits(code) {
		return nil, "", apperr.Invalid("code", msgCodeFormat)
	}
	var (
		sess  *Session
		token string
		fail  error
	)
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := hitLimits(ctx, tx, s.verifyLimit(ip)); err != nil {
			return err
		}
		if err := s.checkCode(ctx, tx, district, p, code); err != nil {
			return keepCounting(err, &fail)
		}
		acc, err := s.publicAccount(ctx, tx, district, p)
		if err != nil {
			return err
		}
		if acc.status == StatusDisabled {
			fail = apperr.Forbidden(msgDisabled)
			return nil
		}
		sess, token, err = s.createSession(ctx, tx, acc, "sms")
		return err
	})
	if err == nil {
		err = fail
	}
	if err != nil {
		return nil, "", err
	}
	return sess, token, nil
}

// keepCounting sorts a code check's error: a refusal (an apperr) is kept
// in fail and the transaction commits, so the wrong attempt stays counted;
// anything else rolls back.
func keepCounting(err error, fail *error) error {
	if _, ok := apperr.As(err); ok {
		*fail = err
		return nil
	}
	return err
}

func (s *Service) verifyLimit(ip string) limit {
	return limit{bucket: "sms:verify-ip:" + s.index.BlindIndex(idxClientIP, ip), window: time.Hour,
		max:    s.cfg.SMSVerifyIPHourly,
		refuse: func(_, _ time.Time) error { return apperr.New(apperr.CodeTooMany, msgSMSVerifyIP) }}
}

// publicAccount finds the public account of a phone number in district,
// or creates it as a resident.
func (s *Service) publicAccount(ctx context.Context, tx *db.Tx, district, phone string) (*accountRow, error) {
	in, args := s.indexesSQL(ctxPhone, phone)
	acc, err := scanAccount(tx.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts
		WHERE district = ? AND kind <> 'staff' AND phone_index IN (`+in+`)`, append([]any{district}, args...)...))
	if err == nil {
		return acc, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("identity: find resident: %w", err)
	}
	return s.createResident(ctx, tx, district, phone)
}

// createResident inserts a resident account with its automatic grant.
func (s *Service) createResident(ctx context.Context, tx *db.Tx, district, phone string) (*accountRow, error) {
	sp, err := s.seal(ctxPhone, phone)
	if err != nil {
		return nil, err
	}
	now := tx.Now()
	acc := &accountRow{district: district, kind: authz.KindResident, displayName: gm.MaskPhone(phone),
		status: StatusActive, phoneEnc: nullString(sp.enc), createdAt: now, updatedAt: now}
	acc.id, err = tx.InsertID(ctx, `INSERT INTO accounts (district, kind, display_name, status, phone_enc,
		phone_index, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		district, acc.kind, acc.displayName, acc.status, sp.enc, sp.index, now, now)
	if err != nil {
		return nil, fmt.Errorf("identity: create resident: %w", err)
	}
	grants := publicGrants(acc.id, acc.kind)
	for _, g := range grants {
		if _, err := insertGrant(ctx, tx, acc.id, g, 0); err != nil {
			return nil, err
		}
	}
	after := acc.audit()
	after.Grants = grantStrings(grants)
	if err := s.appendAudit(ctx, tx, acc.actor(grants), "identity.resident.create", acc.id, nil, after); err != nil {
		return nil, err
	}
	return acc, nil
}

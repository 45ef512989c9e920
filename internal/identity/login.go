package identity

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// chinaTime is the zone of lockout times shown to staff (UTC+8, no DST).
var chinaTime = time.FixedZone("CST", 8*60*60)

// LoginStaff signs a staff member in with username and password, plus the
// 6-digit TOTP code when the account has enrolled an authenticator. It
// returns the new session and its bearer token (to set as a cookie).
//
// Failures: wrong credentials give unauthorized "用户名或密码错误" (the
// same for unknown users); a missing TOTP code gives an invalid error on
// field totp_code (see NeedsTOTP) and counts nothing; a wrong password or
// TOTP code counts towards the lockout, and the failure that reaches
// Config.MaxFailedLogins locks the account for Config.LockoutPeriod:
// too_many_requests "密码错误次数过多，账号已锁定至 HH:MM" (China time),
// also returned for every attempt until then, without checking the
// password. The counter lives in the database, so it holds across nodes.
// ip is accepted for the web layer's request logs and future per-address
// limits; it is not stored.
func (s *Service) LoginStaff(ctx context.Context, district, username, password, totpCode, ip string) (*Session, string, error) {
	if utf8.RuneCountInString(username) > maxUsernameLen {
		return nil, "", apperr.Invalid("username", msgUsernameLong)
	}
	if utf8.RuneCountInString(password) > maxPasswordLen {
		return nil, "", apperr.Invalid("password", msgPasswordLong)
	}
	acc, found, err := s.staffByUsername(ctx, district, username)
	if err != nil {
		return nil, "", err
	}
	if !found {
		s.burnPasswordTime(password)
		return nil, "", apperr.New(apperr.CodeUnauthorized, msgBadCredentials)
	}
	if err := s.refuseLocked(acc, s.now()); err != nil {
		return nil, "", err
	}
	ok, rehash, err := verifyPassword(password, acc.passwordHash.String, s.cfg.Password)
	if err != nil {
		return nil, "", fmt.Errorf("identity: login: account %d: %w", acc.id, err)
	}
	if !ok && acc.status == StatusDisabled {
		return nil, "", apperr.New(apperr.CodeUnauthorized, msgBadCredentials)
	}
	if !ok {
		return nil, "", s.recordFailure(ctx, acc, msgBadCredentials)
	}
	if acc.status == StatusDisabled {
		return nil, "", apperr.Forbidden(msgDisabled)
	}
	step, err := s.checkLoginTOTP(ctx, acc, totpCode)
	if err != nil {
		return nil, "", err
	}
	newHash := ""
	if rehash {
		if newHash, err = hashPassword(password, s.cfg.Password); err != nil {
			return nil, "", err
		}
	}
	return s.completeStaffLogin(ctx, acc, step, newHash)
}

// staffByUsername loads a staff account; found is false when there is
// none (an impossible username is simply unknown).
func (s *Service) staffByUsername(ctx context.Context, district, username string) (acc *accountRow, found bool, err error) {
	name, err := cleanUsername(username)
	if err != nil || !validDistrict(district) {
		return nil, false, nil
	}
	acc, err = scanAccount(s.d.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts
		WHERE district = ? AND username = ? AND kind = 'staff'`, district, name))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("identity: login: %w", err)
	}
	return acc, true, nil
}

// burnPasswordTime spends the time of one password check, so an unknown
// username answers as slowly as a wrong password and cannot be told apart.
func (s *Service) burnPasswordTime(password string) {
	s.dummyOnce.Do(func() {
		s.dummyHash, _ = hashPassword("shanzhi-dummy-password", s.cfg.Password)
	})
	_, _, _ = verifyPassword(password, s.dummyHash, s.cfg.Password)
}

// refuseLocked returns the lockout error while acc is locked at now.
func (s *Service) refuseLocked(acc *accountRow, now time.Time) error {
	if locked, until := acc.lockedAt(now); locked {
		return lockedError(until)
	}
	return nil
}

func lockedError(until time.Time) error {
	return apperr.New(apperr.CodeTooMany, fmt.Sprintf(msgLockedUntil, until.In(chinaTime).Format("15:04")))
}

// NeedsTOTP reports whether a LoginStaff error asks for the TOTP code: the
// password was right, and the account has an authenticator.
func NeedsTOTP(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == apperr.CodeInvalid && e.Fields["totp_code"] == msgTOTPRequired
}

// checkLoginTOTP checks the TOTP code of an account that has one and
// returns the matched time step (0 when TOTP is off).
func (s *Service) checkLoginTOTP(ctx context.Context, acc *accountRow, code string) (int64, error) {
	if !acc.totpSecret.Valid {
		return 0, nil
	}
	if code == "" {
		return 0, apperr.Invalid("totp_code", msgTOTPRequired)
	}
	secret, err := s.open(ctxTOTP, acc.totpSecret)
	if err != nil {
		return 0, err
	}
	step, ok := matchTOTP(secret, code, s.now())
	if !ok || step <= acc.totpLastStep {
		return 0, s.recordFailure(ctx, acc, msgTOTPWrong)
	}
	return step, nil
}

// recordFailure counts one failed sign-in and locks the account when the
// count reaches the limit. It returns the error to show: msg, or the
// lockout message.
func (s *Service) recordFailure(ctx context.Context, acc *accountRow, msg string) error {
	var lockedUntil time.Time
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `UPDATE accounts SET failed_logins = failed_logins + 1
			WHERE id = ? RETURNING failed_logins`, acc.id).Scan(&n); err != nil {
			return fmt.Errorf("identity: count failed login: %w", err)
		}
		if n < s.cfg.MaxFailedLogins {
			return nil
		}
		lockedUntil = tx.Now().Add(s.cfg.LockoutPeriod)
		return s.lock(ctx, tx, acc, lockedUntil)
	})
	if err != nil {
		return err
	}
	if !lockedUntil.IsZero() {
		s.log.WarnContext(ctx, "identity: staff account locked after failed logins",
			"account_id", acc.id, "district", acc.district, "locked_until", lockedUntil)
		return lockedError(lockedUntil)
	}
	return apperr.New(apperr.CodeUnauthorized, msg)
}

// lock locks acc until until, restarting the failure count, and audits it
// as a system action (nobody signed in caused it).
func (s *Service) lock(ctx context.Context, tx *db.Tx, acc *accountRow, until time.Time) error {
	if _, err := tx.Exec(ctx, `UPDATE accounts SET status = ?, locked_until = ?, failed_logins = 0,
		updated_at = ? WHERE id = ? AND status <> ?`,
		StatusLocked, until, tx.Now(), acc.id, StatusDisabled); err != nil {
		return fmt.Errorf("identity: lock account: %w", err)
	}
	before := acc.audit()
	after := before
	after.Status = StatusLocked
	return s.appendAudit(ctx, tx, systemActor(acc.district), "identity.account.lockout", acc.id, before, after)
}

// completeStaffLogin resets the failure count, records the TOTP step,
// upgrades the password hash when asked and starts the session. The update
// re-checks the lock and the TOTP step, so a lockout or a replayed code
// from a concurrent request on another node wins.
func (s *Service) completeStaffLogin(ctx context.Context, acc *accountRow, step int64, newHash string) (*Session, string, error) {
	var (
		sess  *Session
		token string
		fail  error
	)
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		now := tx.Now()
		res, err := tx.Exec(ctx, `UPDATE accounts SET failed_logins = 0, status = ?, locked_until = NULL,
			totp_last_step = CASE WHEN ? > totp_last_step THEN ? ELSE totp_last_step END,
			password_hash = CASE WHEN ? <> '' THEN ? ELSE password_hash END
			WHERE id = ? AND status <> ? AND (status <> ? OR locked_until <= ?) AND (? = 0 OR totp_last_step < ?)`,
			StatusActive, step, step, newHash, newHash, acc.id, StatusDisabled, StatusLocked, now, step, step)
		if err != nil {
			return fmt.Errorf("identity: login: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			fail = apperr.New(apperr.CodeUnauthorized, msgBadCredentials)
			return err
		}
		acc.status = StatusActive
		sess, token, err = s.createSession(ctx, tx, acc, "password")
		return err
	})
	if err == nil && fail != nil {
		err = fail
	}
	if err != nil {
		return nil, "", err
	}
	return sess, token, nil
}

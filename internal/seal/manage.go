package seal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// deptScope is the authorisation scope of a department's keys.
func deptScope(code string) authz.Scope { return authz.Scope{Kind: authz.ScopeDepartment, Code: code} }

// IssueDept gives a department its first key and certificate. It refuses
// (conflict) when the department already has a current key: use Rotate.
func (s *Service) IssueDept(ctx context.Context, actor *authz.Actor, deptCode string) (Key, error) {
	if err := authz.Check(actor, ActIssue, deptScope(deptCode)); err != nil {
		return Key{}, err
	}
	var k Key
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if k, err = s.newKey(ctx, tx, deptCode, true); err != nil {
			return err
		}
		if k.ID == "" {
			return apperr.Conflict("部门 " + deptCode + " 已有有效的印章证书；如需更换，请更换密钥")
		}
		return s.audit(ctx, tx, actor, ActIssue, k)
	})
	return k, err
}

// Rotate retires the department's current key, which keeps verifying the
// seals it made, and gives it a new key and certificate.
func (s *Service) Rotate(ctx context.Context, actor *authz.Actor, deptCode string) (Key, error) {
	if err := authz.Check(actor, ActRotate, deptScope(deptCode)); err != nil {
		return Key{}, err
	}
	var k Key
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		if err := s.retire(ctx, tx, deptCode); err != nil {
			return err
		}
		var err error
		if k, err = s.newKey(ctx, tx, deptCode, false); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActRotate, k)
	})
	return k, err
}

// Revocation reasons, after RFC 5280 CRLReason.
var revokeReasons = map[string]string{
	"key_compromise":         "密钥泄露",
	"affiliation_changed":    "机构变更",
	"superseded":             "已被替代",
	"cessation_of_operation": "停止使用",
}

// Revocation asks to revoke a key.
type Revocation struct {
	KeyID  string
	Reason string // a key of revokeReasons
	// Since is when the key stopped being trusted; zero means now. It may
	// lie in the past (a compromise found late) but not before the key
	// existed nor in the future.
	Since time.Time
}

// Revoke revokes a key: seals it made before r.Since stay valid, later
// ones fail verification with ErrRevoked. A revoked current key signs no
// more; the department's next seal gets a new key.
func (s *Service) Revoke(ctx context.Context, actor *authz.Actor, r Revocation) (Key, error) {
	if _, ok := revokeReasons[r.Reason]; !ok {
		return Key{}, apperr.Invalid("reason", "吊销原因应为 key_compromise、affiliation_changed、superseded 或 cessation_of_operation")
	}
	if r.KeyID == "" || utf8.RuneCountInString(r.KeyID) > 100 {
		return Key{}, apperr.Invalid("key_id", "请填写要吊销的密钥编号")
	}
	var k Key
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if k, err = s.keyByID(ctx, tx, r.KeyID); err != nil {
			return err
		}
		if err := authz.Check(actor, ActRevoke, deptScope(k.DeptCode)); err != nil {
			return err
		}
		if k, err = s.revoke(ctx, tx, k, r); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, ActRevoke, k)
	})
	return k, err
}

func (s *Service) revoke(ctx context.Context, tx *db.Tx, k Key, r Revocation) (Key, error) {
	if k.Status == StatusRevoked {
		return Key{}, apperr.Conflict("密钥 " + k.ID + " 已经吊销")
	}
	now := tx.Now()
	since := r.Since
	if since.IsZero() {
		since = now
	}
	if since.After(now) || since.Before(k.NotBefore) {
		return Key{}, apperr.Invalid("since", "吊销生效时间应在密钥签发之后、不晚于现在")
	}
	if _, err := tx.Exec(ctx, `UPDATE seal_keys SET status = 'revoked', revoked_at = ?, revoked_since = ?,
		revoke_reason = ? WHERE id = ?`, now, since, r.Reason, k.ID); err != nil {
		return Key{}, fmt.Errorf("seal: revoke %s: %w", k.ID, err)
	}
	k.Status, k.RevokedAt, k.RevokedSince, k.Reason = StatusRevoked, &now, &since, r.Reason
	return k, nil
}

func (s *Service) audit(ctx context.Context, tx *db.Tx, actor *authz.Actor, act *authz.Action, k Key) error {
	k.CertPEM = "" // the serial identifies the certificate; keep the digest input small
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: act.Name, ObjectType: "seal_key",
		ObjectID: k.ID, After: k})
}

const keySelect = `SELECT id, dept_code, district_code, status, serial, cert_pem, not_before, not_after, revoked_at,
	revoked_since, revoke_reason FROM seal_keys`

// keyByID reads one key; not found when unknown.
func (s *Service) keyByID(ctx context.Context, q querier, id string) (Key, error) {
	k, err := scanKey(q.QueryRow(ctx, keySelect+` WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Key{}, apperr.Wrap(apperr.CodeNotFound, "印章密钥 "+id+" 不存在", ErrUnknownKey)
	}
	if err != nil {
		return Key{}, fmt.Errorf("seal: load key %s: %w", id, err)
	}
	return k, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanKey(r scanner) (Key, error) {
	var k Key
	var revokedAt, since sql.NullTime
	if err := r.Scan(&k.ID, &k.DeptCode, &k.District, &k.Status, &k.Serial, &k.CertPEM, &k.NotBefore, &k.NotAfter,
		&revokedAt, &since, &k.Reason); err != nil {
		return Key{}, err
	}
	if revokedAt.Valid {
		t1, t2 := revokedAt.Time.UTC(), since.Time.UTC()
		k.RevokedAt, k.RevokedSince = &t1, &t2
	}
	k.NotBefore, k.NotAfter = k.NotBefore.UTC(), k.NotAfter.UTC()
	return k, nil
}

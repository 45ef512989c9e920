package workorder

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// APIKey is an intake key of another system (the hotline platform, WeCom,
// the grid command centre). The key itself is shown once, when created;
// only its SM3 digest is stored.
type APIKey struct {
	ID         int64      `json:"id"`
	District   string     `json:"district"`
	Name       string     `json:"name"`
	Channel    Channel    `json:"channel"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	CreatedBy  int64      `json:"created_by"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

// Active reports whether the key is still accepted.
func (k APIKey) Active() bool { return k.RevokedAt == nil }

// keyPrefix starts every key, so a leaked one is recognisable in logs and
// scanners; the rest is 32 random bytes in hex.
const keyPrefix = "szwo_"

const keySelect = `SELECT id, district_code, name, channel, prefix, created_at, created_by, last_used_at, revoked_at
	FROM workorder_api_keys`

// CreateAPIKey makes a key for a system and returns it with its secret,
// which is never shown again. Administrators only.
func (s *Service) CreateAPIKey(ctx context.Context, actor *authz.Actor, name string, ch Channel) (APIKey, string, error) {
	if err := authz.Check(actor, actKeys, authz.District(actor.District)); err != nil {
		return APIKey{}, "", err
	}
	v := newViolations()
	name = checkText(v, "name", "系统名称", name, 40, true)
	if !slices.Contains(KeyChannels, ch) {
		v.add("channel", ReasonInvalid, "请选择密钥对应的渠道")
	}
	if err := v.err(); err != nil {
		return APIKey{}, "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return APIKey{}, "", fmt.Errorf("workorder: key: %w", err)
	}
	secret := keyPrefix + hex.EncodeToString(raw)
	k := APIKey{District: actor.District, Name: name, Channel: ch, Prefix: secret[:len(keyPrefix)+6], CreatedBy: actor.AccountID}
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		k.CreatedAt = tx.Now()
		var err error
		k.ID, err = tx.InsertID(ctx, `INSERT INTO workorder_api_keys (district_code, name, channel, prefix, key_hash,
			created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`, k.District, k.Name, k.Channel, k.Prefix,
			gm.SM3Hex([]byte(secret)), k.CreatedAt, k.CreatedBy)
		if err != nil {
			return fmt.Errorf("workorder: create key: %w", err)
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.apikey.create",
			ObjectType: "workorder_api_key", ObjectID: strconv.FormatInt(k.ID, 10), After: k})
	})
	return k, secret, err
}

// APIKeys lists the district's keys, newest first. Administrators only.
func (s *Service) APIKeys(ctx context.Context, actor *authz.Actor) ([]APIKey, error) {
	if err := authz.Check(actor, actKeys, authz.District(actor.District)); err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, keySelect+` WHERE district_code = ? ORDER BY id DESC`, actor.District)
	if err != nil {
		return nil, fmt.Errorf("workorder: list keys: %w", err)
	}
	defer rows.Close()
	out := []APIKey{}
	for rows.Next() {
		k, err := scanKey(rows)
		if err != nil {
			return nil, fmt.Errorf("workorder: list keys: %w", err)
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

// RevokeAPIKey stops a key at once. Administrators only.
func (s *Service) RevokeAPIKey(ctx context.Context, actor *authz.Actor, id int64) error {
	if err := authz.Check(actor, actKeys, authz.District(actor.District)); err != nil {
		return err
	}
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		k, err := scanKey(tx.QueryRow(ctx, keySelect+` WHERE id = ? AND district_code = ?`, id, actor.District))
		if errors.Is(err, sql.ErrNoRows) {
			return apperr.NotFound("API密钥不存在")
		} else if err != nil {
			return fmt.Errorf("workorder: revoke key: %w", err)
		}
		if !k.Active() {
			return apperr.Conflict("该API密钥已停用")
		}
		if _, err := tx.Exec(ctx, `UPDATE workorder_api_keys SET revoked_at = ?, revoked_by = ? WHERE id = ?`,
			tx.Now(), actor.AccountID, id); err != nil {
			return fmt.Errorf("workorder: revoke key: %w", err)
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.apikey.revoke",
			ObjectType: "workorder_api_key", ObjectID: strconv.FormatInt(id, 10), Before: k})
	})
}

// Lookup resolves the secret of an "Authorization: Bearer" header (it
// implements web.APIKeySource): an actor of kind KindAPIKey whose account
// id is the key's id, holding no grant.
func (s *Service) Lookup(ctx context.Context, secret string) (*authz.Actor, web.APIKeyInfo, error) {
	k, err := s.keyBySecret(ctx, secret)
	if err != nil {
		return nil, web.APIKeyInfo{}, err
	}
	a := &authz.Actor{AccountID: k.ID, Kind: KindAPIKey, Name: "接口：" + k.Name, District: k.District,
		SessionID: "apikey:" + strconv.FormatInt(k.ID, 10)}
	return a, web.APIKeyInfo{ID: strconv.FormatInt(k.ID, 10)}, nil
}

// LookupKey returns the active key with secret (Open311 sends the key as
// a form field, not a header).
func (s *Service) LookupKey(ctx context.Context, secret string) (APIKey, error) {
	return s.keyBySecret(ctx, secret)
}

func (s *Service) keyBySecret(ctx context.Context, secret string) (APIKey, error) {
	if !strings.HasPrefix(secret, keyPrefix) || len(secret) > 128 {
		return APIKey{}, apperr.New(apperr.CodeUnauthorized, "API密钥无效")
	}
	k, err := scanKey(s.DB.QueryRow(ctx, keySelect+` WHERE key_hash = ?`, gm.SM3Hex([]byte(secret))))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return APIKey{}, apperr.New(apperr.CodeUnauthorized, "API密钥无效")
	case err != nil:
		return APIKey{}, fmt.Errorf("workorder: look up key: %w", err)
	case !k.Active():
		return APIKey{}, apperr.New(apperr.CodeUnauthorized, "API密钥已停用")
	}
	return k, nil
}

// keyOf returns the active key behind an API-key actor.
func (s *Service) keyOf(ctx context.Context, actor *authz.Actor) (APIKey, error) {
	k, err := scanKey(s.DB.QueryRow(ctx, keySelect+` WHERE id = ? AND district_code = ?`, actor.AccountID, actor.District))
	if err != nil || !k.Active() {
		return APIKey{}, apperr.New(apperr.CodeUnauthorized, "API密钥无效或已停用")
	}
	return k, nil
}

func scanKey(r interface{ Scan(...any) error }) (APIKey, error) {
	var k APIKey
	var used, revoked sql.NullTime
	err := r.Scan(&k.ID, &k.District, &k.Name, &k.Channel, &k.Prefix, &k.CreatedAt, &k.CreatedBy, &used, &revoked)
	k.CreatedAt = k.CreatedAt.UTC()
	k.LastUsedAt, k.RevokedAt = utcPtr(used), utcPtr(revoked)
	return k, err
}

// utcPtr turns a nullable time into a *time.Time in UTC.
func utcPtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

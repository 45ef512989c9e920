package esign

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// ctxPrivate is the encryption context of the sealed private keys.
const ctxPrivate = "esign_keys.private"

// key is a platform key: priv is nil when only the public half was loaded.
type key struct {
	id   string
	priv *gm.SigningKey
	pub  *gm.VerifyingKey
}

// querier is what both the read pool (*db.DB) and a transaction offer.
type querier interface {
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
}

// currentKey returns the key that signs, creating it inside tx on first
// use. Two nodes creating it at once end with one key: the second insert
// does nothing (unique index on the current key) and reads the first.
func (s *Service) currentKey(ctx context.Context, tx *db.Tx) (*key, error) {
	for range 2 {
		var id, sealed string
		err := tx.QueryRow(ctx, `SELECT id, private_enc FROM esign_keys WHERE status = 'current'`).Scan(&id, &sealed)
		if err == nil {
			return s.privateKey(id, sealed)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("esign: load current key: %w", err)
		}
		if _, err := s.insertKey(ctx, tx, true); err != nil {
			return nil, err
		}
	}
	return nil, errors.New("esign: no current key after creating one")
}

// privateKey opens a sealed private key, caching it by id.
func (s *Service) privateKey(id, sealed string) (*key, error) {
	s.mu.RLock()
	k, ok := s.cache[id]
	s.mu.RUnlock()
	if ok && k.priv != nil {
		return k, nil
	}
	pemBytes, err := s.keys.Decrypt(ctxPrivate, sealed)
	if err != nil {
		return nil, fmt.Errorf("esign: open key %s: %w", id, err)
	}
	defer clear(pemBytes)
	priv, err := gm.DecodePrivateKeyPEM(pemBytes, nil)
	if err != nil {
		return nil, fmt.Errorf("esign: parse key %s: %w", id, err)
	}
	k = &key{id: id, priv: priv, pub: &priv.PublicKey}
	s.remember(k)
	return k, nil
}

// publicKey returns the public half of key id, or ErrUnknownKey.
func (s *Service) publicKey(ctx context.Context, q querier, id string) (*gm.VerifyingKey, error) {
	s.mu.RLock()
	k, ok := s.cache[id]
	s.mu.RUnlock()
	if ok {
		return k.pub, nil
	}
	var pemText string
	err := q.QueryRow(ctx, `SELECT public_pem FROM esign_keys WHERE id = ?`, id).Scan(&pemText)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnknownKey
	}
	if err != nil {
		return nil, fmt.Errorf("esign: load key %s: %w", id, err)
	}
	pub, err := gm.DecodePublicKeyPEM([]byte(pemText))
	if err != nil {
		return nil, fmt.Errorf("esign: parse key %s: %w", id, err)
	}
	s.remember(&key{id: id, pub: pub})
	return pub, nil
}

func (s *Service) remember(k *key) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.cache[k.id]; !ok || old.priv == nil {
		s.cache[k.id] = k
	}
}

// insertKey generates a key pair and stores it as the current key; with
// ifNone it does nothing when another current key exists. It returns the
// new key's id ("" when nothing was inserted).
func (s *Service) insertKey(ctx context.Context, tx *db.Tx, ifNone bool) (string, error) {
	priv, err := gm.GenerateSigningKey()
	if err != nil {
		return "", fmt.Errorf("esign: generate key: %w", err)
	}
	privPEM, err := gm.EncodePrivateKeyPEM(priv, nil)
	if err != nil {
		return "", fmt.Errorf("esign: encode key: %w", err)
	}
	defer clear(privPEM)
	pubPEM, err := gm.EncodePublicKeyPEM(&priv.PublicKey)
	if err != nil {
		return "", fmt.Errorf("esign: encode public key: %w", err)
	}
	sealed, err := s.keys.Encrypt(ctxPrivate, privPEM)
	if err != nil {
		return "", fmt.Errorf("esign: seal key: %w", err)
	}
	id, err := newKeyID(tx.Now())
	if err != nil {
		return "", err
	}
	query := `INSERT INTO esign_keys (id, status, private_enc, public_pem, created_at) VALUES (?, 'current', ?, ?, ?)`
	if ifNone {
		query += ` ON CONFLICT (status) WHERE status = 'current' DO NOTHING`
	}
	res, err := tx.Exec(ctx, query, id, sealed, string(pubPEM), tx.Now())
	if err != nil {
		return "", fmt.Errorf("esign: store key: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return "", err
	}
	return id, nil
}

// Rotate retires the current key (it keeps verifying its signatures) and
// makes a new current key. It returns the new key's id.
func (s *Service) Rotate(ctx context.Context) (string, error) {
	var id string
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE esign_keys SET status = 'retired', retired_at = ? WHERE status = 'current'`,
			tx.Now()); err != nil {
			return fmt.Errorf("esign: retire key: %w", err)
		}
		var err error
		id, err = s.insertKey(ctx, tx, false)
		return err
	})
	return id, err
}

// CurrentKeyID returns the id of the key that signs ("" before the first
// signature).
func (s *Service) CurrentKeyID(ctx context.Context) (string, error) {
	var id string
	err := s.d.QueryRow(ctx, `SELECT id FROM esign_keys WHERE status = 'current'`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("esign: current key: %w", err)
	}
	return id, nil
}

// newKeyID names a key by its creation date and a random suffix:
// "sm2-20260302-1a2b3c4d".
func newKeyID(now time.Time) (string, error) {
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("esign: key id: %w", err)
	}
	return "sm2-" + now.UTC().Format("20060102") + "-" + hex.EncodeToString(b), nil
}

package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// idemKey is one Idempotency-Key of one caller, with the request it came with.
type idemKey struct {
	scope, key, method, path, hash string
}

// idemRecord is a stored row. Status 0 marks a request still running (or
// whose outcome is unknown because its node died): it is never run again
// before the key expires, as running it twice is the one thing to avoid.
type idemRecord struct {
	hash        string
	status      int
	contentType string
	body        []byte
	createdAt   time.Time
}

const idemPending = 0

// idemStore keeps Idempotency-Keys in the idempotency_keys table.
type idemStore struct {
	d    *db.DB
	ttl  time.Duration
	wait time.Duration
}

// idemPoll is how often a duplicate looks whether the first request is done.
const idemPoll = 25 * time.Millisecond

// maxClaimAttempts bounds the retries after losing an insert race; one
// retry always finds the winner's row, more only guard against surprises.
const maxClaimAttempts = 5

var (
	errIdemMismatch = withStatus(http.StatusUnprocessableEntity, apperr.New(apperr.CodeInvalid,
		"该 Idempotency-Key 已用于另一个不同的请求，新请求请使用新的 Key"))
	errIdemBusy = apperr.Conflict("使用相同 Idempotency-Key 的请求仍在处理中或结果未知，请稍后重试")
)

// claim takes the key for this request, or returns the stored response of
// the earlier request with the same key. The primary key (scope, idem_key)
// decides between concurrent claimers: the loser's insert fails, it reads the
// winner's row and waits for its result.
func (s *idemStore) claim(ctx context.Context, k idemKey) (idemRecord, bool, error) {
	deadline := time.Now().Add(s.wait)
	for attempt := 0; ; attempt++ {
		rec, claimed, err := s.tryClaim(ctx, k)
		switch {
		case err != nil && db.IsUniqueViolation(err) && attempt < maxClaimAttempts:
			continue // lost the race to insert: the winner's row is there now
		case err != nil:
			return idemRecord{}, false, fmt.Errorf("web: idempotency: claim: %w", err)
		case claimed:
			return idemRecord{}, true, nil
		case rec.hash != k.hash:
			return idemRecord{}, false, errIdemMismatch
		case rec.status != idemPending:
			return rec, false, nil
		}
		done, err := s.awaitResult(ctx, k, deadline)
		if err != nil || done.status != idemPending {
			return done, false, err
		}
		// The first request failed and released the key: try to take it.
	}
}

// tryClaim inserts a pending row, takes over an expired one, or returns the
// live one.
func (s *idemStore) tryClaim(ctx context.Context, k idemKey) (rec idemRecord, claimed bool, err error) {
	err = s.d.InTx(ctx, func(tx *db.Tx) error {
		row := tx.QueryRow(ctx, `SELECT request_hash, status, content_type, body, created_at
			FROM idempotency_keys WHERE scope = ? AND idem_key = ?`+tx.Engine().ForUpdate(), k.scope, k.key)
		rec, err = scanIdem(row)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			claimed = true
			_, err = tx.Exec(ctx, `INSERT INTO idempotency_keys
				(scope, idem_key, method, path, request_hash, status, content_type, body, created_at)
				VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)`,
				k.scope, k.key, k.method, k.path, k.hash, idemPending, []byte{}, tx.Now())
			return err
		case err != nil:
			return err
		case rec.createdAt.Before(tx.Now().Add(-s.ttl)):
			claimed = true
			_, err = tx.Exec(ctx, `UPDATE idempotency_keys SET method = ?, path = ?, request_hash = ?,
				status = ?, content_type = '', body = ?, created_at = ? WHERE scope = ? AND idem_key = ?`,
				k.method, k.path, k.hash, idemPending, []byte{}, tx.Now(), k.scope, k.key)
			return err
		}
		return nil
	})
	return rec, claimed, err
}

// awaitResult polls (outside any transaction) until the pending row has a
// result or disappears; status stays pending when it disappeared.
func (s *idemStore) awaitResult(ctx context.Context, k idemKey, deadline time.Time) (idemRecord, error) {
	t := time.NewTicker(idemPoll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return idemRecord{}, ctx.Err()
		case <-t.C:
		}
		rec, err := scanIdem(s.d.QueryRow(ctx, `SELECT request_hash, status, content_type, body, created_at
			FROM idempotency_keys WHERE scope = ? AND idem_key = ?`, k.scope, k.key))
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return idemRecord{status: idemPending}, nil
		case err != nil:
			return idemRecord{}, fmt.Errorf("web: idempotency: wait: %w", err)
		case rec.status != idemPending:
			return rec, nil
		case time.Now().After(deadline):
			return idemRecord{}, errIdemBusy
		}
	}
}

func scanIdem(row *sql.Row) (idemRecord, error) {
	var rec idemRecord
	err := row.Scan(&rec.hash, &rec.status, &rec.contentType, &rec.body, &rec.createdAt)
	return rec, err
}

// complete stores the response of the request that holds the key.
func (s *idemStore) complete(ctx context.Context, k idemKey, status int, contentType string, body []byte) error {
	if body == nil {
		body = []byte{}
	}
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `UPDATE idempotency_keys SET status = ?, content_type = ?, body = ?
			WHERE scope = ? AND idem_key = ? AND request_hash = ? AND status = ?`,
			status, contentType, body, k.scope, k.key, k.hash, idemPending)
		return err
	})
	if err != nil {
		return fmt.Errorf("web: idempotency: store result: %w", err)
	}
	return nil
}

// release gives the key up after a failure (5xx or panic) so it can be retried.
func (s *idemStore) release(ctx context.Context, k idemKey) error {
	err := s.d.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `DELETE FROM idempotency_keys
			WHERE scope = ? AND idem_key = ? AND request_hash = ? AND status = ?`,
			k.scope, k.key, k.hash, idemPending)
		return err
	})
	if err != nil {
		return fmt.Errorf("web: idempotency: release: %w", err)
	}
	return nil
}

// PurgeIdempotencyKeys deletes the keys recorded before cutoff (older than
// the replay window); a periodic job calls it.
func PurgeIdempotencyKeys(ctx context.Context, d *db.DB, cutoff time.Time) (int64, error) {
	var n int64
	err := d.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, cutoff.UTC())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("web: purge idempotency keys: %w", err)
	}
	return n, nil
}

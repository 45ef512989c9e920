package audit

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// recordColumns lists audit_log's columns in Record's field order.
const recordColumns = `seq, occurred_at, actor_id, actor_kind, actor_name, district,
	session_id, request_id, action, object_type, object_id,
	before_digest, after_digest, prev_hash, hash`

// insertRecord stores a chained record.
func insertRecord(ctx context.Context, tx *db.Tx, r *Record) error {
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (`+recordColumns+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Seq, r.OccurredAt, r.ActorID, r.ActorKind, r.ActorName, r.District,
		r.SessionID, r.RequestID, r.Action, r.ObjectType, r.ObjectID,
		r.BeforeDigest, r.AfterDigest, r.PrevHash, r.Hash)
	return err
}

// scanRecord reads one row selected with recordColumns.
func scanRecord(rows *sql.Rows) (Record, error) {
	var r Record
	err := rows.Scan(&r.Seq, &r.OccurredAt, &r.ActorID, &r.ActorKind, &r.ActorName, &r.District,
		&r.SessionID, &r.RequestID, &r.Action, &r.ObjectType, &r.ObjectID,
		&r.BeforeDigest, &r.AfterDigest, &r.PrevHash, &r.Hash)
	r.OccurredAt = r.OccurredAt.UTC()
	return r, err
}

// head is the chain head: the last record's seq and hash.
type head struct {
	Seq  int64
	Hash string
}

// lockHead reads the head inside a write transaction, locking its row until
// the transaction ends (SQLite's single writer already holds everything).
func lockHead(ctx context.Context, tx *db.Tx) (head, error) {
	var h head
	err := tx.QueryRow(ctx, `SELECT last_seq, last_hash FROM audit_head WHERE id = 1`+
		tx.Engine().ForUpdate()).Scan(&h.Seq, &h.Hash)
	if err != nil {
		return h, fmt.Errorf("read chain head: %w", err)
	}
	return h, nil
}

// advanceHead moves the head from prev to r. The condition on the old seq
// makes a lost lock show up as an error instead of a forked chain.
func advanceHead(ctx context.Context, tx *db.Tx, prev head, r *Record) error {
	res, err := tx.Exec(ctx, `UPDATE audit_head SET last_seq = ?, last_hash = ?
		WHERE id = 1 AND last_seq = ?`, r.Seq, r.Hash, prev.Seq)
	if err != nil {
		return fmt.Errorf("advance chain head: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fmt.Errorf("advance chain head: head moved under a lock (rows %d, %v)", n, err)
	}
	return nil
}

// readHead reads the head outside any transaction, for Verify. A missing
// head row gives ok=false.
func readHead(ctx context.Context, d *db.DB) (h head, ok bool, err error) {
	err = d.QueryRow(ctx, `SELECT last_seq, last_hash FROM audit_head WHERE id = 1`).Scan(&h.Seq, &h.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		return h, false, nil
	}
	if err != nil {
		return h, false, fmt.Errorf("audit: read chain head: %w", err)
	}
	return h, true, nil
}

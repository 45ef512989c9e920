package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Tx is a write transaction whose "now" is fixed once, when it begins, so
// every row it writes carries the same time.
//
// The function run inside a Tx must do no outside I/O (network, files,
// sleeps) and must not use the DB's pools directly: transactions stay short,
// and a later step may group concurrent transactions into one commit behind
// this same API.
type Tx struct {
	tx     *sql.Tx
	engine Engine
	now    time.Time
}

// Now is the transaction's fixed time, in UTC.
func (t *Tx) Now() time.Time { return t.now }

// Engine is the engine the transaction runs on.
func (t *Tx) Engine() Engine { return t.engine }

// SQL exposes the underlying *sql.Tx, for libraries that must join the same
// transaction (River's InsertTx).
func (t *Tx) SQL() *sql.Tx { return t.tx }

// Exec runs a statement.
func (t *Tx) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return t.tx.ExecContext(ctx, t.engine.Rebind(query), args...)
}

// Query runs a query inside the transaction.
func (t *Tx) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return t.tx.QueryContext(ctx, t.engine.Rebind(query), args...)
}

// QueryRow runs a single-row query inside the transaction.
func (t *Tx) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return t.tx.QueryRowContext(ctx, t.engine.Rebind(query), args...)
}

// InsertID runs an INSERT … RETURNING id and returns the new id.
func (t *Tx) InsertID(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := t.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// InTx runs fn in a write transaction: committed when fn returns nil,
// rolled back when it returns an error or panics.
func (d *DB) InTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := d.Write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("db: begin: %w", err)
	}
	tx := &Tx{tx: sqlTx, engine: d.Engine, now: d.Clock.Now().UTC()}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		if rbErr := sqlTx.Rollback(); rbErr != nil && !errors.Is(rbErr, sql.ErrTxDone) {
			return errors.Join(err, fmt.Errorf("db: rollback: %w", rbErr))
		}
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("db: commit: %w", err)
	}
	return nil
}

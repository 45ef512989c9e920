// Package db opens Shanzhi's database on either engine (embedded SQLite or
// PostgreSQL), runs the embedded migrations and provides the one transaction
// helper through which every write goes.
//
// SQL is written once, portable, with ? placeholders; the Engine rebinds them
// for PostgreSQL. Engine differences go through the few methods of Engine and
// nowhere else.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
)

// Engine names the database engine in use.
type Engine string

// The supported engines.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open database: a write pool, a read pool and the clock that fixes
// each transaction's "now".
//
// On SQLite the write pool holds exactly one connection (SQLite has one
// writer) and the read pool several query-only connections. On PostgreSQL
// they are two pools of ReadConns connections each, so reads never wait for
// connections held by transactions.
type DB struct {
	Engine Engine
	Write  *sql.DB
	Read   *sql.DB
	Clock  clock.Clock
	// URL is the connection setting the database was opened with.
	URL string
}

// Options tune Open.
type Options struct {
	// Clock fixes each transaction's now; clock.System{} when nil.
	Clock clock.Clock
	// Synchronous is SQLite's synchronous pragma: FULL (default) or NORMAL.
	Synchronous string
	// ReadConns is the size of the read pool (SQLite), or of each of the two
	// pools (PostgreSQL).
	ReadConns int
}

// Open opens the database named by setting: "sqlite:PATH" or a
// "postgres://…" / "postgresql://…" URL.
func Open(ctx context.Context, setting string, opts Options) (*DB, error) {
	if opts.Clock == nil {
		opts.Clock = clock.System{}
	}
	if opts.ReadConns <= 0 {
		opts.ReadConns = 8
	}
	var (
		d   *DB
		err error
	)
	switch {
	case strings.HasPrefix(setting, "sqlite:"):
		d, err = openSQLite(strings.TrimPrefix(setting, "sqlite:"), opts)
	case strings.HasPrefix(setting, "postgres://"), strings.HasPrefix(setting, "postgresql://"):
		d, err = openPostgres(setting, opts)
	default:
		return nil, fmt.Errorf("db: open: SHANZHI_DB must be sqlite:PATH or postgres://…, got %q", redactURL(setting))
	}
	if err != nil {
		return nil, err
	}
	d.URL = setting
	if err := d.Ping(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Ping checks that both pools answer.
func (d *DB) Ping(ctx context.Context) error {
	if err := d.Write.PingContext(ctx); err != nil {
		return fmt.Errorf("db: ping write pool: %w", err)
	}
	if err := d.Read.PingContext(ctx); err != nil {
		return fmt.Errorf("db: ping read pool: %w", err)
	}
	return nil
}

// Close closes both pools.
func (d *DB) Close() error {
	err := d.Write.Close()
	if d.Read != d.Write {
		err = errors.Join(err, d.Read.Close())
	}
	return err
}

// Rebind rewrites ? placeholders for the engine (PostgreSQL wants $1, $2…).
func (d *DB) Rebind(query string) string { return d.Engine.Rebind(query) }

// Query runs a read-only query on the read pool.
func (d *DB) Query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return d.Read.QueryContext(ctx, d.Rebind(query), args...)
}

// QueryRow runs a read-only single-row query on the read pool.
func (d *DB) QueryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return d.Read.QueryRowContext(ctx, d.Rebind(query), args...)
}

// redactURL hides a password in a connection URL before it is shown.
func redactURL(s string) string {
	at := strings.LastIndex(s, "@")
	scheme := strings.Index(s, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return s
	}
	userinfo := s[scheme+3 : at]
	if colon := strings.Index(userinfo, ":"); colon >= 0 {
		return s[:scheme+3] + userinfo[:colon] + ":***" + s[at:]
	}
	return s
}

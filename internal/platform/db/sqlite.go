package db

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver (pure Go, no cgo)
)

// openSQLite opens one writer connection and a pool of query-only readers
// on the same file, in WAL mode so readers never wait for the writer.
func openSQLite(path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("db: open sqlite: empty path")
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("db: open sqlite: create folder: %w", err)
		}
	}
	sync := opts.Synchronous
	if sync == "" {
		sync = "FULL"
	}
	write, err := sql.Open("sqlite", sqliteDSN(path, sync, false))
	if err != nil {
		return nil, fmt.Errorf("db: open sqlite writer: %w", err)
	}
	// One writer: SQLite serialises writes anyway; a single connection turns
	// SQLITE_BUSY errors into orderly waiting in database/sql's pool.
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	read, err := sql.Open("sqlite", sqliteDSN(path, sync, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("db: open sqlite readers: %w", err)
	}
	read.SetMaxOpenConns(opts.ReadConns)
	read.SetMaxIdleConns(opts.ReadConns)
	return &DB{Engine: SQLite, Write: write, Read: read, Clock: opts.Clock}, nil
}

// sqliteDSN builds a modernc.org/sqlite DSN with the pragmas every
// connection needs.
func sqliteDSN(path, synchronous string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous("+synchronous+")")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Set("_time_format", "sqlite")
	if readOnly {
		q.Add("_pragma", "query_only(1)")
	} else {
		// BEGIN IMMEDIATE takes the write lock at the start of a transaction,
		// so a transaction never fails half-way when upgrading to a writer.
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

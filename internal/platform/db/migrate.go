package db

import (
	"context"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Migrations is a set of forward-only migrations: one folder per engine
// ("sqlite", "postgres") holding files with identical names such as
// 0001_core.sql, applied in name order.
type Migrations struct {
	FS fs.FS
}

// Names lists the migration file names of one engine, sorted.
func (m Migrations) Names(engine Engine) ([]string, error) {
	entries, err := fs.ReadDir(m.FS, string(engine))
	if err != nil {
		return nil, fmt.Errorf("db: list migrations: %w", err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Migrate applies every migration not yet recorded in schema_migrations,
// each in its own transaction. It returns the names it applied. On
// PostgreSQL an advisory lock keeps two starting nodes from racing.
func (d *DB) Migrate(ctx context.Context, m Migrations) ([]string, error) {
	if _, err := d.Write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return nil, fmt.Errorf("db: migrate: create ledger: %w", err)
	}
	unlock, err := d.migrationLock(ctx)
	if err != nil {
		return nil, err
	}
	defer unlock()
	names, err := m.Names(d.Engine)
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, name := range names {
		did, err := d.applyMigration(ctx, m, name)
		if err != nil {
			return applied, err
		}
		if did {
			applied = append(applied, name)
		}
	}
	return applied, nil
}

// applyMigration runs one migration file unless it is already recorded.
func (d *DB) applyMigration(ctx context.Context, m Migrations, name string) (bool, error) {
	body, err := fs.ReadFile(m.FS, path.Join(string(d.Engine), name))
	if err != nil {
		return false, fmt.Errorf("db: migrate: read %s: %w", name, err)
	}
	did := false
	err = d.InTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE name = ?`, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		if _, err := tx.tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		did = true
		_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, name, tx.Now())
		return err
	})
	if err != nil {
		return false, fmt.Errorf("db: migrate: %s: %w", name, err)
	}
	return did, nil
}

// migrationLock serialises migrations between nodes on PostgreSQL; SQLite's
// single writer needs no lock.
func (d *DB) migrationLock(ctx context.Context) (func(), error) {
	if d.Engine != Postgres {
		return func() {}, nil
	}
	conn, err := d.Write.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("db: migrate: lock: %w", err)
	}
	const key = 7_242_113 // any constant shared by all Shanzhi nodes
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		conn.Close()
		return nil, fmt.Errorf("db: migrate: lock: %w", err)
	}
	return func() {
		_, _ = conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock($1)`, key)
		conn.Close()
	}, nil
}

package db

import (
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// openPostgres opens one pool used for reads and writes; PostgreSQL handles
// concurrent writers itself, so the two roles share it.
func openPostgres(url string, opts Options) (*DB, error) {
	pool, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("db: open postgres: %w", err)
	}
	pool.SetMaxOpenConns(opts.ReadConns * 2)
	pool.SetMaxIdleConns(opts.ReadConns * 2)
	return &DB{Engine: Postgres, Write: pool, Read: pool, Clock: opts.Clock}, nil
}

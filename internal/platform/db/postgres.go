package db

import (
	"database/sql"
	"errors"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// openPostgres opens two pools on the same server: one for transactions,
// one for plain reads. PostgreSQL handles concurrent writers itself, but a
// single bounded pool can deadlock: when every connection is held by a
// transaction that also reads through the pool (a catalogue lookup inside
// an acceptance), none is left for those reads. Separate pools keep reads
// flowing whatever the transactions hold, as on SQLite.
func openPostgres(url string, opts Options) (*DB, error) {
	write, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("db: open postgres: %w", err)
	}
	read, err := sql.Open("pgx", url)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("db: open postgres: %w", err), write.Close())
	}
	for _, p := range []*sql.DB{write, read} {
		p.SetMaxOpenConns(opts.ReadConns)
		p.SetMaxIdleConns(opts.ReadConns)
	}
	return &DB{Engine: Postgres, Write: write, Read: read, Clock: opts.Clock}, nil
}

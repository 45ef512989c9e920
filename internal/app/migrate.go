package app

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/migrations"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// Migrate brings the schema and River's tables up to date and returns the
// names of the migrations it applied.
func Migrate(ctx context.Context, d *db.DB) ([]string, error) {
	applied, err := d.Migrate(ctx, migrations.All())
	if err != nil {
		return applied, err
	}
	if err := jobs.Migrate(ctx, d); err != nil {
		return applied, fmt.Errorf("app: migrate jobs: %w", err)
	}
	return applied, nil
}

// OpenDB opens the configured database.
func OpenDB(ctx context.Context, cfg Config) (*db.DB, error) {
	return db.Open(ctx, cfg.DB, db.Options{Synchronous: cfg.SQLiteSynchronous})
}

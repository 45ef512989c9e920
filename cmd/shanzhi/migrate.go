package main

import (
	"context"
	"fmt"
	"io"

	"github.com/shanzhi-gov/shanzhi/internal/app"
)

// runMigrate applies pending migrations to the configured database.
func runMigrate(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 {
		return errUsage
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	d, err := app.OpenDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.Close()
	applied, err := app.Migrate(ctx, d)
	for _, name := range applied {
		fmt.Fprintln(out, "applied", name)
	}
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(out, "schema is up to date")
	}
	return nil
}

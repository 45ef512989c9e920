package main

import (
	"context"
	"io"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// runVerify walks the audit chain; the exit code is 1 when it is broken.
func runVerify(ctx context.Context, args []string, out io.Writer) error {
	if len(args) >= 1 && args[0] == "licence" {
		return runVerifyLicence(ctx, args[1:], out)
	}
	if len(args) != 1 || args[0] != "audit" {
		return errUsage
	}
	return withDB(ctx, func(_ app.Config, d *db.DB) error {
		report, err := audit.Verify(ctx, d)
		if err != nil {
			return err
		}
		if err := audit.WriteReport(out, report); err != nil {
			return err
		}
		if !report.OK {
			return &exitError{code: 1}
		}
		return nil
	})
}

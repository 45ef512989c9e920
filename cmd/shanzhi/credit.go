package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// importCredit loads a CSV or Excel file of credit records reported by one
// source department, as the system: all or nothing, every bad row and
// cell reported ("shanzhi import credit --department 320113D23 FILE").
func importCredit(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import credit", flag.ContinueOnError)
	dept := fs.String("department", "", "source department code, e.g. 320113D23")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 || *dept == "" {
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	return withApp(ctx, out, func(a *app.App) error {
		report, err := a.Credit.ImportRecords(ctx, authz.System(a.Cfg.District), *dept, f)
		if report != nil {
			for _, p := range report.Problems {
				fmt.Fprintln(out, p.String())
			}
		}
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "imported %d credit records for %s\n", report.Added, *dept)
		return err
	})
}

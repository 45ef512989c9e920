package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// importCatalog loads a catalogue workbook (docs/catalog-excel-template.md)
// as the system: all or nothing, every bad row and cell reported.
func importCatalog(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import catalog", flag.ContinueOnError)
	publish := fs.Bool("publish", false, "publish every item at once (default: save drafts for review)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	return withApp(ctx, out, func(a *app.App) error {
		report, err := a.Catalog.ImportWorkbook(ctx, authz.System(a.Cfg.District), f, info.Size(),
			catalog.ImportOptions{Publish: *publish})
		if report != nil {
			for _, p := range report.Problems {
				fmt.Fprintln(out, p.String())
			}
		}
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "imported %d items\n", report.Items)
		return err
	})
}

// exportCatalog writes the district's whole catalogue (latest versions) to
// a workbook in the same template.
func exportCatalog(ctx context.Context, args []string, out io.Writer) error {
	if len(args) != 1 {
		return errUsage
	}
	f, err := os.Create(args[0])
	if err != nil {
		return err
	}
	err = withApp(ctx, out, func(a *app.App) error {
		return a.Catalog.ExportFilter(ctx, authz.System(a.Cfg.District), catalog.Filter{}, f)
	})
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		_, err = fmt.Fprintln(out, "exported to", args[0])
	}
	return err
}

// withApp opens the configured application for one command.
func withApp(ctx context.Context, out io.Writer, fn func(*app.App) error) error {
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	a, err := app.Open(ctx, cfg, app.Deps{Log: app.NewLogger(os.Stderr, cfg.LogLevel), Console: out})
	if err != nil {
		return err
	}
	defer a.Close()
	return fn(a)
}

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar/yearstore"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// runImport dispatches "import divisions" and "import holidays".
func runImport(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "divisions":
		return importDivisions(ctx, args[1:], out)
	case "holidays":
		return importHolidays(ctx, args[1:], out)
	case "catalog":
		return importCatalog(ctx, args[1:], out)
	case "credit":
		return importCredit(ctx, args[1:], out)
	}
	return errUsage
}

// runExport dispatches "export catalog".
func runExport(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "catalog" {
		return errUsage
	}
	return exportCatalog(ctx, args[1:], out)
}

// importHolidays stores one holiday-cn year file; every node loads it at
// its next start.
func importHolidays(ctx context.Context, args []string, out io.Writer) error {
	if len(args) != 1 {
		return errUsage
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	year, err := yearstore.Parse(raw)
	if err != nil {
		return err
	}
	return withDB(ctx, func(cfg app.Config, d *db.DB) error {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			if err := yearstore.Save(ctx, tx, year.Year, raw); err != nil {
				return err
			}
			return audit.Append(ctx, tx, audit.Entry{
				Actor: authz.System(cfg.District), Action: "calendar.year.import",
				ObjectType: "holiday_year", ObjectID: strconv.Itoa(year.Year), After: year,
			})
		})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "imported %d: %d listed days; restart nodes to apply\n", year.Year, len(year.Days))
		return err
	})
}

// importDivisions loads a district's streets and communities.
func importDivisions(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("import divisions", flag.ContinueOnError)
	district := fs.String("district", "", "6-digit division code of a Nanjing district, e.g. 320113")
	from := fs.String("from", "", "folder with the division CSV files (default: the embedded copy)")
	if err := fs.Parse(args); err != nil || *district == "" || fs.NArg() > 0 {
		return errUsage
	}
	return withDB(ctx, func(_ app.Config, d *db.DB) error {
		src := org.EmbeddedSource()
		if *from != "" {
			src = org.DirSource(*from)
		}
		res, err := org.ImportDivisions(ctx, d, *district, src)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "imported %s %s: %s streets, %s communities; %d statistical units left out\n",
			*district, res.District.Name, changes(res.Streets), changes(res.Communities), res.SkippedUnits)
		return err
	})
}

// withDB opens and migrates the configured database for one command.
func withDB(ctx context.Context, fn func(app.Config, *db.DB) error) error {
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	d, err := app.OpenDB(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.Close()
	if _, err := app.Migrate(ctx, d); err != nil {
		return err
	}
	return fn(cfg, d)
}

// changes renders an import's counts as "N (a added, u updated)".
func changes(c org.Changes) string {
	return fmt.Sprintf("%d (%d added, %d updated)", c.Added+c.Updated+c.Unchanged, c.Added, c.Updated)
}

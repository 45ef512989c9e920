// Command shanzhi is the one binary of Shanzhi (善治): the web pages, the
// JSON and Open311 APIs, the background jobs and the operator's tools.
//
//	shanzhi serve                          run a node (configured by SHANZHI_* variables)
//	shanzhi demo [--dir D] [--addr A]      run the seeded Qixia demo on embedded SQLite
//	shanzhi migrate                        bring the database schema up to date
//	shanzhi admin create …                 create a staff account (first administrator)
//	shanzhi import divisions --district C  load a district's streets and communities
//	shanzhi import holidays FILE.json      add a year of holidays and make-up workdays
//	shanzhi import catalog [--publish] F   load a catalogue workbook (all or nothing)
//	shanzhi import credit --department D F load credit records from CSV/xlsx (all or nothing)
//	shanzhi export catalog FILE.xlsx       write the catalogue to a workbook
//	shanzhi verify audit                   walk the audit hash chain and report breaks
//	shanzhi verify licence [--ca R] FILE   check an exported electronic licence offline
//	shanzhi bench approval [--clients N]   load-test the application lifecycle over HTTP
//	shanzhi ca init | issue-dept C | rotate C | revoke K   the district root CA and department seals
//	shanzhi keys                           print fresh secrets for SHANZHI_* variables
//	shanzhi version                        print the version
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// command is one subcommand: it gets its arguments and writes to out.
type command func(ctx context.Context, args []string, out io.Writer) error

// errUsage marks a mistake in the command line; the usage is printed.
var errUsage = errors.New("usage")

func commands() map[string]command {
	return map[string]command{
		"serve":   runServe,
		"demo":    runDemo,
		"migrate": runMigrate,
		"admin":   runAdmin,
		"import":  runImport,
		"export":  runExport,
		"verify":  runVerify,
		"bench":   runBench,
		"ca":      runCA,
		"keys":    runKeys,
		"version": func(_ context.Context, _ []string, out io.Writer) error {
			_, err := fmt.Fprintln(out, "shanzhi", version)
			return err
		},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, out, errOut io.Writer) int {
	if len(args) == 0 {
		usage(errOut)
		return 2
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(errOut, "shanzhi: unknown command %q\n\n", args[0])
		usage(errOut)
		return 2
	}
	if err := cmd(ctx, args[1:], out); err != nil {
		var failed *exitError
		switch {
		case errors.Is(err, errUsage):
			usage(errOut)
			return 2
		case errors.As(err, &failed):
			return failed.code
		}
		fmt.Fprintln(errOut, "shanzhi:", err)
		return 1
	}
	return 0
}

// exitError ends the process with a code after the command already said why.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: shanzhi <command> [flags]

commands:
  serve                          run a node (configured by SHANZHI_* variables)
  demo [--dir D] [--addr A]      run the seeded Qixia demo on embedded SQLite
  migrate                        bring the database schema up to date
  admin create --username U --password P --role R --scope KIND:CODE [--name N] [--phone PHONE]
  import divisions --district CODE [--from DIR]
  import holidays FILE.json
  import catalog [--publish] FILE.xlsx   load service items from the Excel template (all or nothing)
  import credit --department CODE FILE   load a department's credit records from CSV/xlsx (all or nothing)
  export catalog FILE.xlsx               write the catalogue to the Excel template
  verify audit                   walk the audit hash chain and report every break
  verify licence [--ca ROOT.pem] FILE   check an exported electronic licence and its seals offline
  bench approval [--clients 50] [--apps 500] [--warmup N] [--residents 1] [--baseline /healthz]
                 [--postgres URL | --dir D] [--sqlite-synchronous FULL|NORMAL]
                                 application lifecycle over HTTP under load on a fresh database
  bench workorders [--clients 50] [--orders 500] [--preload N] [--warmup N] [--postgres URL | --dir D] …
                                 work orders filed, dispatched, handled, closed over HTTP under load
  ca init                        create the district root CA (SM2) for electronic licence seals
  ca issue-dept CODE | ca rotate CODE   give a department a seal key and certificate / replace it
  ca revoke KEYID --reason key_compromise|affiliation_changed|superseded|cessation_of_operation [--since RFC3339]
  keys                           print fresh secrets for SHANZHI_DATA_KEYS, SHANZHI_INDEX_KEYS, SHANZHI_SECRET
  version
`)
}

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/loadtest"
)

// runBench runs a load scenario and prints its figures: "approval", the
// contactless application lifecycle over HTTP, or "workorders".
func runBench(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 && args[0] == "workorders" {
		return runBenchWorkOrders(ctx, args, out) // bench_workorders.go
	}
	if len(args) == 0 || args[0] != "approval" {
		return errUsage
	}
	sc := benchScenario{name: "approval", count: "apps", noun: "applications",
		clients: "concurrent clients, each driving whole lifecycles", run: loadtest.Run, print: (*loadtest.Report).Print}
	fs, b := sc.flags(out)
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	return b.bench(ctx, out, sc)
}

// benchScenario is what sets one bench command apart: its name, the flag
// of the measured phase's size (count) and what it counts (noun), the
// help of --clients, and how the scenario runs and prints its report.
type benchScenario struct {
	name, count, noun, clients string
	run                        func(context.Context, *loadtest.Site, loadtest.Options) (*loadtest.Report, error)
	print                      func(*loadtest.Report, io.Writer, loadtest.Settings)
	// prepare, when set, runs on the open site before the scenario.
	prepare func(context.Context, *loadtest.Site) error
}

// benchRun is a parsed bench command line: the run's size and where its
// fresh database goes.
type benchRun struct {
	opts          loadtest.Options
	pg, dir, sync string
}

// flags makes the flag set of `bench <name>` with the flags every
// scenario shares; the caller may add its own before parsing.
func (sc benchScenario) flags(out io.Writer) (*flag.FlagSet, *benchRun) {
	fs := flag.NewFlagSet("bench "+sc.name, flag.ContinueOnError)
	fs.SetOutput(out)
	b := &benchRun{}
	o := &b.opts
	fs.IntVar(&o.Clients, "clients", 50, sc.clients)
	fs.IntVar(&o.Apps, sc.count, 500, sc.noun+" in the measured phase")
	fs.IntVar(&o.Warmup, "warmup", 0, sc.noun+" run first and not measured (0: one per client, -1: none)")
	fs.IntVar(&o.ResidentsPerClient, "residents", 1, "residents each client owns")
	fs.StringVar(&o.Baseline, "baseline", "/healthz", "path of the baseline request")
	fs.DurationVar(&o.Timeout, "timeout", 30*time.Second, "a call not answered in this time counts as an error")
	fs.StringVar(&b.pg, "postgres", "", "PostgreSQL URL: run on a fresh schema there (dropped afterwards) instead of SQLite")
	fs.StringVar(&b.dir, "dir", "", "folder for the SQLite database (default: a temporary folder, removed afterwards)")
	fs.StringVar(&b.sync, "sqlite-synchronous", "FULL", "SQLite synchronous pragma: FULL (the serve default) or NORMAL")
	return fs, b
}

// benchDatabase prepares a fresh database for the run and says how to
// remove it.
func benchDatabase(ctx context.Context, pg, dir, sync string) (string, loadtest.Settings, func(), error) {
	if pg != "" {
		setting, drop, err := loadtest.FreshSchema(ctx, pg)
		if err != nil {
			return "", loadtest.Settings{}, nil, err
		}
		return setting, loadtest.Settings{Engine: "postgres"}, func() { _ = drop() }, nil
	}
	cleanup := func() {}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "shanzhi-bench-")
		if err != nil {
			return "", loadtest.Settings{}, nil, err
		}
		dir, cleanup = tmp, func() { os.RemoveAll(tmp) }
	} else if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", loadtest.Settings{}, nil, err
	}
	path := filepath.Join(dir, "bench.db")
	if _, err := os.Stat(path); err == nil {
		cleanup()
		return "", loadtest.Settings{}, nil, fmt.Errorf("bench: %s exists; the run needs a fresh database", path)
	}
	return "sqlite:" + path, loadtest.Settings{Engine: "sqlite", Synchronous: sync}, cleanup, nil
}

// bench prepares the database, serves the site, runs the scenario and
// prints the report. Errors under load are figures, not failures; the
// exit code is 1 when any call failed, so scripts notice.
func (b *benchRun) bench(ctx context.Context, out io.Writer, sc benchScenario) error {
	setting, s, cleanup, err := benchDatabase(ctx, b.pg, b.dir, strings.ToUpper(b.sync))
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Fprintln(out, "setting up: fresh database, demo seed, signing in staff and residents …")
	site, err := loadtest.OpenSite(ctx, setting, s.Synchronous)
	if err != nil {
		return err
	}
	if sc.prepare != nil {
		if err := sc.prepare(ctx, site); err != nil {
			return errors.Join(err, site.Close())
		}
	}
	rep, err := sc.run(ctx, site, b.opts)
	if err != nil {
		return errors.Join(err, site.Close())
	}
	sc.print(rep, out, s)
	if err := site.Close(); err != nil {
		// Requests still stuck in the node when the run ends (see the
		// errors above) keep it from draining within its grace period.
		return fmt.Errorf("bench: node did not stop cleanly: %w", err)
	}
	if rep.Scenario.Failed > 0 || rep.Scenario.Recorder.ErrorTotal() > 0 || rep.Baseline.Failed > 0 {
		return &exitError{code: 1}
	}
	return nil
}

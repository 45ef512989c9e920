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

// runBench runs a load scenario and prints its figures. Only "approval"
// exists: the contactless application lifecycle over HTTP.
func runBench(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "approval" {
		return errUsage
	}
	fs := flag.NewFlagSet("bench approval", flag.ContinueOnError)
	fs.SetOutput(out)
	var o loadtest.Options
	fs.IntVar(&o.Clients, "clients", 50, "concurrent clients, each driving whole lifecycles")
	fs.IntVar(&o.Apps, "apps", 500, "applications in the measured phase")
	fs.IntVar(&o.Warmup, "warmup", 0, "applications run first and not measured (0: one per client, -1: none)")
	fs.IntVar(&o.ResidentsPerClient, "residents", 1, "residents each client owns")
	fs.StringVar(&o.Baseline, "baseline", "/healthz", "path of the baseline request")
	fs.DurationVar(&o.Timeout, "timeout", 30*time.Second, "a call not answered in this time counts as an error")
	pg := fs.String("postgres", "", "PostgreSQL URL: run on a fresh schema there (dropped afterwards) instead of SQLite")
	dir := fs.String("dir", "", "folder for the SQLite database (default: a temporary folder, removed afterwards)")
	sync := fs.String("sqlite-synchronous", "FULL", "SQLite synchronous pragma: FULL (the serve default) or NORMAL")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	*sync = strings.ToUpper(*sync)
	setting, settings, cleanup, err := benchDatabase(ctx, *pg, *dir, *sync)
	if err != nil {
		return err
	}
	defer cleanup()
	return benchApproval(ctx, setting, settings, o, out)
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

// benchApproval serves the site, runs the scenario and prints the report.
// Errors under load are figures, not failures; the exit code is 1 when any
// call failed, so scripts notice.
func benchApproval(ctx context.Context, setting string, s loadtest.Settings, o loadtest.Options, out io.Writer) error {
	fmt.Fprintln(out, "setting up: fresh database, demo seed, signing in staff and residents …")
	site, err := loadtest.OpenSite(ctx, setting, s.Synchronous)
	if err != nil {
		return err
	}
	rep, err := loadtest.Run(ctx, site, o)
	if err != nil {
		return errors.Join(err, site.Close())
	}
	rep.Print(out, s)
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

package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/shanzhi-gov/shanzhi/internal/app"
)

// runServe runs one node configured by SHANZHI_* variables.
func runServe(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 {
		return errUsage
	}
	cfg, err := app.ConfigFromEnv()
	if err != nil {
		return err
	}
	return serve(ctx, cfg, out, hooks{})
}

// hooks let the demo seed data before the site is built and print its
// own banner once the address is known.
type hooks struct {
	prepare  func(*app.App) error
	announce func(url string)
}

// serve opens the app, runs the hooks, then serves until ctx ends.
func serve(ctx context.Context, cfg app.Config, out io.Writer, h hooks) error {
	log := app.NewLogger(os.Stderr, cfg.LogLevel)
	a, err := app.Open(ctx, cfg, app.Deps{Log: log, Console: out})
	if err != nil {
		return err
	}
	defer a.Close()
	if h.prepare != nil {
		if err := h.prepare(a); err != nil {
			return err
		}
	}
	rt, err := a.Router(version)
	if err != nil {
		return err
	}
	ln, err := a.Listen()
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	if h.announce != nil {
		h.announce(url)
	} else {
		fmt.Fprintf(out, "shanzhi %s serving %s on %s\n", version, cfg.District, url)
	}
	return a.Serve(ctx, ln, rt)
}

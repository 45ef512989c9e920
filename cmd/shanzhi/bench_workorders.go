package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/loadtest"
)

// runBenchWorkOrders runs the work-order scenario over HTTP: residents
// file, a dispatcher dispatches, a community worker accepts, answers and
// resolves, residents answer the follow-up; state changes per second and
// their latencies beside a baseline. --preload first writes that many
// generated orders (a year of them) so the run meets a loaded database.
func runBenchWorkOrders(ctx context.Context, args []string, out io.Writer) error {
	sc := benchScenario{name: "workorders", count: "orders", noun: "orders",
		clients: "concurrent clients, each a resident driving whole orders",
		run:     loadtest.RunWorkOrders, print: (*loadtest.Report).PrintWorkOrders}
	fs, b := sc.flags(out)
	preload := fs.Int("preload", 0, "generated orders written before the run")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 0 || *preload < 0 {
		return errUsage
	}
	if *preload > 0 {
		sc.prepare = func(ctx context.Context, site *loadtest.Site) error {
			start := time.Now()
			g, err := site.App.WorkOrders.GenerateLoad(ctx, site.App.Cfg.District, *preload, 1)
			if err != nil {
				return err
			}
			fmt.Fprintf(out, "preloaded %d orders (%d events) in %s\n", g.Orders, g.Events, time.Since(start).Round(time.Millisecond))
			return nil
		}
	}
	return b.bench(ctx, out, sc)
}

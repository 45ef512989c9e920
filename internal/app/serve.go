package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Listen opens the configured address; split from Serve so the caller can
// print the real URL (port 0 picks a free one) before serving.
func (a *App) Listen() (net.Listener, error) {
	ln, err := net.Listen("tcp", a.Cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("app: listen %s: %w", a.Cfg.Addr, err)
	}
	return ln, nil
}

// Serve answers HTTP on ln and, when configured, works background jobs,
// until ctx ends; then it drains: readiness turns 503, requests in flight
// finish, running jobs finish, all within ShutdownGrace.
func (a *App) Serve(ctx context.Context, ln net.Listener, rt *web.Router) error {
	if a.Cfg.RunJobs {
		if err := a.StartJobs(ctx); err != nil {
			return err
		}
	}
	srv := &http.Server{
		Handler:           rt,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // uploads of application materials
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("app: serve: %w", err)
	case <-ctx.Done():
	}
	return a.shutdown(srv, rt)
}

// StartJobs starts working jobs on this node.
func (a *App) StartJobs(ctx context.Context) error {
	return a.Jobs.Start(context.WithoutCancel(ctx), jobs.Options{Events: &jobs.Events{OnOutcome: a.Metrics.JobOutcomes()}})
}

func (a *App) shutdown(srv *http.Server, rt *web.Router) error {
	rt.BeginShutdown()
	ctx, cancel := context.WithTimeout(context.Background(), a.Cfg.ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(ctx)
	if jobErr := a.Jobs.Stop(ctx); jobErr != nil {
		err = errors.Join(err, jobErr)
	}
	return err
}

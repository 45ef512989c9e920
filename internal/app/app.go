package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/esign"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar/yearstore"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
	"github.com/shanzhi-gov/shanzhi/internal/seal"
	"github.com/shanzhi-gov/shanzhi/internal/supervision"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// App is one node's wired services. It owns the database and the job queue.
type App struct {
	Cfg         Config
	Log         *slog.Logger
	DB          *db.DB
	Keys        *gm.Keyring
	Index       *gm.BlindIndexer
	Calendar    *calendar.Calendar
	Jobs        *jobs.Queue
	SMS         notify.SMSSender
	Identity    *identity.Service
	Org         *org.Service
	Catalog     *catalog.Service
	Files       *files.Store
	Verify      *verify.Service
	ESign       *esign.Service
	Credit      *credit.Service
	Approval    *approval.Service
	Supervision *supervision.Service
	Seal        *seal.Service
	Rating      *rating.Service
	License     *license.Service
	Delivery    *delivery.Service
	WorkOrders  *workorder.Service
	// WorkOrderClocks time work orders in working time (warnings, 催办,
	// escalation, 延期 and 挂账).
	WorkOrderClocks *workorder.Clocks
	Metrics         *web.Metrics
}

// Deps are the outside things a node talks to; the zero value uses the
// console simulators writing to Console.
type Deps struct {
	Log *slog.Logger
	// Console receives the simulators' output (the SMS console), usually stdout.
	Console io.Writer
	// SMS overrides the configured SMS adapter (tests use a recorder).
	SMS notify.SMSSender
}

// Open opens and migrates the database and builds every service. Nothing
// runs until Serve or StartJobs.
func Open(ctx context.Context, cfg Config, deps Deps) (*App, error) {
	if err := cfg.RequireSecrets(); err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, Log: deps.Log, SMS: deps.SMS, Metrics: web.NewMetrics()}
	if a.Log == nil {
		a.Log = slog.Default()
	}
	if a.SMS == nil {
		a.SMS = notify.NewConsoleSMS(deps.Console)
	}
	if err := a.openStorage(ctx); err != nil {
		return nil, err
	}
	if err := a.buildServices(ctx, deps); err != nil {
		a.DB.Close()
		return nil, err
	}
	return a, nil
}

// openStorage opens, migrates and prepares the job queue.
func (a *App) openStorage(ctx context.Context) error {
	var err error
	if a.Keys, err = gm.ParseKeyring(a.Cfg.DataKeys); err != nil {
		return fmt.Errorf("app: SHANZHI_DATA_KEYS: %w", err)
	}
	if a.Index, err = gm.ParseBlindIndexer(a.Cfg.IndexKeys); err != nil {
		return fmt.Errorf("app: SHANZHI_INDEX_KEYS: %w", err)
	}
	if a.DB, err = OpenDB(ctx, a.Cfg); err != nil {
		return err
	}
	if _, err = Migrate(ctx, a.DB); err != nil {
		a.DB.Close()
		return err
	}
	return nil
}

// buildServices constructs the calendar, the queue and the domain services
// and registers their job workers.
func (a *App) buildServices(ctx context.Context, deps Deps) error {
	years, err := yearstore.LoadAll(ctx, a.DB)
	if err != nil {
		return err
	}
	a.Calendar, err = calendar.New(calendar.WithYears(years...), calendar.WithLogger(a.Log),
		calendar.WithOnMissingYear(a.Metrics.CalendarYearMissing))
	if err != nil {
		return fmt.Errorf("app: calendar: %w", err)
	}
	if a.Jobs, err = jobs.New(a.DB, jobs.Options{Logger: a.Log}); err != nil {
		return err
	}
	idCfg := identity.DefaultConfig()
	idCfg.Index = a.Index
	if a.Identity, err = identity.New(a.DB, a.Keys, a.SMS, a.Jobs, idCfg, a.Log); err != nil {
		return err
	}
	identity.RegisterWorkers(a.Jobs, a.Identity)
	a.Jobs.AddPeriodic(identity.PeriodicJobs()...)
	web.RegisterIdempotencyPurge(a.Jobs, a.DB, 0)
	a.Org = org.New(a.DB)
	a.Catalog = catalog.New(a.DB, catalog.OrgDepartments{Org: a.Org})
	return a.buildApproval()
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }

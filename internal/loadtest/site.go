package loadtest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// district is the seeded demo's district (Qixia).
const district = "320113"

// Demo staff the scenario signs in as.
const (
	deskUsername     = "qianmo.yaohua" // 尧化街道政务服务中心 front desk
	reviewerUsername = "bench.review"
	checkerUsername  = "bench.check"
	approvalDept     = "区市场监管局"
	demoPassword     = app.DemoPassword
)

// defaultGrace bounds the node's drain when the run ends.
const defaultGrace = 20 * time.Second

// Site is a seeded node served on a loopback port for one run, with the
// SMS gateway replaced by a recorder so residents' sign-in codes can be read.
type Site struct {
	URL string
	App *app.App
	SMS *notify.RecordingSMS
	// staffPassword is the password of the two approvers created for the run.
	staffPassword string
	stop          context.CancelFunc
	served        chan error
}

// OpenSite opens a node on the fresh database setting (a "sqlite:PATH" or
// a PostgreSQL URL whose schema is empty), seeds the demo, adds the two
// approvers of 区市场监管局 and serves it on 127.0.0.1 with background jobs
// running, as `shanzhi serve` does.
func OpenSite(ctx context.Context, setting, synchronous string) (*Site, error) {
	cfg, err := siteConfig(setting, synchronous)
	if err != nil {
		return nil, err
	}
	sms := notify.NewRecordingSMS()
	a, err := app.Open(ctx, cfg, app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), SMS: sms})
	if err != nil {
		return nil, err
	}
	s := &Site{App: a, SMS: sms}
	if err := s.seed(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := s.serve(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return s, nil
}

// siteConfig is a node's configuration with fresh secrets for the run.
func siteConfig(setting, synchronous string) (app.Config, error) {
	dataKey, err := gm.GenerateKey()
	if err != nil {
		return app.Config{}, err
	}
	indexKey, secret := make([]byte, 32), make([]byte, 32)
	if _, err := rand.Read(indexKey); err != nil {
		return app.Config{}, err
	}
	if _, err := rand.Read(secret); err != nil {
		return app.Config{}, err
	}
	return app.Config{DB: setting, Addr: "127.0.0.1:0", District: district, SQLiteSynchronous: synchronous,
		SMS: "console", RunJobs: true, InsecureCookies: true, ShutdownGrace: defaultGrace,
		DataKeys: gm.FormatKeySpec("d1", dataKey), IndexKeys: gm.FormatKeySpec("i1", indexKey),
		Secret: base64.StdEncoding.EncodeToString(secret)}, nil
}

// seed loads the demo and creates the approvers with a random password.
func (s *Site) seed(ctx context.Context) error {
	if _, err := s.App.SeedDemo(ctx); err != nil {
		return err
	}
	code, err := s.departmentCode(ctx, approvalDept)
	if err != nil {
		return err
	}
	pw := make([]byte, 12)
	if _, err := rand.Read(pw); err != nil {
		return err
	}
	s.staffPassword = "Bench-" + hex.EncodeToString(pw)
	sys := authz.System(district)
	for _, u := range []struct{ username, name string }{{reviewerUsername, "压测审查员"}, {checkerUsername, "压测审核员"}} {
		_, err := s.App.Identity.CreateStaff(ctx, sys, identity.StaffInput{District: district, Username: u.username,
			Password: s.staffPassword, DisplayName: u.name,
			Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: code}}}})
		if err != nil {
			return fmt.Errorf("loadtest: create approver %s: %w", u.username, err)
		}
	}
	return nil
}

// departmentCode finds a seeded department's code by its short name.
func (s *Site) departmentCode(ctx context.Context, short string) (string, error) {
	list, err := s.App.Org.ListDepartments(ctx, nil, district, org.Page{Limit: 100})
	if err != nil {
		return "", err
	}
	for _, d := range list.Items {
		if d.ShortName == short {
			return d.Code, nil
		}
	}
	return "", fmt.Errorf("loadtest: department %s is not seeded", short)
}

// serve listens on a free loopback port and serves until Close.
func (s *Site) serve(ctx context.Context) error {
	ln, err := s.App.Listen()
	if err != nil {
		return err
	}
	rt, err := s.App.Router("bench")
	if err != nil {
		ln.Close()
		return err
	}
	s.URL = "http://" + ln.Addr().(*net.TCPAddr).String()
	sctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stop, s.served = stop, make(chan error, 1)
	go func() { s.served <- s.App.Serve(sctx, ln, rt) }()
	return nil
}

// Close stops serving (requests and jobs drain) and closes the database.
func (s *Site) Close() error {
	s.stop()
	err := <-s.served
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	return errors.Join(err, s.App.Close())
}

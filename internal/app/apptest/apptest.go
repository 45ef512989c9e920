// Package apptest serves a seeded Qixia demo site for one test: the whole
// application on a fresh test database (SQLite, or PostgreSQL when
// SHANZHI_TEST_POSTGRES_URL is set), with a recording SMS adapter.
package apptest

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Site is a seeded demo app served over HTTP.
type Site struct {
	URL string
	App *app.App
	// SMS receives every text the site sends, sign-in codes included.
	SMS *notify.RecordingSMS
}

// Start opens, seeds and serves a site; everything is closed when the test
// ends. Jobs are not started (Site.App.StartJobs does).
func Start(t testing.TB) *Site {
	t.Helper()
	dataKey, err := gm.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	cfg := app.Config{
		DB: dbtest.Setting(t), District: "320113", SQLiteSynchronous: "NORMAL", SMS: "console",
		DataKeys:  gm.FormatKeySpec("d1", dataKey),
		IndexKeys: gm.FormatKeySpec("i1", []byte("0123456789abcdef0123456789abcdef")),
		Secret:    "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", InsecureCookies: true,
		PublicURL: "http://shanzhi.test",
	}
	sms := notify.NewRecordingSMS()
	a, err := app.Open(context.Background(), cfg, app.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), SMS: sms})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	if _, err := a.SeedDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	rt, err := a.Router("test")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(rt)
	t.Cleanup(srv.Close)
	return &Site{URL: srv.URL, App: a, SMS: sms}
}

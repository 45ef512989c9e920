package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app"
)

// runDemo serves the seeded Qixia demo on an embedded SQLite database in a
// folder of its own, creating the folder, its secrets and its data on the
// first run.
func runDemo(ctx context.Context, args []string, out io.Writer) error {
	start := time.Now()
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dir := fs.String("dir", "demo-data", "folder for the demo database and its secrets")
	addr := fs.String("addr", "127.0.0.1:8080", "listen address")
	smoke := fs.Bool("smoke", false, "stop as soon as the demo is up (a start-up check)")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		return errUsage
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	cfg, err := demoConfig(*dir, *addr)
	if err != nil {
		return err
	}
	var logins []app.DemoLogin
	return serve(ctx, cfg, out, hooks{
		prepare: func(a *app.App) (err error) {
			logins, err = a.SeedDemo(ctx)
			return err
		},
		announce: func(url string) {
			printDemo(out, url, logins, time.Since(start))
			if *smoke {
				stop()
			}
		},
	})
}

// demoConfig is the configuration of the demo: SQLite in dir, secrets kept
// in dir/secrets.env (made on the first run), cookies without the Secure
// flag because the demo serves plain HTTP on localhost.
func demoConfig(dir, addr string) (app.Config, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return app.Config{}, err
	}
	s, err := demoSecrets(filepath.Join(dir, "secrets.env"))
	if err != nil {
		return app.Config{}, err
	}
	for name, v := range map[string]string{
		"SHANZHI_DB": "sqlite:" + filepath.Join(dir, "shanzhi.db"), "SHANZHI_ADDR": addr,
		"SHANZHI_DISTRICT": "320113", "SHANZHI_INSECURE_COOKIES": "1",
		"SHANZHI_DATA_KEYS": s.dataKeys, "SHANZHI_INDEX_KEYS": s.indexKeys, "SHANZHI_SECRET": s.secret,
	} {
		os.Setenv(name, v)
	}
	cfg, err := app.ConfigFromEnv()
	cfg.Demo = true
	return cfg, err
}

// demoSecrets reads the demo's secrets file, writing a fresh one if absent.
func demoSecrets(path string) (secrets, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		s, err := newSecrets()
		if err != nil {
			return s, err
		}
		body := fmt.Sprintf("SHANZHI_DATA_KEYS=%s\nSHANZHI_INDEX_KEYS=%s\nSHANZHI_SECRET=%s\n", s.dataKeys, s.indexKeys, s.secret)
		return s, os.WriteFile(path, []byte(body), 0o600)
	}
	if err != nil {
		return secrets{}, err
	}
	defer f.Close()
	var s secrets
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, value, _ := strings.Cut(sc.Text(), "=")
		switch name {
		case "SHANZHI_DATA_KEYS":
			s.dataKeys = value
		case "SHANZHI_INDEX_KEYS":
			s.indexKeys = value
		case "SHANZHI_SECRET":
			s.secret = value
		}
	}
	return s, sc.Err()
}

func printDemo(out io.Writer, url string, logins []app.DemoLogin, took time.Duration) {
	fmt.Fprintf(out, "\n善治 Shanzhi demo — 栖霞区 — ready in %.1fs\n\n", took.Seconds())
	fmt.Fprintf(out, "  居民端 (phone):   %s/\n  工作台 (console): %s/console\n  API:             %s/api/v1/openapi.json\n\n", url, url, url)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  角色\t登录\t密码 / 验证码\t范围")
	for _, l := range logins {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", l.Role.Name(), l.Login, l.Secret, l.Where)
	}
	tw.Flush()
	fmt.Fprintln(out, "\n  Staff sign in at /console/login; residents at /login (the SMS simulator prints codes here).")
	fmt.Fprintln(out, "  Ctrl-C stops the demo; its data stays in the folder for the next run.")
}

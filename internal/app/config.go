// Package app wires Shanzhi together: configuration → database → services →
// routes → jobs. It holds no business rule of its own.
package app

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
)

// Config is everything a node needs to start, read from SHANZHI_* variables.
type Config struct {
	// DB is "sqlite:PATH" or a postgres:// URL (SHANZHI_DB).
	DB string
	// Addr is the listen address (SHANZHI_ADDR).
	Addr string
	// PublicURL is the address residents reach the site at, printed in
	// licences' QR codes (SHANZHI_PUBLIC_URL; default http://ADDR).
	PublicURL string
	// District is the tenant's division code (SHANZHI_DISTRICT), e.g. 320113.
	District string
	// DataKeys is the SM4 keyring for personal data, "id:base64,…" with the
	// current key first (SHANZHI_DATA_KEYS).
	DataKeys string
	// IndexKeys is the keyring of the SM3 blind indexes (SHANZHI_INDEX_KEYS).
	IndexKeys string
	// Secret signs anonymous CSRF tokens (SHANZHI_SECRET, base64).
	Secret string
	// InsecureCookies drops the Secure cookie flag for plain-HTTP localhost demos
	// (SHANZHI_INSECURE_COOKIES=1).
	InsecureCookies bool
	// SQLiteSynchronous is FULL (default) or NORMAL (SHANZHI_SQLITE_SYNCHRONOUS).
	SQLiteSynchronous string
	// SMS selects the SMS adapter: "console" is the local simulator (SHANZHI_SMS).
	SMS string
	// LogLevel is debug, info, warn or error (SHANZHI_LOG_LEVEL).
	LogLevel slog.Level
	// ShutdownGrace bounds a graceful stop (SHANZHI_SHUTDOWN_GRACE, e.g. 20s).
	ShutdownGrace time.Duration
	// RunJobs makes this node work background jobs (SHANZHI_RUN_JOBS, default 1).
	RunJobs bool
	// Demo marks the seeded demo (set by `shanzhi demo`, never by the
	// environment): pages then say where the simulators print.
	Demo bool
}

// ConfigFromEnv reads the configuration from the environment with defaults.
func ConfigFromEnv() (Config, error) {
	c := Config{
		DB:                env("SHANZHI_DB", "sqlite:data/shanzhi.db"),
		Addr:              env("SHANZHI_ADDR", "127.0.0.1:8080"),
		District:          env("SHANZHI_DISTRICT", "320113"),
		DataKeys:          os.Getenv("SHANZHI_DATA_KEYS"),
		IndexKeys:         os.Getenv("SHANZHI_INDEX_KEYS"),
		Secret:            os.Getenv("SHANZHI_SECRET"),
		InsecureCookies:   env("SHANZHI_INSECURE_COOKIES", "0") == "1",
		SQLiteSynchronous: strings.ToUpper(env("SHANZHI_SQLITE_SYNCHRONOUS", "FULL")),
		SMS:               env("SHANZHI_SMS", "console"),
		RunJobs:           env("SHANZHI_RUN_JOBS", "1") == "1",
	}
	c.PublicURL = strings.TrimRight(env("SHANZHI_PUBLIC_URL", "http://"+c.Addr), "/")
	if err := c.LogLevel.UnmarshalText([]byte(env("SHANZHI_LOG_LEVEL", "info"))); err != nil {
		return c, fmt.Errorf("app: config: SHANZHI_LOG_LEVEL: %w", err)
	}
	grace, err := time.ParseDuration(env("SHANZHI_SHUTDOWN_GRACE", "20s"))
	if err != nil {
		return c, fmt.Errorf("app: config: SHANZHI_SHUTDOWN_GRACE: %w", err)
	}
	c.ShutdownGrace = grace
	return c, c.validate()
}

func (c Config) validate() error {
	if len(c.District) != 6 {
		return fmt.Errorf("app: config: SHANZHI_DISTRICT must be a 6-digit division code, got %q", c.District)
	}
	if _, err := strconv.Atoi(c.District); err != nil {
		return fmt.Errorf("app: config: SHANZHI_DISTRICT must be digits, got %q", c.District)
	}
	switch c.SQLiteSynchronous {
	case "FULL", "NORMAL", "EXTRA":
	default:
		return fmt.Errorf("app: config: SHANZHI_SQLITE_SYNCHRONOUS must be FULL, NORMAL or EXTRA")
	}
	if c.SMS != "console" {
		return fmt.Errorf("app: config: SHANZHI_SMS: only the console simulator is built in, got %q", c.SMS)
	}
	return nil
}

// RequireSecrets fails when the keys that protect personal data are missing.
func (c Config) RequireSecrets() error {
	var missing []string
	for name, v := range map[string]string{
		"SHANZHI_DATA_KEYS": c.DataKeys, "SHANZHI_INDEX_KEYS": c.IndexKeys, "SHANZHI_SECRET": c.Secret,
	} {
		if v == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("app: config: missing %s (generate them with `shanzhi keys`)", strings.Join(missing, ", "))
	}
	return nil
}

func env(name, fallback string) string {
	if v, ok := os.LookupEnv(name); ok && v != "" {
		return v
	}
	return fallback
}

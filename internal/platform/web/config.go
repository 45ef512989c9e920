package web

import (
	"errors"
	"log/slog"
	"os"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Config wires a Router.
type Config struct {
	// DB is pinged by /readyz and stores Idempotency-Key results. Required.
	DB *db.DB
	// Renderer renders pages and error pages. Required.
	Renderer *Renderer
	// Metrics collects the Prometheus metrics served at /metrics; a new
	// one when nil.
	Metrics *Metrics
	// Sessions resolves session cookies; nil means nobody can sign in.
	Sessions SessionSource
	// APIKeys resolves "Authorization: Bearer" API keys; nil refuses them.
	APIKeys APIKeySource
	// CSRFKey signs the anonymous CSRF cookie: at least 32 secret bytes,
	// the same on every node.
	CSRFKey []byte
	// InsecureCookies drops the Secure flag, for a demo on http://localhost.
	InsecureCookies bool
	// Clock tells the time (anonymous token expiry, idempotency records);
	// DB.Clock when nil.
	Clock clock.Clock
	// Logger receives the request log; JSON on stderr when nil.
	Logger *slog.Logger
	// Version is the software version shown in the OpenAPI document.
	Version string
	// PublicURL is the site's external base URL (e.g. https://zw.example.gov.cn),
	// listed as an OpenAPI server when set.
	PublicURL string
	// MaxFormBytes bounds a page form post; 1 MiB when zero.
	MaxFormBytes int64
	// MaxUploadBytes bounds a multipart page post; 32 MiB when zero.
	MaxUploadBytes int64
	// MaxIdempotentBytes bounds the body of an API POST carrying an
	// Idempotency-Key (it is read whole to be hashed); 1 MiB when zero.
	MaxIdempotentBytes int64
	// ReadyTimeout bounds the database ping of /readyz; 2 s when zero.
	ReadyTimeout time.Duration
	// IdempotencyTTL is how long a stored result is replayed; 24 h when zero.
	IdempotencyTTL time.Duration
	// IdempotencyWait is how long a duplicate waits for the first request
	// to finish before it gets 409; 10 s when zero.
	IdempotencyWait time.Duration
}

// minCSRFKey is the shortest accepted CSRF signing key, in bytes.
const minCSRFKey = 32

func (c *Config) validate() error {
	if c.DB == nil {
		return errors.New("web: config: DB is required")
	}
	if c.Renderer == nil {
		return errors.New("web: config: Renderer is required")
	}
	if len(c.CSRFKey) < minCSRFKey {
		return errors.New("web: config: CSRFKey must be at least 32 bytes")
	}
	return nil
}

func (c *Config) setDefaults() {
	if c.Metrics == nil {
		c.Metrics = NewMetrics()
	}
	if c.Clock == nil {
		c.Clock = c.DB.Clock
	}
	if c.Clock == nil {
		c.Clock = clock.System{}
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewJSONHandler(os.Stderr, nil))
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	setDefault(&c.MaxFormBytes, 1<<20)
	setDefault(&c.MaxUploadBytes, 32<<20)
	setDefault(&c.MaxIdempotentBytes, 1<<20)
	setDefault(&c.ReadyTimeout, 2*time.Second)
	setDefault(&c.IdempotencyTTL, 24*time.Hour)
	setDefault(&c.IdempotencyWait, 10*time.Second)
}

func setDefault[T int64 | time.Duration](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

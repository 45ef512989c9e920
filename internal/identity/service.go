package identity

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// Service manages accounts, sign-in, sessions, grants and enterprises. It
// keeps no state of its own beyond configuration: everything lives in the
// database, so any number of nodes can serve the same district.
type Service struct {
	d     *db.DB
	keys  *gm.Keyring
	index *gm.BlindIndexer
	sms   notify.SMSSender
	q     *jobs.Queue
	cfg   Config
	log   *slog.Logger

	dummyOnce sync.Once
	dummyHash string

	lookupOnce sync.Once
	lookupStmt *sql.Stmt
}

// New returns the identity service. keys encrypts personal data and TOTP
// secrets; cfg.Index computes blind indexes; sms sends login codes and
// welcome messages; q receives the jobs that follow account changes. A nil
// log logs nothing.
func New(d *db.DB, keys *gm.Keyring, sms notify.SMSSender, q *jobs.Queue, cfg Config, log *slog.Logger) (*Service, error) {
	switch {
	case d == nil:
		return nil, errors.New("identity: new: no database")
	case keys == nil:
		return nil, errors.New("identity: new: no data keyring")
	case cfg.Index == nil:
		return nil, errors.New("identity: new: no blind index keys (Config.Index)")
	case sms == nil:
		return nil, errors.New("identity: new: no SMS sender")
	case q == nil:
		return nil, errors.New("identity: new: no job queue")
	}
	if err := cfg.Password.validate(); err != nil {
		return nil, fmt.Errorf("identity: new: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	return &Service{d: d, keys: keys, index: cfg.Index, sms: sms, q: q, cfg: cfg, log: log}, nil
}

// Config returns the configuration in force, defaults filled in.
func (s *Service) Config() Config { return s.cfg }

// now is the current time for reads outside transactions.
func (s *Service) now() time.Time { return s.d.Clock.Now().UTC() }

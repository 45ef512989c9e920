package verify

import (
	"errors"
	"log/slog"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// actOwn is the one action of the module: a resident or enterprise user
// starts, checks and reads their own verifications (self scope).
var actOwn = authz.Define("verify.own", "办理本人身份核验", authz.RoleResident, authz.RoleEnterprise)

// Service runs identity verifications. Like every Shanzhi service it keeps
// its state in the database, so any number of nodes may serve one district.
type Service struct {
	d       *db.DB
	keys    *gm.Keyring
	index   *gm.BlindIndexer
	carrier CarrierCheck
	face    FaceMatch
	cfg     Config
	log     *slog.Logger
}

// New returns the service. keys encrypts personal data; carrier and face
// are the providers (NewCarrierSimulator and NewFaceSimulator locally);
// cfg.SMS sends the verification's one-time codes (the district's SMS
// adapter). A nil log logs nothing.
func New(d *db.DB, keys *gm.Keyring, carrier CarrierCheck, face FaceMatch, cfg Config, log *slog.Logger) (*Service, error) {
	switch {
	case d == nil:
		return nil, errors.New("verify: new: no database")
	case keys == nil:
		return nil, errors.New("verify: new: no data keyring")
	case cfg.Index == nil:
		return nil, errors.New("verify: new: no blind index keys (Config.Index)")
	case carrier == nil || face == nil:
		return nil, errors.New("verify: new: carrier and face providers are required")
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	if cfg.SMS == nil {
		log.Warn("verify: no SMS sender (Config.SMS): the SMS code step answers unavailable, so L2 and L3 cannot be reached")
	}
	return &Service{d: d, keys: keys, index: cfg.Index, carrier: carrier, face: face, cfg: cfg, log: log}, nil
}

// WithSMS returns a copy of the service, over the same database, that
// sends its codes through sms. The demo's seeding uses it with a recorder
// it owns, so that it can read back the codes of the applications it files
// as the demo resident without a bypass of the SMS step (the demo's own
// SMS adapter is a console simulator nobody reads from code).
func (s *Service) WithSMS(sms notify.SMSSender) *Service {
	if sms == nil {
		panic("verify: WithSMS needs a sender")
	}
	c := *s
	c.cfg.SMS = sms
	return &c
}

// Config returns the configuration in force, defaults filled in.
func (s *Service) Config() Config { return s.cfg }

// now is the current time for reads outside transactions.
func (s *Service) now() time.Time { return s.d.Clock.Now().UTC() }

// selfOf is the actor's own scope; nil-safe so Check can answer "sign in".
func selfOf(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.Self(0)
	}
	return authz.Self(a.AccountID)
}

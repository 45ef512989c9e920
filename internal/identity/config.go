package identity

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Config tunes the identity service. Zero fields take the defaults of
// DefaultConfig, except Index, which is required.
type Config struct {
	// Index computes the keyed SM3 blind indexes of phone and ID numbers
	// (and keys the SMS code hashes). Required.
	Index *gm.BlindIndexer

	// MaxFailedLogins consecutive wrong passwords (or TOTP codes) lock a
	// staff account for LockoutPeriod. Default 5 and 15 minutes.
	MaxFailedLogins int
	LockoutPeriod   time.Duration

	// Staff sessions end after StaffIdle without a request or StaffAbsolute
	// after sign-in: 30 minutes and 12 hours by default (a working day,
	// on shared counter computers).
	StaffIdle     time.Duration
	StaffAbsolute time.Duration
	// Public (resident and enterprise) sessions: 7 days idle and 30 days
	// absolute by default. Residents use their own phones, the pages show
	// personal data only masked, and signing steps of later modules ask
	// for a fresh SMS code.
	PublicIdle     time.Duration
	PublicAbsolute time.Duration
	// TouchEvery bounds how often Lookup writes last_seen_at: at most once
	// per interval per session (default 1 minute), so a page view is
	// normally a read only.
	TouchEvery time.Duration

	// SMS login codes live SMSCodeTTL (5 minutes) and are burnt after
	// SMSMaxAttempts wrong tries (5).
	SMSCodeTTL     time.Duration
	SMSMaxAttempts int
	// SMS code requests: one per phone per SMSPhoneGap (60 s), SMSPhoneDaily
	// per phone per 24 h (10), SMSIPHourly per client address per hour
	// (30). Code checks: SMSVerifyIPHourly per address per hour (60).
	SMSPhoneGap       time.Duration
	SMSPhoneDaily     int
	SMSIPHourly       int
	SMSVerifyIPHourly int

	// Password is the argon2id cost for new hashes; see PasswordParams.
	Password PasswordParams
	// TOTPIssuer names the service in authenticator apps. Default "善治".
	TOTPIssuer string
}

// DefaultConfig returns the documented defaults (Index left nil).
func DefaultConfig() Config {
	return Config{
		MaxFailedLogins:   5,
		LockoutPeriod:     15 * time.Minute,
		StaffIdle:         30 * time.Minute,
		StaffAbsolute:     12 * time.Hour,
		PublicIdle:        7 * 24 * time.Hour,
		PublicAbsolute:    30 * 24 * time.Hour,
		TouchEvery:        time.Minute,
		SMSCodeTTL:        5 * time.Minute,
		SMSMaxAttempts:    5,
		SMSPhoneGap:       60 * time.Second,
		SMSPhoneDaily:     10,
		SMSIPHourly:       30,
		SMSVerifyIPHourly: 60,
		Password:          DefaultPasswordParams(),
		TOTPIssuer:        "善治",
	}
}

// withDefaults fills every zero field from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	setDur(&c.LockoutPeriod, d.LockoutPeriod)
	setDur(&c.StaffIdle, d.StaffIdle)
	setDur(&c.StaffAbsolute, d.StaffAbsolute)
	setDur(&c.PublicIdle, d.PublicIdle)
	setDur(&c.PublicAbsolute, d.PublicAbsolute)
	setDur(&c.TouchEvery, d.TouchEvery)
	setDur(&c.SMSCodeTTL, d.SMSCodeTTL)
	setDur(&c.SMSPhoneGap, d.SMSPhoneGap)
	setInt(&c.MaxFailedLogins, d.MaxFailedLogins)
	setInt(&c.SMSMaxAttempts, d.SMSMaxAttempts)
	setInt(&c.SMSPhoneDaily, d.SMSPhoneDaily)
	setInt(&c.SMSIPHourly, d.SMSIPHourly)
	setInt(&c.SMSVerifyIPHourly, d.SMSVerifyIPHourly)
	if c.Password == (PasswordParams{}) {
		c.Password = d.Password
	}
	if c.TOTPIssuer == "" {
		c.TOTPIssuer = d.TOTPIssuer
	}
	return c
}

func setDur(p *time.Duration, def time.Duration) {
	if *p <= 0 {
		*p = def
	}
}

func setInt(p *int, def int) {
	if *p <= 0 {
		*p = def
	}
}

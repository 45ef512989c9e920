package verify

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Config tunes the verification service. Zero fields take the defaults of
// DefaultConfig, except Index, which is required.
type Config struct {
	// Index computes the blind index of ID numbers and of the sign-in phone
	// (the identity module's index keys). Required.
	Index *gm.BlindIndexer
	// SMS sends the verification's one-time codes: the district's SMS
	// adapter. Without it the SMS code step answers unavailable, so L2 and
	// L3 cannot be reached.
	SMS notify.SMSSender
	// TTL is how long a verification is valid after Start: 30 minutes.
	TTL time.Duration
	// MaxCarrierAttempts and MaxFaceAttempts bound the checks of one
	// verification, passed or not: 5 each.
	MaxCarrierAttempts int
	MaxFaceAttempts    int
	// FaceThreshold is the lowest similarity score that passes: 0.80.
	FaceThreshold float64
	// MaxImageBytes bounds a face capture: 1 MiB (a phone capture SDK sends
	// some 100 KB; 1 MiB is also the router's default body limit for a
	// POST with an Idempotency-Key).
	MaxImageBytes int64
	// ProviderTimeout bounds one provider call: 10 seconds.
	ProviderTimeout time.Duration
	// SMSCodeTTL is how long a verification's SMS code is valid: 5 minutes.
	SMSCodeTTL time.Duration
	// MaxSMSAttempts bounds the wrong entries of one code: 5; the fifth
	// burns it.
	MaxSMSAttempts int
	// SMSResendGap is the wait between two codes of one verification: 1
	// minute; MaxSMSSends bounds the codes of one verification: 5.
	SMSResendGap time.Duration
	MaxSMSSends  int
}

// DefaultConfig returns the documented defaults (Index and SMS left nil).
func DefaultConfig() Config {
	return Config{TTL: 30 * time.Minute, MaxCarrierAttempts: 5, MaxFaceAttempts: 5,
		FaceThreshold: 0.80, MaxImageBytes: 1 << 20, ProviderTimeout: 10 * time.Second,
		SMSCodeTTL: 5 * time.Minute, MaxSMSAttempts: 5, SMSResendGap: time.Minute, MaxSMSSends: 5}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.TTL <= 0 {
		c.TTL = d.TTL
	}
	if c.MaxCarrierAttempts <= 0 {
		c.MaxCarrierAttempts = d.MaxCarrierAttempts
	}
	if c.MaxFaceAttempts <= 0 {
		c.MaxFaceAttempts = d.MaxFaceAttempts
	}
	if c.FaceThreshold <= 0 || c.FaceThreshold > 1 {
		c.FaceThreshold = d.FaceThreshold
	}
	if c.MaxImageBytes <= 0 {
		c.MaxImageBytes = d.MaxImageBytes
	}
	if c.ProviderTimeout <= 0 {
		c.ProviderTimeout = d.ProviderTimeout
	}
	return c.smsDefaults(d)
}

// smsDefaults fills in the SMS code settings.
func (c Config) smsDefaults(d Config) Config {
	if c.SMSCodeTTL <= 0 {
		c.SMSCodeTTL = d.SMSCodeTTL
	}
	if c.MaxSMSAttempts <= 0 {
		c.MaxSMSAttempts = d.MaxSMSAttempts
	}
	if c.SMSResendGap <= 0 {
		c.SMSResendGap = d.SMSResendGap
	}
	if c.MaxSMSSends <= 0 {
		c.MaxSMSSends = d.MaxSMSSends
	}
	return c
}

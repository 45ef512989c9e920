package verify

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Status is where a verification stands.
type Status string

// The statuses; expired and used are final.
const (
	StatusOpen    Status = "open"
	StatusUsed    Status = "used"
	StatusExpired Status = "expired"
)

// Verification is one account's identity verification for one purpose.
type Verification struct {
	ID        string
	District  string
	AccountID int64
	Purpose   string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time

	// Name, IDNumber and Phone are set once the carrier check passed; they
	// print redacted and marshal masked.
	Name     gm.Sensitive
	IDNumber gm.Sensitive
	Phone    gm.Sensitive
	// IDIndex is the blind index of the ID number ("" before the carrier
	// check), for comparing with other records without decrypting.
	IDIndex string

	Carrier         Step
	CarrierAttempts int
	// SMS is the fresh one-time code sent to the verified phone; SMSSends
	// counts the codes sent, SMSAttempts the wrong entries of the current
	// one, SMSSentAt and SMSExpiresAt time it (nil before the first).
	SMS          Step
	SMSSends     int
	SMSAttempts  int
	SMSSentAt    *time.Time
	SMSExpiresAt *time.Time
	Face         Step
	FaceAttempts int
	// FaceScore is the similarity of the passing face check.
	FaceScore float64

	// Checks lists every check made, oldest first.
	Checks []CheckRecord
}

// Step is a check that passed: when and with which provider.
type Step struct {
	Provider  string
	Reference string
	PassedAt  *time.Time
}

// Passed reports whether the step passed.
func (s Step) Passed() bool { return s.PassedAt != nil }

// CheckRecord is one check made, passed or not.
type CheckRecord struct {
	Kind      string // carrier or face
	Provider  string
	Outcome   string // carrier or face outcome, pass/fail for faces, error
	Score     float64
	Reference string
	At        time.Time
}

// Achieved is the level the checks reached, whatever the validity: L2
// needs the carrier check and the fresh SMS code, L3 the face match too.
func (v Verification) Achieved() Level {
	switch {
	case !v.Carrier.Passed() || !v.SMS.Passed():
		return L1
	case v.Face.Passed():
		return L3
	}
	return L2
}

// NextStep names the check to make next: "carrier", "sms", "face", or
// "" once all passed (whatever the validity).
func (v Verification) NextStep() string {
	switch {
	case !v.Carrier.Passed():
		return kindCarrier
	case !v.SMS.Passed():
		return kindSMS
	case !v.Face.Passed():
		return kindFace
	}
	return ""
}

// StatusAt tells whether the verification is open, used or expired at now.
func (v Verification) StatusAt(now time.Time) Status {
	switch {
	case v.UsedAt != nil:
		return StatusUsed
	case !now.Before(v.ExpiresAt):
		return StatusExpired
	}
	return StatusOpen
}

// LevelAt is the level the verification vouches for at now: Achieved while
// open, L0 once used or expired.
func (v Verification) LevelAt(now time.Time) Level {
	if v.StatusAt(now) != StatusOpen {
		return L0
	}
	return v.Achieved()
}

// Check kinds and outcomes written by the service besides the providers'.
const (
	kindCarrier  = "carrier"
	kindSMS      = "sms"
	kindFace     = "face"
	outcomePass  = "pass"
	outcomeFail  = "fail"
	outcomeError = "error"
)

package verify

import "time"

// StartRequest is the body of POST /verifications.
type StartRequest struct {
	// Purpose names what the verification is for, e.g. "application:1024".
	Purpose string `json:"purpose"`
}

// CarrierRequest is the body of POST /verifications/{id}/carrier.
type CarrierRequest struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	// Phone must be the number the caller signed in with.
	Phone string `json:"phone"`
}

// CodeRequest is the body of POST /verifications/{id}/sms/check.
type CodeRequest struct {
	// Code is the 6-digit code texted by POST /verifications/{id}/sms.
	Code string `json:"code"`
}

// VerificationResource is a verification as the API shows it: personal
// data masked.
type VerificationResource struct {
	ID        string `json:"id"`
	Purpose   string `json:"purpose"`
	Status    string `json:"status"`
	Level     int    `json:"level"`
	LevelName string `json:"level_name"`
	// NextStep is "carrier", "sms", "face" or "" (nothing left, or no
	// longer open).
	NextStep            string     `json:"next_step"`
	CreatedAt           time.Time  `json:"created_at"`
	ExpiresAt           time.Time  `json:"expires_at"`
	UsedAt              *time.Time `json:"used_at,omitempty"`
	Name                string     `json:"name,omitempty"`
	IDNumber            string     `json:"id_number,omitempty"`
	Phone               string     `json:"phone,omitempty"`
	CarrierAttemptsLeft int        `json:"carrier_attempts_left"`
	FaceAttemptsLeft    int        `json:"face_attempts_left"`
	// SMSSendsLeft is how many codes may still be sent; SMSAttemptsLeft
	// the tries left on the current code; SMSSentAt and SMSExpiresAt time
	// the current code; SMSResendAt is when another may be asked for.
	SMSSendsLeft    int             `json:"sms_sends_left"`
	SMSAttemptsLeft int             `json:"sms_attempts_left"`
	SMSSentAt       *time.Time      `json:"sms_sent_at,omitempty"`
	SMSExpiresAt    *time.Time      `json:"sms_expires_at,omitempty"`
	SMSResendAt     *time.Time      `json:"sms_resend_at,omitempty"`
	SMSPassedAt     *time.Time      `json:"sms_passed_at,omitempty"`
	Checks          []CheckResource `json:"checks"`
}

// CheckResource is one check made.
type CheckResource struct {
	Kind     string    `json:"kind"`
	Provider string    `json:"provider"`
	Outcome  string    `json:"outcome"`
	Score    float64   `json:"score,omitempty"`
	At       time.Time `json:"at"`
}

// resource renders v as of now for the API.
func (s *Service) resource(v Verification, now time.Time) VerificationResource {
	st := v.StatusAt(now)
	r := VerificationResource{ID: v.ID, Purpose: v.Purpose, Status: string(st), Level: int(v.Achieved()),
		LevelName: v.Achieved().Name(), CreatedAt: v.CreatedAt, ExpiresAt: v.ExpiresAt, UsedAt: v.UsedAt,
		Name: v.Name.Masked(), IDNumber: v.IDNumber.Masked(), Phone: v.Phone.Masked(),
		CarrierAttemptsLeft: max(0, s.cfg.MaxCarrierAttempts-v.CarrierAttempts),
		FaceAttemptsLeft:    max(0, s.cfg.MaxFaceAttempts-v.FaceAttempts), Checks: []CheckResource{},
		SMSSendsLeft: max(0, s.cfg.MaxSMSSends-v.SMSSends), SMSAttemptsLeft: max(0, s.cfg.MaxSMSAttempts-v.SMSAttempts),
		SMSSentAt: v.SMSSentAt, SMSExpiresAt: v.SMSExpiresAt, SMSPassedAt: v.SMS.PassedAt}
	if v.SMSSentAt != nil {
		at := v.SMSSentAt.Add(s.cfg.SMSResendGap)
		r.SMSResendAt = &at
	}
	if st == StatusOpen {
		r.NextStep = v.NextStep()
	}
	for _, c := range v.Checks {
		r.Checks = append(r.Checks, CheckResource{Kind: c.Kind, Provider: c.Provider, Outcome: c.Outcome, Score: c.Score, At: c.At})
	}
	return r
}

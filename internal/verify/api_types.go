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

// VerificationResource is a verification as the API shows it: personal
// data masked.
type VerificationResource struct {
	ID        string `json:"id"`
	Purpose   string `json:"purpose"`
	Status    string `json:"status"`
	Level     int    `json:"level"`
	LevelName string `json:"level_name"`
	// NextStep is "carrier", "face" or "" (nothing left, or no longer open).
	NextStep            string          `json:"next_step"`
	CreatedAt           time.Time       `json:"created_at"`
	ExpiresAt           time.Time       `json:"expires_at"`
	UsedAt              *time.Time      `json:"used_at,omitempty"`
	Name                string          `json:"name,omitempty"`
	IDNumber            string          `json:"id_number,omitempty"`
	Phone               string          `json:"phone,omitempty"`
	CarrierAttemptsLeft int             `json:"carrier_attempts_left"`
	FaceAttemptsLeft    int             `json:"face_attempts_left"`
	Checks              []CheckResource `json:"checks"`
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
		FaceAttemptsLeft:    max(0, s.cfg.MaxFaceAttempts-v.FaceAttempts), Checks: []CheckResource{}}
	if st == StatusOpen {
		switch {
		case !v.Carrier.Passed():
			r.NextStep = kindCarrier
		case !v.Face.Passed():
			r.NextStep = kindFace
		}
	}
	for _, c := range v.Checks {
		r.Checks = append(r.Checks, CheckResource{Kind: c.Kind, Provider: c.Provider, Outcome: c.Outcome, Score: c.Score, At: c.At})
	}
	return r
}

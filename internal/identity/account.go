package identity

import (
	"database/sql"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Status is an account's state.
type Status string

// The account states.
const (
	// StatusActive accounts may sign in.
	StatusActive Status = "active"
	// StatusLocked accounts are locked after repeated failed sign-ins, until
	// LockedUntil or until an administrator unlocks them (SetStatus active).
	StatusLocked Status = "locked"
	// StatusDisabled accounts may not sign in; their sessions are ended.
	StatusDisabled Status = "disabled"
)

// AccountView is an account as shown on pages and in the API. Personal data
// is masked: Phone as 138****5678, IDNumber as 320113********123X. RealName
// is shown in full to its owner (Me) and masked to administrators
// (Account); RevealPII gives the raw values to those who may see them.
type AccountView struct {
	ID                 int64
	District           string
	Kind               authz.AccountKind
	DisplayName        string
	Status             Status
	LockedUntil        *time.Time
	Username           string // staff only
	Phone              string // masked; "" when none
	RealName           string
	IDNumber           string // masked; "" when none
	RealNameVerifiedAt *time.Time
	TOTPEnabled        bool
	Grants             []authz.Grant
	LastLoginAt        *time.Time
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// PII is an account's personal data in clear, for the few who must see it.
type PII struct {
	RealName string
	IDNumber string
	Phone    string
}

// accountRow is one row of accounts.
type accountRow struct {
	id           int64
	district     string
	kind         authz.AccountKind
	displayName  string
	status       Status
	username     sql.NullString
	passwordHash sql.NullString
	failedLogins int
	lockedUntil  sql.NullTime
	totpSecret   sql.NullString
	totpPending  sql.NullString
	totpLastStep int64
	phoneEnc     sql.NullString
	realName     sql.NullString
	idNumberEnc  sql.NullString
	verifiedAt   sql.NullTime
	lastLoginAt  sql.NullTime
	createdAt    time.Time
	updatedAt    time.Time
}

// actor returns the row's account as an actor without a session.
func (a *accountRow) actor(grants []authz.Grant) *authz.Actor {
	return &authz.Actor{AccountID: a.id, Kind: a.kind, Name: a.displayName, District: a.district, Grants: grants}
}

// lockedAt reports whether the row is locked at now, and until when. A
// lock always has an end (the lockout period); an administrator may lift
// it earlier with SetStatus.
func (a *accountRow) lockedAt(now time.Time) (bool, time.Time) {
	if a.status != StatusLocked || !a.lockedUntil.Valid {
		return false, time.Time{}
	}
	return a.lockedUntil.Time.After(now), a.lockedUntil.Time
}

// auditState is what the audit log digests of an account: no personal data
// in clear (the digest of a phone number could be reversed by trying every
// number), only masked values and blind indexes.
type auditState struct {
	Kind        authz.AccountKind `json:"kind"`
	DisplayName string            `json:"display_name"`
	Status      Status            `json:"status"`
	Username    string            `json:"username,omitempty"`
	TOTP        bool              `json:"totp"`
	Grants      []string          `json:"grants,omitempty"`
}

func (a *accountRow) audit() auditState {
	return auditState{Kind: a.kind, DisplayName: a.displayName, Status: a.status,
		Username: a.username.String, TOTP: a.totpSecret.Valid}
}

func nullTimePtr(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

package rating

import (
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// State is where a rectification case stands.
type State string

// The states of a rectification case.
const (
	StateOpen      State = "open"      // 待整改: callback and measures due
	StateSubmitted State = "submitted" // 待审核: the unit has answered
	StateClosed    State = "closed"    // 已办结: accepted by a supervisor
)

var stateNames = map[State]string{StateOpen: "待整改", StateSubmitted: "待审核", StateClosed: "已办结"}

// Name is the state's Chinese name.
func (s State) Name() string { return stateNames[s] }

// Rectification is the case a bad rating opens for its units.
type Rectification struct {
	ID          int64      `json:"id"`
	Rating      Rating     `json:"rating"`
	District    string     `json:"district"`
	Department  string     `json:"department,omitempty"`
	Point       string     `json:"point,omitempty"`
	State       State      `json:"state"`
	StateName   string     `json:"state_name"`
	OpenedAt    time.Time  `json:"opened_at"`
	DueAt       time.Time  `json:"due_at"`
	Overdue     bool       `json:"overdue"`
	Measures    string     `json:"measures,omitempty"`
	SubmittedAt time.Time  `json:"submitted_at,omitzero"`
	SubmittedBy int64      `json:"submitted_by,omitempty"`
	Returns     int        `json:"returns"`
	ReviewNote  string     `json:"review_note,omitempty"`
	ReviewedAt  time.Time  `json:"reviewed_at,omitzero"`
	ReviewedBy  int64      `json:"reviewed_by,omitempty"`
	Callbacks   []Callback `json:"callbacks"`
}

// Callback is one call to the person who rated (回访).
type Callback struct {
	ID       int64     `json:"id"`
	CalledBy int64     `json:"called_by"`
	CalledAt time.Time `json:"called_at"`
	Reached  bool      `json:"reached"`
	Note     string    `json:"note"`
}

// Limits of the free texts.
const (
	maxNote     = 1000
	maxMeasures = 2000
)

// CallbackInput records a call. CalledAt defaults to now and may not lie
// in the future nor before the case was opened.
type CallbackInput struct {
	CalledAt time.Time `json:"called_at,omitzero"`
	Reached  bool      `json:"reached"`
	Note     string    `json:"note"`
}

// SubmitInput is the unit's answer: the measures taken.
type SubmitInput struct {
	Measures string `json:"measures"`
}

// Outcome is a supervisor's review.
type Outcome string

// The review outcomes.
const (
	Accepted Outcome = "accepted" // 通过，办结
	Returned Outcome = "returned" // 退回重新整改
)

// ReviewInput is a supervisor's review.
type ReviewInput struct {
	Outcome Outcome `json:"outcome"`
	Note    string  `json:"note"`
}

// text checks a required free text of at most max characters.
func text(field, label, v string, max int) error {
	if v == "" {
		return apperr.Invalid(field, "请填写"+label)
	}
	if utf8.RuneCountInString(v) > max {
		return apperr.Invalid(field, label+"过长")
	}
	return nil
}

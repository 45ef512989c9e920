package supervision

import "time"

// Kinds of inspection task.
const (
	KindRoutine    = "routine"    // after an ordinary licence
	KindCommitment = "commitment" // on-site verification of a 告知承诺
	KindRevisit    = "revisit"    // after a rectification deadline
)

// Outcomes of a visit.
const (
	OutcomeCompliant       = "compliant"
	OutcomeRectify         = "rectify"
	OutcomeFalseCommitment = "false_commitment"
)

// Task states.
const (
	StateOpen = "open"
	StateDone = "done"
)

// Task is one inspection to carry out at a registered business.
type Task struct {
	ID            int64     `json:"id"`
	District      string    `json:"district"`
	Street        string    `json:"street"` // "" when no street could be told
	ApplicationID int64     `json:"application_id"`
	ApplicationNo string    `json:"application_no"`
	Kind          string    `json:"kind"`
	ParentID      int64     `json:"parent_id,omitempty"`
	ItemCode      string    `json:"item_code"`
	ItemName      string    `json:"item_name"`
	Department    string    `json:"department"`
	EntityName    string    `json:"entity_name"`
	Address       string    `json:"address"`
	Checklist     []string  `json:"checklist"`
	DueOn         string    `json:"due_on"` // YYYY-MM-DD, China time
	State         string    `json:"state"`
	Outcome       string    `json:"outcome,omitempty"`
	DecidedAt     time.Time `json:"decided_at"`
	CreatedAt     time.Time `json:"created_at"`
	// ApplicantID is the account that filed the application (0 for tasks
	// made before it was kept); not shown to inspectors.
	ApplicantID int64 `json:"-"`
	// DistanceKM is the distance from the inspector to the task's street
	// centre, when both are known; -1 otherwise.
	DistanceKM float64 `json:"distance_km"`
	Overdue    bool    `json:"overdue"`
}

// KindName is the task kind in Chinese.
func (t Task) KindName() string {
	switch t.Kind {
	case KindCommitment:
		return "告知承诺核查"
	case KindRevisit:
		return "整改复查"
	}
	return "许可后检查"
}

// OutcomeName is the outcome of a visit in Chinese.
func OutcomeName(o string) string {
	switch o {
	case OutcomeCompliant:
		return "符合要求"
	case OutcomeRectify:
		return "责令整改"
	case OutcomeFalseCommitment:
		return "虚假承诺"
	}
	return ""
}

// chinaTime is the zone due dates are counted in.
var chinaTime = time.FixedZone("CST", 8*60*60)

// DefaultDueDays is the number of working days an inspection is due
// within when the wiring does not say otherwise.
const DefaultDueDays = 10

// OutcomeName is the task's outcome in Chinese.
func (t Task) OutcomeName() string { return OutcomeName(t.Outcome) }

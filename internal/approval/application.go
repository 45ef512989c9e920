package approval

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
)

// Application is one application (办件) as its applicant and the staff
// handling it see it. Form values and related persons are personal data:
// they are decrypted only for people who may read the application.
type Application struct {
	ID            int64          `json:"id"`
	District      string         `json:"district"`
	Number        string         `json:"number,omitempty"` // 办件编号, from first submission
	ItemCode      string         `json:"item_code"`
	ItemVersion   int            `json:"item_version"`
	ItemName      string         `json:"item_name"`
	Bundle        []ItemRef      `json:"bundle,omitempty"` // items approved together (证照联办)
	ApplicantID   int64          `json:"applicant_id"`
	ApplicantKind ApplicantKind  `json:"applicant_kind"`
	AgentID       int64          `json:"agent_id,omitempty"`
	State         State          `json:"state"`
	Form          map[string]any `json:"form"`
	Parties       []Party        `json:"parties"`
	UseCommitment bool           `json:"use_commitment"`
	CreditOutcome string         `json:"credit_outcome,omitempty"`
	ClaimedBy     int64          `json:"claimed_by,omitempty"`
	AcceptedAt    time.Time      `json:"accepted_at,omitzero"`
	AcceptedBy    int64          `json:"accepted_by,omitempty"`
	AcceptedPoint string         `json:"accepted_point,omitempty"`
	AcceptanceNo  string         `json:"acceptance_no,omitempty"`
	LegalDays     int            `json:"legal_days"`
	PromisedDays  int            `json:"promised_days"`
	DecidedAt     time.Time      `json:"decided_at,omitzero"`
	Decision      string         `json:"decision,omitempty"`
	DecisionNo    string         `json:"decision_no,omitempty"`
	Reason        string         `json:"decision_reason,omitempty"`
	SLAFlag       string         `json:"sla_flag,omitempty"` // warning | overdue
	Revision      int            `json:"revision"`
	CreatedAt     time.Time      `json:"created_at"`
	SubmittedAt   time.Time      `json:"submitted_at,omitzero"`
	UpdatedAt     time.Time      `json:"updated_at"`
}

// ApplicantKind says whether a person or an enterprise applies.
type ApplicantKind string

// The kinds of applicant.
const (
	ApplicantResident   ApplicantKind = "resident"
	ApplicantEnterprise ApplicantKind = "enterprise"
)

// ItemRef names one catalogue item version.
type ItemRef struct {
	Code    string `json:"code"`
	Version int    `json:"version"`
}

// Party is a related person of an application (股东, 法定代表人 …). Code is
// an ID number for a person and a credit code for an entity.
type Party struct {
	Role        PartyRole `json:"role"`
	SubjectKind string    `json:"subject_kind"` // person | entity
	Name        string    `json:"name"`
	Code        string    `json:"code"`
}

// PartyRole is the part a related person plays.
type PartyRole string

// The roles of related persons.
const (
	PartyApplicant   PartyRole = "applicant"   // 申请人 (as verified; not entered in a draft)
	PartyLegalRep    PartyRole = "legal_rep"   // 法定代表人 / 经营者
	PartyShareholder PartyRole = "shareholder" // 股东
	PartyDirector    PartyRole = "director"    // 董事
	PartySupervisor  PartyRole = "supervisor"  // 监事
	PartyManager     PartyRole = "manager"     // 经理
	PartyAgent       PartyRole = "agent"       // 委托代理人
)

var partyRoleNames = map[PartyRole]string{
	PartyApplicant: "申请人", PartyLegalRep: "法定代表人", PartyShareholder: "股东", PartyDirector: "董事",
	PartySupervisor: "监事", PartyManager: "经理", PartyAgent: "委托代理人",
}

// Name is the role's Chinese name.
func (r PartyRole) Name() string {
	if n, ok := partyRoleNames[r]; ok {
		return n
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r PartyRole) Valid() bool { _, ok := partyRoleNames[r]; return ok }

// Filed is an application with the catalogue versions it was filed under.
type Filed struct {
	Application
	Items []catalog.Version // the main item first, then the bundle
}

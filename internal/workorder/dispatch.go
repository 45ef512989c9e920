package workorder

import (
	"strings"
	"time"
)

// Dispatch (派单): a versioned catalogue (派单目录) of rules "orders of this
// category in this place go to this unit, in this mode", the category's
// default handler rule when no rule matches, and the hops of every order
// between units (workorder_assignments), each recorded as an event.

// UnitKind is the kind of unit an order may be sent to.
type UnitKind string

// The unit kinds. Property units are the estate's property company of a
// community: the organisation module keeps no property companies yet, so
// a property unit is named by the community it serves, and its members
// are the property staff whose scope covers that community.
const (
	KindCommunity  UnitKind = "community"  // 社区 (community social workers)
	KindGrid       UnitKind = "grid"       // 网格 (the grid's workers)
	KindStreet     UnitKind = "street"     // 街道
	KindDepartment UnitKind = "department" // 区级部门
	KindProperty   UnitKind = "property"   // 小区物业
)

var unitKindNames = map[UnitKind]string{KindCommunity: "社区", KindGrid: "网格", KindStreet: "街道",
	KindDepartment: "部门", KindProperty: "物业"}

// UnitKinds lists the kinds, in the editor's order.
var UnitKinds = []UnitKind{KindCommunity, KindGrid, KindStreet, KindDepartment, KindProperty}

// Name is the kind's Chinese name.
func (k UnitKind) Name() string { return nameOr(unitKindNames, k) }

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool { _, ok := unitKindNames[k]; return ok }

// local reports whether units of the kind sit below the street: sending a
// department's matter to them is a push-down (下派).
func (k UnitKind) local() bool { return k == KindCommunity || k == KindGrid }

// Team narrows a unit to one of its teams ("" is the whole unit).
type Team string

// The teams.
const (
	TeamAll         Team = ""
	TeamEnforcement Team = "enforcement" // 综合执法队: inspectors only
)

var teamNames = map[Team]string{TeamAll: "", TeamEnforcement: "综合执法队"}

// Valid reports whether t is a known team.
func (t Team) Valid() bool { _, ok := teamNames[t]; return ok }

// Target is a unit an order is sent to. An empty Code in a rule means "the
// order's own" community, grid, street or (for property) community.
type Target struct {
	Kind UnitKind `json:"kind"`
	Code string   `json:"code,omitempty"`
	Team Team     `json:"team,omitempty"`
}

// Ref is the unit as one string, kind:code[/team]: what events carry in
// their unit column, so a property company and the community it serves
// (which share a code) stay apart in the measures.
func (u Target) Ref() string {
	s := string(u.Kind) + ":" + u.Code
	if u.Team != TeamAll {
		s += "/" + string(u.Team)
	}
	return s
}

// ParseTarget reads a unit written by Ref.
func ParseTarget(ref string) (Target, bool) {
	kind, rest, ok := strings.Cut(ref, ":")
	code, team, _ := strings.Cut(rest, "/")
	u := Target{Kind: UnitKind(kind), Code: code, Team: Team(team)}
	return u, ok && u.Kind.Valid() && u.Team.Valid()
}

// Mode says how a rule hands an order over.
type Mode string

// The modes.
const (
	ModeDirect Mode = "direct" // 直接派单: the unit's staff see it and sign (签收)
	ModeGrab   Mode = "grab"   // 抢单: offered to the unit's pool, the first nearby worker takes it
	ModeJoint  Mode = "joint"  // 主办/协办: a lead unit and co-units
)

var modeNames = map[Mode]string{ModeDirect: "直接派单", ModeGrab: "抢单", ModeJoint: "主办协办"}

// Name is the mode's Chinese name.
func (m Mode) Name() string { return nameOr(modeNames, m) }

// Valid reports whether m is a known mode.
func (m Mode) Valid() bool { _, ok := modeNames[m]; return ok }

// Rule is one line of the dispatch catalogue: orders of Category (a
// category or a group of the tree, "" for any) in Place (a street,
// community or grid code, "" for the whole district) go to Unit in Mode,
// with the Assists as co-units in joint mode. PushDown allows a
// department's matter to go to a community or grid.
type Rule struct {
	ID       int64    `json:"-"`
	Category string   `json:"category,omitempty"`
	Place    string   `json:"place,omitempty"`
	Unit     Target   `json:"unit"`
	Mode     Mode     `json:"mode"`
	Assists  []Target `json:"assists,omitempty"`
	PushDown bool     `json:"push_down,omitempty"`
	Note     string   `json:"note,omitempty"`
}

// Catalogue is one version of a district's dispatch catalogue. Its state
// follows the category tree's: draft, published (the one in force),
// retired.
type Catalogue struct {
	ID          int64      `json:"-"`
	District    string     `json:"district"`
	Version     int        `json:"version"`
	State       TreeState  `json:"state"`
	Note        string     `json:"note,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Rules       []Rule     `json:"rules"`
}

// AssignmentRole is a unit's part in an order: lead (主办) or assist (协办).
type AssignmentRole string

// The assignment roles.
const (
	RoleLead   AssignmentRole = "lead"
	RoleAssist AssignmentRole = "assist"
)

// AssignmentState is where one hop stands.
type AssignmentState string

// The assignment states.
const (
	AssignOffered   AssignmentState = "offered"   // in a grab pool
	AssignPending   AssignmentState = "pending"   // 待签收
	AssignAccepted  AssignmentState = "accepted"  // signed or grabbed
	AssignReturned  AssignmentState = "returned"  // 退单 (awaiting or after review)
	AssignWithdrawn AssignmentState = "withdrawn" // 改派 elsewhere, or the order closed unclaimed
	AssignDone      AssignmentState = "done"      // the order was resolved or closed
)

// Assignment is one hop of an order: a unit's lead or assist part.
type Assignment struct {
	ID           int64           `json:"-"`
	OrderID      int64           `json:"-"`
	Role         AssignmentRole  `json:"role"`
	Mode         Mode            `json:"mode"`
	Unit         Target          `json:"unit"`
	AccountID    int64           `json:"-"`
	RuleID       int64           `json:"-"`
	State        AssignmentState `json:"state"`
	AssignedAt   time.Time       `json:"assigned_at"`
	AssignedBy   int64           `json:"-"`
	AcceptedAt   *time.Time      `json:"accepted_at,omitempty"`
	ReturnedAt   *time.Time      `json:"returned_at,omitempty"`
	ReturnReason string          `json:"return_reason,omitempty"`
	ReviewResult string          `json:"review_result,omitempty"`
}

// live reports whether the hop is current (in the pool, pending, accepted).
func (a Assignment) live() bool {
	return a.State == AssignOffered || a.State == AssignPending || a.State == AssignAccepted
}

// dispatchPayload is the payload of the dispatch events (dispatched,
// pooled, reassigned, return_upheld, assist_added): where the order went,
// how, and why.
type dispatchPayload struct {
	Lead      Target   `json:"lead"`
	Assists   []Target `json:"assists,omitempty"`
	Mode      Mode     `json:"mode"`
	Source    string   `json:"source"` // catalogue, default_handler, manual
	Catalogue int      `json:"catalogue,omitempty"`
	Rule      int64    `json:"rule,omitempty"`
	Previous  *Target  `json:"previous,omitempty"`
}

// The sources of a dispatch decision.
const (
	sourceCatalogue = "catalogue"       // a rule of the published catalogue
	sourceDefault   = "default_handler" // the category's default handler rule
	sourceManual    = "manual"          // a dispatcher's choice
)

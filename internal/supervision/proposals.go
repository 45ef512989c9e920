package supervision

import (
	"context"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Revocation proposals (吊销提议): a visit that finds a false commitment
// proposes to the approving department that the licence be revoked (see
// proposeRevocation). An approver of that department decides: 吊销 revokes,
// through the Licences port, the electronic licences issued for the
// task's item; 不予吊销 keeps them. Both need a reason, are audited, and
// tell the inspector who proposed it and the applicant.

// The actions on revocation proposals.
var (
	// actProposalView lists and reads proposals: approvers of the
	// proposal's department; leaders and administrators, district-wide.
	actProposalView = authz.Define("supervision.proposal.view", "查看吊销许可提议",
		authz.RoleApprover, authz.RoleLeader, authz.RoleAdmin)
	// actProposalDecide revokes or keeps the licence: approvers of the
	// proposal's department only, as for the licence itself.
	actProposalDecide = authz.Define("supervision.proposal.decide", "对吊销许可提议作出决定", authz.RoleApprover)
)

// Licences revokes what an application obtained (license.Service does):
// the current licences issued for the item, every item's when itemCode is
// "", in one transaction of its own, each sealed, audited and told to its
// holder; it returns how many it revoked, 0 when none is current.
type Licences interface {
	RevokeForApplication(ctx context.Context, actor *authz.Actor, applicationID int64, itemCode, reason string) (int, error)
}

// Statuses of a proposal.
const (
	ProposalPending  = "proposed"
	ProposalRevoked  = "revoked"
	ProposalRejected = "rejected"
)

// Decisions on a proposal.
const (
	DecisionRevoke = "revoke" // 吊销
	DecisionReject = "reject" // 不予吊销
)

// ProposalPageSize is how many proposals a page lists.
const ProposalPageSize = 50

// Proposal is a proposal to revoke a licence, with the visit behind it.
// It names no person: the entity is masked unless it is a registered
// entity's public name, the inspector and the applicant are not shown.
type Proposal struct {
	ID              int64     `json:"id"`
	District        string    `json:"district"`
	ApplicationID   int64     `json:"application_id"`
	ApplicationNo   string    `json:"application_no"`
	TaskID          int64     `json:"task_id"`
	ItemCode        string    `json:"item_code"`
	ItemName        string    `json:"item_name"`
	Department      string    `json:"department"` // the approving department's short name
	Entity          string    `json:"entity"`     // masked
	Street          string    `json:"street"`
	StreetName      string    `json:"street_name"`
	VisitedAt       time.Time `json:"visited_at"`
	Findings        string    `json:"findings"`
	Checks          []Checked `json:"checks"`
	Status          string    `json:"status"`
	DecisionReason  string    `json:"decision_reason,omitempty"`
	DecidedAt       time.Time `json:"decided_at,omitzero"`
	LicencesRevoked int       `json:"licences_revoked"`
	// Claimed is set while a revocation is under way, and after one was
	// interrupted once the licences were revoked: the proposal may then
	// be revoked again, not rejected.
	Claimed   bool      `json:"claimed"`
	CreatedAt time.Time `json:"created_at"`

	inspectorID, applicantID int64
}

// Checked is one checklist line with the visit's result.
type Checked struct {
	Item string `json:"item"`
	Pass bool   `json:"pass"`
}

// StatusName is the proposal's status in Chinese.
func (p Proposal) StatusName() string {
	switch p.Status {
	case ProposalRevoked:
		return "已吊销"
	case ProposalRejected:
		return "不予吊销"
	}
	return "待决定"
}

// Pending reports whether the proposal awaits a decision.
func (p Proposal) Pending() bool { return p.Status == ProposalPending }

// VisitedOn is the date of the visit in China.
func (p Proposal) VisitedOn() string { return p.VisitedAt.In(chinaTime).Format(time.DateOnly) }

// Summary is the start of the inspector's findings, for lists.
func (p Proposal) Summary() string { return clip(p.Findings, 60) }

// ProposalList is one page of proposals, pending ones first (oldest
// first), then decided ones (newest first).
type ProposalList struct {
	Items  []Proposal `json:"items"`
	More   bool       `json:"more"`
	Offset int        `json:"offset"`
}

// ProposalView is one proposal with what the actor may do with it.
type ProposalView struct {
	Proposal
	MayDecide bool
	// TaskLink is the console page of the visit, "" when the actor may
	// not open it (approvers do not inspect).
	TaskLink string
}

// Proposals lists the proposals the actor may see: those of the
// departments the actor approves for, or the district's for leaders and
// administrators.
func (s *Service) Proposals(ctx context.Context, actor *authz.Actor, offset int) (ProposalList, error) {
	if err := authz.Check(actor, actProposalView, authz.Scope{}); err != nil {
		return ProposalList{}, err
	}
	if offset < 0 {
		return ProposalList{}, apperr.Invalid("offset", "页码不正确")
	}
	depts, all, err := s.viewableDepartments(ctx, actor)
	if err != nil {
		return ProposalList{}, err
	}
	items, err := listProposals(ctx, s.DB, actor.District, depts, all, offset)
	if err != nil {
		return ProposalList{}, err
	}
	out := ProposalList{Items: items, Offset: offset}
	if len(items) > ProposalPageSize {
		out.Items, out.More = items[:ProposalPageSize], true
	}
	return out, s.nameStreets(ctx, actor.District, out.Items)
}

// GetProposal reads one proposal; to an actor who may not see it, it does
// not exist.
func (s *Service) GetProposal(ctx context.Context, actor *authz.Actor, id int64) (ProposalView, error) {
	if err := authz.Check(actor, actProposalView, authz.Scope{}); err != nil {
		return ProposalView{}, err
	}
	p, target, err := s.proposalOf(ctx, actor, id)
	if err != nil {
		return ProposalView{}, err
	}
	if !actor.May(actProposalView, target) {
		return ProposalView{}, errNoProposal
	}
	ps := []Proposal{p}
	if err := s.nameStreets(ctx, p.District, ps); err != nil {
		return ProposalView{}, err
	}
	v := ProposalView{Proposal: ps[0], MayDecide: actor.May(actProposalDecide, target)}
	if mayWork(actor, Task{District: p.District, Street: p.Street}) {
		v.TaskLink = TasksPath + "/" + strconv.FormatInt(p.TaskID, 10)
	}
	return v, nil
}

var errNoProposal = apperr.NotFound("吊销提议不存在")

// proposalOf reads a proposal of the actor's district with the scope of
// its department: the department's, or the district's when the short name
// names no department (then only district-wide grants reach it).
func (s *Service) proposalOf(ctx context.Context, actor *authz.Actor, id int64) (Proposal, authz.Scope, error) {
	p, err := loadProposal(ctx, s.DB, actor.District, id)
	if err != nil {
		return Proposal{}, authz.Scope{}, err
	}
	target, err := s.departmentScope(ctx, p.District, p.Department)
	return p, target, err
}

// departmentScope is the scope of a department named by its short name.
func (s *Service) departmentScope(ctx context.Context, district, name string) (authz.Scope, error) {
	code, err := s.Directory.DepartmentCode(ctx, district, name)
	if err != nil {
		return authz.Scope{}, err
	}
	if code == "" {
		return authz.District(district), nil
	}
	return authz.Scope{Kind: authz.ScopeDepartment, Code: code}, nil
}

// viewableDepartments lists the departments (short names) whose proposals
// the actor may see, or all when the actor sees the whole district.
func (s *Service) viewableDepartments(ctx context.Context, actor *authz.Actor) ([]string, bool, error) {
	if actor.Kind == authz.KindSystem || actor.May(actProposalView, authz.District(actor.District)) {
		return nil, true, nil
	}
	names, err := proposalDepartments(ctx, s.DB, actor.District)
	if err != nil {
		return nil, false, err
	}
	var out []string
	for _, n := range names {
		target, err := s.departmentScope(ctx, actor.District, n)
		if err != nil {
			return nil, false, err
		}
		if actor.May(actProposalView, target) {
			out = append(out, n)
		}
	}
	return out, false, nil
}

// nameStreets fills the street names of the proposals.
func (s *Service) nameStreets(ctx context.Context, district string, ps []Proposal) error {
	if len(ps) == 0 {
		return nil
	}
	names, err := s.streetNames(ctx, district)
	if err != nil {
		return err
	}
	for i := range ps {
		ps[i].StreetName = names[ps[i].Street]
	}
	return nil
}

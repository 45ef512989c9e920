package approval

import (
	"log/slog"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// The actions of applications. Applicants act on their own applications
// (self scope); front desks act anywhere in the district (区街同权) at a
// service point whose level the item allows; approvers act on the tasks of
// their department.
var (
	actApply     = authz.Define("approval.apply", "提交办件申请", authz.RoleResident, authz.RoleEnterprise)
	actPreReview = authz.Define("approval.prereview", "预审和受理办件", authz.RoleFrontDesk)
	actApprove   = authz.Define("approval.approve", "审批办件", authz.RoleApprover)
	actAgent     = authz.Define("approval.agent", "代办申请", authz.RoleFrontDesk)
	actOversee   = authz.Define("approval.oversee", "查看全区办件", authz.RoleLeader, authz.RoleAdmin)
)

// Deps are what an approval service works with.
type Deps struct {
	DB       *db.DB
	Keys     *gm.Keyring
	Index    *gm.BlindIndexer
	Catalog  *catalog.Service
	Org      *org.Service
	Files    *files.Store
	Jobs     *jobs.Queue
	Calendar *calendar.Calendar
	Gates    Gates
	Log      *slog.Logger
}

// Service runs applications.
type Service struct {
	Deps
	decidedHooks []DecidedHook
}

// New returns the approval service.
func New(d Deps) *Service {
	if d.Log == nil {
		d.Log = slog.Default()
	}
	return &Service{Deps: d}
}

// self is the actor's own scope; nobody's for an anonymous caller.
func self(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.Self(0)
	}
	return authz.Self(a.AccountID)
}

// Gates are the adapters to other modules and outside services an
// application passes through at submission and on every change.
type Gates struct {
	Identity IdentityGate
	Credit   CreditCheck
	Signer   Signer
	Shared   SharedData
	Notify   Notifier
}

package supervision

import (
	"context"
	"errors"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// Applications reads a decided application (approval.Service does).
type Applications interface {
	Get(ctx context.Context, actor *authz.Actor, id int64) (approval.Filed, error)
}

// CreditRecorder records a credit record (credit.Service does).
type CreditRecorder interface {
	AddRecord(ctx context.Context, actor *authz.Actor, in credit.RecordInput) (credit.Record, error)
}

// Directory names the district's streets and departments.
type Directory interface {
	Streets(ctx context.Context, district string) ([]org.Street, error)
	// DepartmentCode returns the code of the department with a short
	// name, "" when there is none.
	DepartmentCode(ctx context.Context, district, shortName string) (string, error)
}

// Deps are what the service needs.
type Deps struct {
	DB           *db.DB
	Jobs         *jobs.Queue
	Calendar     *calendar.Calendar
	Applications Applications
	Credit       CreditRecorder // nil: pushes are recorded as skipped
	Directory    Directory
	Files        *files.Store
	// DueDays is the working days a new inspection is due within;
	// DefaultDueDays when zero.
	DueDays int
	// Area bounds visit positions; QixiaBox when zero.
	Area Box
	// Notify queues notices; nil sends none.
	Notify Notifier
	// Staff names the inspectors and approvers to notify; nil notifies
	// only applicants.
	Staff Staff
	// Licences revokes the licences of a proposal decided 吊销; nil
	// refuses such decisions (不予吊销 still works).
	Licences Licences
}

// Service creates inspection tasks and records visits.
type Service struct {
	Deps
	visited []VisitedHook
}

// New returns the service; it panics on missing dependencies, which is a
// wiring mistake.
func New(d Deps) *Service {
	if d.DB == nil || d.Jobs == nil || d.Calendar == nil || d.Applications == nil || d.Directory == nil {
		panic(errors.New("supervision: database, jobs, calendar, applications and directory are required"))
	}
	if d.DueDays <= 0 {
		d.DueDays = DefaultDueDays
	}
	if d.Area == (Box{}) {
		d.Area = QixiaBox
	}
	return &Service{Deps: d}
}

// Register adds the module's job workers and its daily reminder to q.
func (s *Service) Register(q *jobs.Queue) {
	jobs.Register(q, &PushWorker{s: s})
	jobs.Register(q, &CreditWorker{s: s})
	jobs.Register(q, &RemindWorker{s: s})
	q.AddPeriodic(remindJob())
}

// OrgDirectory reads streets and departments from the organisation module.
type OrgDirectory struct{ Org *org.Service }

// Streets lists the district's streets.
func (o OrgDirectory) Streets(ctx context.Context, district string) ([]org.Street, error) {
	l, err := o.Org.ListStreets(ctx, authz.System(district), district, org.Page{Limit: 100})
	return l.Items, err
}

// DepartmentCode finds a department by its short name.
func (o OrgDirectory) DepartmentCode(ctx context.Context, district, shortName string) (string, error) {
	l, err := o.Org.ListDepartments(ctx, authz.System(district), district, org.Page{Limit: 100})
	if err != nil {
		return "", err
	}
	for _, d := range l.Items {
		if d.ShortName == shortName || d.Name == shortName {
			return d.Code, nil
		}
	}
	return "", nil
}

package catalog

import (
	"context"
	"fmt"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// viewRoles are the government staff who read drafts, history and counts:
// front desks explain items, approvers work by them, leaders report on
// them. Property staff and the public read only published guides.
var viewRoles = []authz.Role{
	authz.RoleFrontDesk, authz.RoleApprover, authz.RoleInspector, authz.RoleGridWorker,
	authz.RoleLeader, authz.RoleAdmin,
}

// The actions of the catalogue. Reading a published guide needs none: the
// catalogue is public.
var (
	actView    = authz.Define("catalog.item.view", "查看事项清单的草稿和历史", viewRoles...)
	actEdit    = authz.Define("catalog.item.edit", "编辑事项", authz.RoleAdmin)
	actPublish = authz.Define("catalog.item.publish", "发布或撤回事项", authz.RoleAdmin)
)

// Departments tells which department short names a district has, so that
// items and steps can only name real departments.
type Departments interface {
	DepartmentNames(ctx context.Context, district string) (map[string]bool, error)
}

// OrgDepartments reads the departments from the organisation module.
type OrgDepartments struct{ Org *org.Service }

// DepartmentNames returns the short names of the district's departments.
func (o OrgDepartments) DepartmentNames(ctx context.Context, district string) (map[string]bool, error) {
	l, err := o.Org.ListDepartments(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return nil, fmt.Errorf("catalog: departments of %s: %w", district, err)
	}
	out := make(map[string]bool, len(l.Items))
	for _, d := range l.Items {
		out[d.ShortName] = true
	}
	return out, nil
}

// Service reads and changes the catalogue.
type Service struct {
	db    *db.DB
	depts Departments
}

// New returns the catalogue service over d, checking department names
// against depts.
func New(d *db.DB, depts Departments) *Service { return &Service{db: d, depts: depts} }

// checkView lets a holder of a viewing role anywhere in the district read
// the district's catalogue, drafts and history included: the catalogue is
// the district's common reference, not the data of one unit, so a front-desk
// worker posted at a street centre reads it as a district leader does.
func checkView(actor *authz.Actor, district string) error {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return err
	}
	if actor.District != district {
		return apperr.Forbidden("您无权" + actView.Title)
	}
	return nil
}

// districtOf is the scope of the catalogue an actor works on: its own
// district's (each district keeps its own catalogue).
func districtOf(actor *authz.Actor) authz.Scope {
	if actor == nil {
		return authz.Scope{}
	}
	return authz.District(actor.District)
}

package approval

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Get returns an application with the item versions it was filed under,
// to people who may read it: its applicant; front desks of the district
// once it is submitted (the shared queue); approvers of a department with
// a task on it; leaders and administrators. Everyone else is told it does
// not exist.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id int64) (Filed, error) {
	a, err := s.loadApp(ctx, s.DB, id, "")
	if err != nil {
		return Filed{}, err
	}
	if err := s.mayRead(ctx, actor, &a); err != nil {
		return Filed{}, err
	}
	items, err := s.versions(ctx, &a)
	if err != nil {
		return Filed{}, err
	}
	return Filed{Application: a, Items: items}, nil
}

// mayRead decides whether actor may read a.
func (s *Service) mayRead(ctx context.Context, actor *authz.Actor, a *Application) error {
	notFound := apperr.NotFound("办件不存在")
	if actor.Anonymous() {
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	}
	if actor.District != a.District {
		return notFound
	}
	switch {
	case a.ApplicantID == actor.AccountID && actor.May(actApply, authz.Self(actor.AccountID)):
		return nil
	case a.AgentID == actor.AccountID && actor.May(actAgent, authz.Scope{}):
		return nil
	case actor.May(actOversee, authz.District(a.District)):
		return nil
	case a.State != StateDraft && actor.May(actPreReview, authz.Scope{}):
		return nil
	case a.State != StateDraft && actor.May(actApprove, authz.Scope{}):
		ok, err := s.hasTaskFor(ctx, actor, a.ID)
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	}
	return notFound
}

// versions loads the catalogue versions an application was filed under.
func (s *Service) versions(ctx context.Context, a *Application) ([]catalog.Version, error) {
	refs := append([]ItemRef{{Code: a.ItemCode, Version: a.ItemVersion}}, a.Bundle...)
	out := make([]catalog.Version, 0, len(refs))
	for _, r := range refs {
		v, err := s.Catalog.GetVersion(ctx, authz.System(a.District), r.Code, r.Version)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// hasTaskFor reports whether one of the actor's departments holds a task of
// the application.
func (s *Service) hasTaskFor(ctx context.Context, actor *authz.Actor, appID int64) (bool, error) {
	for _, sc := range actor.ScopesFor(authz.RoleApprover) {
		var n int
		err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM approval_tasks WHERE application_id = ? AND department LIKE ?`,
			appID, sc.Code+"%").Scan(&n)
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
	return false, nil
}

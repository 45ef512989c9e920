package org

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The May methods answer, without changing anything, whether an actor may
// do something, with the same rules as the method that does it: pages use
// them to offer only the forms and buttons that would be accepted, and to
// refuse an edit form before showing it. They return nil when allowed and
// the refusal otherwise.

// MayBrowse allows the staff console's organisation browser: the staff
// roles that may view grids and posts somewhere.
func (s *Service) MayBrowse(actor *authz.Actor) error {
	return authz.Check(actor, actView, authz.Scope{})
}

// MayManageGrids allows adding and changing the grids of a community.
func (s *Service) MayManageGrids(ctx context.Context, actor *authz.Actor, community string) error {
	return s.may(ctx, actor, actManageGrids, community, kindOf(community) == authz.ScopeCommunity)
}

// MayManagePoint allows editing a service point.
func (s *Service) MayManagePoint(ctx context.Context, actor *authz.Actor, code string) error {
	return s.may(ctx, actor, actManagePoints, code, kindOf(code) == authz.ScopeServicePoint)
}

// MayAssignPosts allows giving and ending posts in a unit.
func (s *Service) MayAssignPosts(ctx context.Context, actor *authz.Actor, unit string) error {
	return s.may(ctx, actor, actAssignPosts, unit, postUnit(kindOf(unit)))
}

// may checks the role anywhere, then the code's shape (a malformed code
// has no scope, and a zero scope would mean "anywhere"), then the scope.
func (s *Service) may(ctx context.Context, actor *authz.Actor, act *authz.Action, code string, wellFormed bool) error {
	if err := authz.Check(actor, act, authz.Scope{}); err != nil {
		return err
	}
	if !wellFormed {
		return apperr.Invalid("code", "编码格式不正确")
	}
	return s.check(ctx, actor, act, code)
}

// MayView allows seeing the grids and staff posts of a unit.
func (s *Service) MayView(ctx context.Context, actor *authz.Actor, unit string) error {
	return s.may(ctx, actor, actView, unit, postUnit(kindOf(unit)))
}

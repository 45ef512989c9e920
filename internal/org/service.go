package org

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// staffRoles are the roles of government and property staff: they may see
// the grids and staff posts within their scopes.
var staffRoles = []authz.Role{
	authz.RoleFrontDesk, authz.RoleApprover, authz.RoleInspector, authz.RoleGridWorker,
	authz.RoleProperty, authz.RoleLeader, authz.RoleAdmin,
}

// The actions of the organisation module. Reading streets, communities,
// departments and service points needs none: they are public, because
// residents choose their community and their pickup point, and guides name
// the department, before anyone signs in.
var (
	actView         = authz.Define("org.view", "查看网格和岗位信息", staffRoles...)
	actManageGrids  = authz.Define("org.grid.manage", "管理网格", authz.RoleAdmin)
	actManagePoints = authz.Define("org.service_point.manage", "管理服务网点", authz.RoleAdmin)
	actAssignPosts  = authz.Define("org.post.assign", "任免岗位人员", authz.RoleAdmin)
)

// Service reads and changes the organisation of every district in the
// database.
type Service struct {
	db *db.DB
}

// New returns the organisation service over d.
func New(d *db.DB) *Service { return &Service{db: d} }

// check allows act on the unit named by code. Methods first ask
// authz.Check whether the actor may act anywhere at all (so that nobody
// without the role learns anything, not even which input is malformed),
// then validate the input, then call check for the unit's scope. A unit inside a reattached
// community (东阳, 西花) is also checked against the street it is attached
// to: scopes cover by code prefix, and 320113401001 does not start with its
// street's code 320113002, yet that street's administrator runs it.
func (s *Service) check(ctx context.Context, actor *authz.Actor, act *authz.Action, code string) error {
	err := authz.Check(actor, act, ScopeOf(code))
	if err == nil || actor.Anonymous() {
		return err
	}
	street, ok, lookErr := s.attachedStreet(ctx, code)
	if lookErr != nil {
		return lookErr
	}
	if ok && authz.Check(actor, act, authz.Scope{Kind: authz.ScopeStreet, Code: street}) == nil {
		return nil
	}
	return err
}

// attachedStreet returns the street a unit's community is attached to
// when that is not the street its code names.
func (s *Service) attachedStreet(ctx context.Context, code string) (string, bool, error) {
	if kindOf(code) == authz.ScopeServicePoint {
		code = divisionOfPoint(code)
	}
	if len(code) < communityLen || !allDigits(code[:communityLen]) || !isStatisticalStreet(code[:streetLen]) {
		return "", false, nil
	}
	var street string
	err := s.db.QueryRow(ctx, `SELECT street_code FROM communities WHERE code = ?`, code[:communityLen]).Scan(&street)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("org: find street of %s: %w", code, err)
	}
	return street, true, nil
}

// count runs a COUNT(*) query on the read pool.
func (s *Service) count(ctx context.Context, query string, args ...any) (int, error) {
	var n int
	if err := s.db.QueryRow(ctx, query, args...).Scan(&n); err != nil {
		return 0, err
	}
	return n, nil
}

// notFound wraps sql.ErrNoRows as a not-found error with msg, and any
// other error as an internal one.
func notFound(err error, msg, action string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.NotFound(msg)
	}
	return fmt.Errorf("org: %s: %w", action, err)
}

package org

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// permCase runs one service call as an actor; i makes inputs unique.
type permCase struct {
	act *authz.Action
	run func(a *authz.Actor, i int) error
}

// TestPermissionMatrix runs every action of the module for every role,
// each granted over the whole district: staff roles may view grids and
// posts, only administrators may change anything.
func TestPermissionMatrix(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	staff := map[authz.Role]bool{authz.RoleFrontDesk: true, authz.RoleApprover: true, authz.RoleInspector: true,
		authz.RoleGridWorker: true, authz.RoleProperty: true, authz.RoleLeader: true, authz.RoleAdmin: true}
	admin := map[authz.Role]bool{authz.RoleAdmin: true}
	posts := make([]int64, len(authz.AllRoles))
	for i := range posts {
		p, err := s.AssignPost(ctx, authz.System(QixiaCode), PostInput{AccountID: int64(500 + i), UnitCode: "320113001", Title: "综治专干"})
		if err != nil {
			t.Fatal(err)
		}
		posts[i] = p.ID
	}
	may := map[*authz.Action]map[authz.Role]bool{actView: staff, actManageGrids: admin, actManagePoints: admin, actAssignPosts: admin,
		actManageDepartments: admin}
	covered := map[string]bool{}
	for _, c := range matrixCases(s, posts) {
		covered[c.act.Name] = true
		for i, role := range authz.AllRoles {
			err := c.run(actorWith(int64(10+i), role, authz.District(QixiaCode)), i)
			if may[c.act][role] && err != nil {
				t.Errorf("%s as %s: %v", c.act.Name, role, err)
			}
			if !may[c.act][role] && apperr.CodeOf(err) != apperr.CodeForbidden {
				t.Errorf("%s as %s: want forbidden, got %v", c.act.Name, role, err)
			}
		}
	}
	for _, a := range authz.Actions() {
		if strings.HasPrefix(a.Name, "org.") && !covered[a.Name] {
			t.Errorf("action %s has no permission test", a.Name)
		}
	}
	if n := auditCount(t, d, "org.grid.create"); n != 1 {
		t.Errorf("%d grids created, want 1 (by the administrator only)", n)
	}
}

// matrixCases lists one or more calls per action.
func matrixCases(s *Service, posts []int64) []permCase {
	ctx := context.Background()
	return []permCase{
		{actView, func(a *authz.Actor, i int) error {
			_, err := s.ListGrids(ctx, a, "320113001001", Page{})
			return err
		}},
		{actView, func(a *authz.Actor, i int) error {
			_, err := s.GetGrid(ctx, a, "320113001001001")
			return err
		}},
		{actView, func(a *authz.Actor, i int) error {
			_, err := s.ListStaffPosts(ctx, a, "320113001", PostFilter{}, Page{})
			return err
		}},
		{actManageGrids, func(a *authz.Actor, i int) error {
			_, err := s.CreateGrid(ctx, a, GridInput{CommunityCode: "320113001001", Name: fmt.Sprintf("矩阵网格%d", i)})
			return err
		}},
		{actManageGrids, func(a *authz.Actor, i int) error {
			_, err := s.UpdateGrid(ctx, a, "320113001001001", GridUpdate{Name: fmt.Sprintf("尧化社区第1网格（%d）", i)})
			return err
		}},
		{actManagePoints, func(a *authz.Actor, i int) error {
			_, err := s.UpdateServicePoint(ctx, a, "320113001P01", ServicePointFields{Name: fmt.Sprintf("尧化街道政务服务中心%d", i), Active: true})
			return err
		}},
		{actManageDepartments, func(a *authz.Actor, i int) error {
			_, err := s.SetDepartmentCreditCode(ctx, a, "320113D05", DemoCreditCode(QixiaCode, "320113D05"))
			return err
		}},
		{actAssignPosts, func(a *authz.Actor, i int) error {
			_, err := s.AssignPost(ctx, a, PostInput{AccountID: int64(100 + i), UnitCode: "320113001001", Title: "网格长"})
			return err
		}},
		{actAssignPosts, func(a *authz.Actor, i int) error {
			_, err := s.EndPost(ctx, a, posts[i])
			return err
		}},
	}
}

// TestScopes checks that grants reach only as far as their scope, the
// reattached communities included, and that the public reads need none.
func TestScopes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	sys := authz.System(QixiaCode)
	maqunPost, err := s.AssignPost(ctx, sys, PostInput{AccountID: 900, UnitCode: "320113002", Title: "街道办事处主任"})
	if err != nil {
		t.Fatal(err)
	}
	yaohua := actorWith(1, authz.RoleAdmin, street("320113001"))
	maqun := actorWith(2, authz.RoleAdmin, street("320113002"))
	xuanwu := actorWith(3, authz.RoleAdmin, authz.District("320102"))
	worker := actorWith(4, authz.RoleGridWorker, community("320113001001"))
	approver := actorWith(5, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D05"})
	deptAdmin := actorWith(6, authz.RoleAdmin, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D01"})
	resident := actorWith(7, authz.RoleResident, authz.District(QixiaCode))
	grid := func(community string) func(*authz.Actor) error {
		return func(a *authz.Actor) error {
			_, err := s.CreateGrid(ctx, a, GridInput{CommunityCode: community, Name: "新建网格"})
			return err
		}
	}
	listGrids := func(community string) func(*authz.Actor) error {
		return func(a *authz.Actor) error { _, err := s.ListGrids(ctx, a, community, Page{}); return err }
	}
	point := func(code string) func(*authz.Actor) error {
		return func(a *authz.Actor) error {
			_, err := s.UpdateServicePoint(ctx, a, code, ServicePointFields{Name: "测试网点", Active: true})
			return err
		}
	}
	post := func(unit string) func(*authz.Actor) error {
		return func(a *authz.Actor) error {
			_, err := s.AssignPost(ctx, a, PostInput{AccountID: 4242, UnitCode: unit, Title: "工作人员"})
			return err
		}
	}
	cases := []struct {
		name  string
		actor *authz.Actor
		call  func(*authz.Actor) error
		want  apperr.Code
	}{
		{"street admin, own community", yaohua, grid("320113001001"), ""},
		{"street admin, other street", yaohua, grid("320113002001"), apperr.CodeForbidden},
		{"马群 admin, reattached 东阳", maqun, grid("320113401001"), ""},
		{"尧化 admin, reattached 东阳", yaohua, grid("320113401001"), apperr.CodeForbidden},
		{"other district's admin", xuanwu, grid("320113001002"), apperr.CodeForbidden},
		{"grid worker, own community", worker, listGrids("320113001001"), ""},
		{"grid worker, next community", worker, listGrids("320113001002"), apperr.CodeForbidden},
		{"approver, a community", approver, listGrids("320113001001"), apperr.CodeForbidden},
		{"approver, own department's posts", approver, func(a *authz.Actor) error {
			_, err := s.ListStaffPosts(ctx, a, "320113D05", PostFilter{}, Page{})
			return err
		}, ""},
		{"street admin, district centre", yaohua, point("320113P01"), apperr.CodeForbidden},
		{"street admin, own centre", yaohua, point("320113001P01"), ""},
		{"street admin, own station", yaohua, point("320113001001P01"), ""},
		{"street admin, other centre", yaohua, point("320113002P01"), apperr.CodeForbidden},
		{"马群 admin, 东阳 station", maqun, point("320113401001P01"), ""},
		{"street admin posts in own community", yaohua, post("320113001001"), ""},
		{"street admin posts in the district", yaohua, post(QixiaCode), apperr.CodeForbidden},
		{"street admin posts in a department", yaohua, post("320113D01"), apperr.CodeForbidden},
		{"street admin posts in other street", yaohua, post("320113002"), apperr.CodeForbidden},
		{"马群 admin posts in 西花", maqun, post("320113401002"), ""},
		{"department admin, own department", deptAdmin, post("320113D01"), ""},
		{"department admin, other department", deptAdmin, post("320113D02"), apperr.CodeForbidden},
		{"尧化 admin ends a 马群 post", yaohua, endingPost(s, maqunPost.ID), apperr.CodeForbidden},
		{"马群 admin ends a 马群 post", maqun, endingPost(s, maqunPost.ID), ""},
		{"anonymous lists grids", nil, listGrids("320113001001"), apperr.CodeUnauthorized},
		{"anonymous assigns a post", nil, post("320113001"), apperr.CodeUnauthorized},
		{"resident lists grids", resident, listGrids("320113001001"), apperr.CodeForbidden},
		{"anonymous, malformed input", nil, grid("bad"), apperr.CodeUnauthorized},
		{"resident, malformed input", resident, post("bad"), apperr.CodeForbidden},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { wantCode(t, c.call(c.actor), c.want) })
	}
}

func endingPost(s *Service, id int64) func(*authz.Actor) error {
	return func(a *authz.Actor) error { _, err := s.EndPost(context.Background(), a, id); return err }
}

// TestPublicReads checks that nobody needs to sign in to browse streets,
// communities, departments and service points.
func TestPublicReads(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	resident := actorWith(7, authz.RoleResident, authz.District(QixiaCode))
	for _, a := range []*authz.Actor{nil, resident} {
		if _, err := s.ListStreets(ctx, a, QixiaCode, Page{}); err != nil {
			t.Error(err)
		}
		if _, err := s.ListCommunities(ctx, a, "320113002", Page{}); err != nil {
			t.Error(err)
		}
		if _, err := s.ListDepartments(ctx, a, QixiaCode, Page{}); err != nil {
			t.Error(err)
		}
		if _, err := s.ListServicePoints(ctx, a, PointFilter{Division: "320113001001"}, Page{}); err != nil {
			t.Error(err)
		}
		if _, err := s.GetServicePoint(ctx, a, "320113P01"); err != nil {
			t.Error(err)
		}
	}
}

package org

import (
	"context"
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestOverview(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	ov, err := s.Overview(ctx, actorWith(1, authz.RoleLeader, authz.District(QixiaCode)), QixiaCode)
	if err != nil {
		t.Fatal(err)
	}
	if ov.District.Name != "栖霞区" || len(ov.Streets) != 9 || ov.Departments != 27 || ov.DistrictPoints != 8 {
		t.Fatalf("overview = %+v", ov)
	}
	if got := ov.Communities() + ov.Villages(); got != countRows(t, d, "communities", "district_code = ?", QixiaCode) {
		t.Errorf("communities and villages total %d", got)
	}
	if ov.Grids() != countRows(t, d, "grids", "") || ov.ServicePoints() != 137 {
		t.Errorf("grids %d, service points %d", ov.Grids(), ov.ServicePoints())
	}
	maqunRow := ov.Streets[slices.IndexFunc(ov.Streets, func(s StreetSummary) bool { return s.Code == maqun })]
	want := countRows(t, d, "service_points", "division_code = ? OR division_code IN (SELECT code FROM communities WHERE street_code = ?)", maqun, maqun)
	if maqunRow.ServicePoints != want || maqunRow.Communities != 19 {
		t.Errorf("马群街道 = %+v, want %d points and 19 communities (东阳 and 西花 included)", maqunRow, want)
	}
	if _, err := s.Overview(ctx, actorWith(1, authz.RoleLeader, authz.District(QixiaCode)), "320199"); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown district: %v", err)
	}
}

// TestOverviewAndMayByRole: the console's summary and the May probes
// follow the module's actions for every role, granted over the district.
func TestOverviewAndMayByRole(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	probes := []struct {
		act *authz.Action
		run func(a *authz.Actor) error
	}{
		{actView, func(a *authz.Actor) error { _, err := s.Overview(ctx, a, QixiaCode); return err }},
		{actView, func(a *authz.Actor) error { return s.MayBrowse(a) }},
		{actView, func(a *authz.Actor) error { return s.MayView(ctx, a, yaohuaGrid) }},
		{actManageGrids, func(a *authz.Actor) error { return s.MayManageGrids(ctx, a, yaohuaComm) }},
		{actManagePoints, func(a *authz.Actor) error { return s.MayManagePoint(ctx, a, yaohuaPoint) }},
		{actAssignPosts, func(a *authz.Actor) error { return s.MayAssignPosts(ctx, a, dept01) }},
	}
	for _, p := range probes {
		for i, role := range authz.AllRoles {
			err := p.run(actorWith(int64(i+1), role, authz.District(QixiaCode)))
			if p.act.Allows(role) {
				wantCode(t, err, "")
			} else {
				wantCode(t, err, apperr.CodeForbidden)
			}
		}
		wantCode(t, p.run(nil), apperr.CodeUnauthorized)
	}
}

func TestMayScopes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	yaohuaAdmin := actorWith(1, authz.RoleAdmin, street(yaohua))
	maqunAdmin := actorWith(2, authz.RoleAdmin, street(maqun))
	grid := actorWith(3, authz.RoleGridWorker, street(yaohua))
	wantCode(t, s.MayManageGrids(ctx, yaohuaAdmin, yaohuaComm), "")
	wantCode(t, s.MayManageGrids(ctx, yaohuaAdmin, maqunComm), apperr.CodeForbidden)
	wantCode(t, s.MayManageGrids(ctx, maqunAdmin, dongyang), "")
	wantCode(t, s.MayManagePoint(ctx, maqunAdmin, "320113401001P01"), "")
	wantCode(t, s.MayManagePoint(ctx, yaohuaAdmin, maqunPoint), apperr.CodeForbidden)
	wantCode(t, s.MayAssignPosts(ctx, yaohuaAdmin, dept01), apperr.CodeForbidden)
	wantCode(t, s.MayView(ctx, grid, yaohuaGrid), "")
	wantCode(t, s.MayView(ctx, grid, maqunComm), apperr.CodeForbidden)
	// A malformed code has no scope, which must not read as "anywhere".
	for _, bad := range []string{"", "abc", yaohua, "320113001001001001"} {
		wantCode(t, s.MayManageGrids(ctx, yaohuaAdmin, bad), apperr.CodeInvalid)
	}
	wantCode(t, s.MayView(ctx, grid, "x"), apperr.CodeInvalid)
	wantCode(t, s.MayManagePoint(ctx, yaohuaAdmin, yaohua), apperr.CodeInvalid)
}

func TestDivisions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	divs, err := s.Divisions(ctx, QixiaCode)
	if err != nil {
		t.Fatal(err)
	}
	for code, want := range map[string]DivisionRef{
		QixiaCode:  {Name: "栖霞区"},
		yaohua:     {Name: "尧化街道", Street: yaohua},
		yaohuaComm: {Name: "尧化社区", Street: yaohua},
		dongyang:   {Name: "东阳社区", Street: maqun},
	} {
		if divs[code] != want {
			t.Errorf("%s = %+v, want %+v", code, divs[code], want)
		}
	}
	if _, ok := divs["320113401"]; ok {
		t.Errorf("a statistical unit is listed")
	}
	_, err = s.Divisions(ctx, "3201")
	wantInvalid(t, err, "district")
}

func TestUnitName(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	for code, want := range map[string]string{
		QixiaCode: "栖霞区", yaohua: "尧化街道", yaohuaComm: "尧化社区", yaohuaGrid: "尧化社区第1网格",
		dept01: "南京市栖霞区政务服务管理办公室（南京市栖霞区行政审批局）", yaohuaPoint: "尧化街道政务服务中心",
	} {
		got, err := s.UnitName(ctx, admin, code)
		if err != nil || got != want {
			t.Errorf("UnitName(%s) = %q, %v; want %q", code, got, err, want)
		}
	}
	_, err := s.UnitName(ctx, admin, "320113001999")
	wantCode(t, err, apperr.CodeNotFound)
	_, err = s.UnitName(ctx, admin, "x")
	wantInvalid(t, err, "unit_code")
	_, err = s.UnitName(ctx, actorWith(2, authz.RoleGridWorker, street(maqun)), yaohuaGrid)
	wantCode(t, err, apperr.CodeForbidden)
}

package org

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestSeedQixia(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	deps, err := s.ListDepartments(ctx, nil, QixiaCode, Page{Limit: 100})
	if err != nil || deps.Total != 27 || len(deps.Items) != 27 {
		t.Fatalf("departments: %d items, total %d, %v", len(deps.Items), deps.Total, err)
	}
	if deps.Items[0].Code != "320113D01" || deps.Items[26].Code != "320113D27" {
		t.Errorf("department codes %s…%s", deps.Items[0].Code, deps.Items[26].Code)
	}
	all, err := s.ListServicePoints(ctx, nil, PointFilter{District: QixiaCode}, Page{Limit: 500})
	if err != nil || all.Total != 137 || len(all.Items) != 137 {
		t.Fatalf("service points: %d items, total %d, %v", len(all.Items), all.Total, err)
	}
	if all.Items[0].Code != "320113P01" || all.Items[0].Name != "栖霞区政务服务中心" {
		t.Errorf("first point = %+v, want the district centre", all.Items[0])
	}
	for level, want := range map[Level]int{LevelDistrictCentre: 1, LevelStreetCentre: 9, LevelSubcentre: 7, LevelStation: 120} {
		got, err := s.ListServicePoints(ctx, nil, PointFilter{District: QixiaCode, Level: level}, Page{Limit: 1})
		if err != nil || got.Total != want {
			t.Errorf("level %s: %d points, want %d (%v)", level, got.Total, want, err)
		}
	}
	checkPointShapes(t, s, all.Items)
	checkSeededGrids(t, s)
	checkGridSpread(t, d)
}

// checkPointShapes checks codes, divisions and departments of every point.
func checkPointShapes(t *testing.T, s *Service, points []ServicePoint) {
	ctx := context.Background()
	villages := 0
	for _, p := range points {
		if kindOf(p.Code) != authz.ScopeServicePoint || divisionOfPoint(p.Code) != p.DivisionCode {
			t.Errorf("point %s: code does not name division %s", p.Code, p.DivisionCode)
		}
		if (p.Level == LevelSubcentre) != (p.DepartmentCode != "") {
			t.Errorf("point %s (%s): department %q", p.Code, p.Level, p.DepartmentCode)
		}
		if p.DepartmentCode != "" {
			if _, err := s.GetDepartment(ctx, nil, p.DepartmentCode); err != nil {
				t.Errorf("point %s: department: %v", p.Code, err)
			}
		}
		if p.Level == LevelStation {
			c, err := s.GetCommunity(ctx, nil, p.DivisionCode)
			if err != nil || p.Name != c.ShortName+"便民服务站" {
				t.Errorf("station %s %q: community %+v, %v", p.Code, p.Name, c, err)
			}
			if c.Kind == KindVillage {
				villages++
			}
		}
		if p.Level == LevelStreetCentre && !strings.HasSuffix(p.Name, "街道政务服务中心") {
			t.Errorf("street centre %s named %q", p.Code, p.Name)
		}
	}
	if villages != 18 {
		t.Errorf("%d village stations, want 18 (120 − 102 communities)", villages)
	}
}

// checkSeededGrids checks the number, codes and names of the seeded grids.
func checkSeededGrids(t *testing.T, s *Service) {
	ctx := context.Background()
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	for _, code := range []string{"320113001001", "320113006200", "320113401001"} {
		c, _ := s.GetCommunity(ctx, nil, code)
		grids, err := s.ListGrids(ctx, admin, code, Page{})
		if err != nil || grids.Total < minGrids || grids.Total > maxGrids || grids.Total != c.Grids {
			t.Fatalf("grids of %s: %d (community says %d), %v", code, grids.Total, c.Grids, err)
		}
		for i, g := range grids.Items {
			if len(g.Code) != gridLen || !allDigits(g.Code) || !strings.HasPrefix(g.Code, code) || g.CommunityCode != code {
				t.Errorf("grid %s of %s", g.Code, code)
			}
			if want := c.ShortName + "第" + strconv.Itoa(i+1) + "网格"; g.Name != want {
				t.Errorf("grid %s named %q, want %q", g.Code, g.Name, want)
			}
		}
	}
}

// checkGridSpread checks that every community has 3–8 grids and that the
// numbers vary between communities.
func checkGridSpread(t *testing.T, d *db.DB) {
	var lo, hi, distinct int
	err := d.QueryRow(context.Background(), `SELECT MIN(n), MAX(n), COUNT(DISTINCT n) FROM
		(SELECT c.code, (SELECT COUNT(*) FROM grids g WHERE g.community_code = c.code) AS n FROM communities c) per`).
		Scan(&lo, &hi, &distinct)
	if err != nil {
		t.Fatal(err)
	}
	if lo != minGrids || hi != maxGrids || distinct != maxGrids-minGrids+1 {
		t.Errorf("grids per community: min %d, max %d, %d distinct counts", lo, hi, distinct)
	}
}

func TestSeedQixiaIsIdempotentAndKeepsEdits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	grids := countRows(t, d, "grids", "")
	if grids < 131*minGrids || grids > 131*maxGrids {
		t.Fatalf("%d grids for 131 communities", grids)
	}
	if n := countRows(t, d, "grids", "length(code) <> 15 OR substr(code, 1, 12) <> community_code"); n != 0 {
		t.Errorf("%d grids whose code does not extend their community's", n)
	}
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	edited := ServicePointFields{Name: "栖霞区市民中心", Address: "南京市栖霞区", Phone: "025-85581234", Active: true}
	if _, err := s.UpdateServicePoint(ctx, admin, "320113P01", edited); err != nil {
		t.Fatal(err)
	}
	res, err := SeedQixia(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if res.Departments+res.ServicePoints+res.Grids != 0 || res.Import.Communities.Unchanged != 131 {
		t.Errorf("second seed wrote %+v", res)
	}
	if countRows(t, d, "grids", "") != grids || countRows(t, d, "service_points", "") != 137 ||
		countRows(t, d, "departments", "") != 27 {
		t.Error("second seed changed the counts")
	}
	p, _ := s.GetServicePoint(ctx, nil, "320113P01")
	if p.Name != "栖霞区市民中心" || p.Phone != "025-85581234" {
		t.Errorf("the administrator's edit was overwritten: %+v", p)
	}
	if n := auditCount(t, d, "org.reference.seed"); n != 1 {
		t.Errorf("seed audit records = %d, want 1 (the second seed changed nothing)", n)
	}
}

func TestStationsOfAStreetIncludeReattachedCommunities(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	got, err := s.ListServicePoints(ctx, nil, PointFilter{Division: "320113002"}, Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, p := range got.Items {
		codes[p.Code] = true
	}
	// 马群街道: its centre and one station per community (17 + 东阳 + 西花).
	if got.Total != 20 || !codes["320113002P01"] || !codes["320113401001P01"] || !codes["320113401002P01"] {
		t.Errorf("马群街道 points: total %d, %v", got.Total, codes)
	}
}

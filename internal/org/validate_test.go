package org

import (
	"context"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// injections are stored and read back exactly as typed.
var injections = []string{
	`'; DROP TABLE grids; --`,
	`<script>alert("网格")</script>`,
	`Robert'); DELETE FROM communities WHERE ('1'='1`,
	`%_\ 100% 网格`,
}

func TestCreateGridRefusesBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	grids, audits := countRows(t, d, "grids", ""), countRows(t, d, "audit_log", "")
	cases := []struct {
		name  string
		in    GridInput
		field string
	}{
		{"empty name", GridInput{CommunityCode: "320113001001", Name: "  "}, "name"},
		{"65-rune name", GridInput{CommunityCode: "320113001001", Name: strings.Repeat("网", 65)}, "name"},
		{"line break in name", GridInput{CommunityCode: "320113001001", Name: "第一\n网格"}, "name"},
		{"unknown community", GridInput{CommunityCode: "320113001999", Name: "新网格"}, "community_code"},
		{"malformed community", GridInput{CommunityCode: "32011300100A", Name: "新网格"}, "community_code"},
		{"empty community", GridInput{Name: "新网格"}, "community_code"},
		{"cell out of range", GridInput{CommunityCode: "320113001001", Cell: 1000, Name: "新网格"}, "cell"},
		{"negative leader", GridInput{CommunityCode: "320113001001", Name: "新网格", LeaderAccountID: -1}, "leader_account_id"},
		{"duplicate name", GridInput{CommunityCode: "320113001001", Name: "尧化社区第1网格"}, "name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.CreateGrid(ctx, admin, c.in)
			wantInvalid(t, err, c.field)
		})
	}
	_, err := s.CreateGrid(ctx, admin, GridInput{CommunityCode: "320113001001", Cell: 1, Name: "重复编码"})
	wantCode(t, err, apperr.CodeConflict)
	if countRows(t, d, "grids", "") != grids || countRows(t, d, "audit_log", "") != audits {
		t.Fatal("a refused grid left rows behind")
	}
	if _, err := s.CreateGrid(ctx, admin, GridInput{CommunityCode: "320113001001", Name: strings.Repeat("网", 64)}); err != nil {
		t.Errorf("64-rune name refused: %v", err)
	}
}

func TestInjectionStringsAreStoredVerbatim(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	for _, name := range injections {
		g, err := s.CreateGrid(ctx, admin, GridInput{CommunityCode: "320113002001", Name: name})
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		got, err := s.GetGrid(ctx, admin, g.Code)
		if err != nil || got.Name != name {
			t.Errorf("stored %q, read back %q (%v)", name, got.Name, err)
		}
		p, err := s.AssignPost(ctx, admin, PostInput{AccountID: 77, UnitCode: g.Code, Title: name})
		if err != nil || p.Title != name {
			t.Errorf("post title %q: %+v, %v", name, p, err)
		}
	}
	sp, err := s.UpdateServicePoint(ctx, admin, "320113001001P01", ServicePointFields{
		Name: injections[0], Address: injections[1], OpeningHours: injections[3], Active: true})
	if err != nil {
		t.Fatal(err)
	}
	back, _ := s.GetServicePoint(ctx, nil, sp.Code)
	if back.Name != injections[0] || back.Address != injections[1] || back.OpeningHours != injections[3] {
		t.Errorf("service point read back %+v", back)
	}
	if countRows(t, d, "communities", "") != 131 || countRows(t, d, "grids", "community_code = '320113002001'") < 4 {
		t.Error("an injection string changed other rows")
	}
}

func TestUpdateServicePointRefusesBadInput(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	ok := ServicePointFields{Name: "尧化街道政务服务中心", Active: true}
	with := func(f func(*ServicePointFields)) ServicePointFields { v := ok; f(&v); return v }
	cases := []struct {
		name, code, field string
		in                ServicePointFields
	}{
		{"empty name", "320113001P01", "name", with(func(f *ServicePointFields) { f.Name = "" })},
		{"65-rune name", "320113001P01", "name", with(func(f *ServicePointFields) { f.Name = strings.Repeat("中", 65) })},
		{"long address", "320113001P01", "address", with(func(f *ServicePointFields) { f.Address = strings.Repeat("路", 129) })},
		{"bad phone", "320113001P01", "phone", with(func(f *ServicePointFields) { f.Phone = "12" })},
		{"tab in hours", "320113001P01", "opening_hours", with(func(f *ServicePointFields) { f.OpeningHours = "9:00\t17:00" })},
		{"malformed code", "320113001X01", "code", ok},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.UpdateServicePoint(ctx, admin, c.code, c.in)
			wantInvalid(t, err, c.field)
		})
	}
	_, err := s.UpdateServicePoint(ctx, admin, "320113001P09", ok)
	wantCode(t, err, apperr.CodeNotFound)
	if n := auditCount(t, d, "org.service_point.update"); n != 0 {
		t.Errorf("%d audit records after refused updates", n)
	}
	two := ServicePointFields{Name: "", Phone: "abc"}
	_, err = s.UpdateServicePoint(ctx, admin, "320113001P01", two)
	if e, _ := apperr.As(err); e == nil || e.Fields["name"] == "" || e.Fields["phone"] == "" {
		t.Errorf("want both fields named, got %v", err)
	}
	got, err := s.UpdateServicePoint(ctx, admin, "320113001P01", with(func(f *ServicePointFields) { f.Phone = "025 8558 1234" }))
	if err != nil || got.Phone != "025-85581234" || auditCount(t, d, "org.service_point.update") != 1 {
		t.Errorf("valid update: %+v, %v", got, err)
	}
}

func TestPosts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d, s := seededService(t)
	admin := actorWith(1, authz.RoleAdmin, authz.District(QixiaCode))
	for _, c := range []struct {
		name  string
		in    PostInput
		field string
	}{
		{"no account", PostInput{UnitCode: "320113001", Title: "主任"}, "account_id"},
		{"malformed unit", PostInput{AccountID: 5, UnitCode: "320113-001", Title: "主任"}, "unit_code"},
		{"unknown unit", PostInput{AccountID: 5, UnitCode: "320113001999", Title: "主任"}, "unit_code"},
		{"unknown department", PostInput{AccountID: 5, UnitCode: "320113D99", Title: "科员"}, "unit_code"},
		{"empty title", PostInput{AccountID: 5, UnitCode: "320113001", Title: ""}, "title"},
		{"65-rune title", PostInput{AccountID: 5, UnitCode: "320113001", Title: strings.Repeat("长", 65)}, "title"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.AssignPost(ctx, admin, c.in)
			wantInvalid(t, err, c.field)
		})
	}
	if n := countRows(t, d, "staff_posts", ""); n != 0 {
		t.Fatalf("%d posts after refused input", n)
	}
	p, err := s.AssignPost(ctx, admin, PostInput{AccountID: 5, UnitCode: "320113001001P01", Title: "全科社工"})
	if err != nil || p.UnitKind != authz.ScopeServicePoint || !p.StartsAt.Equal(testNow) || !p.Active(testNow) {
		t.Fatalf("assign: %+v, %v", p, err)
	}
	_, err = s.AssignPost(ctx, admin, PostInput{AccountID: 5, UnitCode: "320113001001P01", Title: "全科社工"})
	wantCode(t, err, apperr.CodeConflict)
	ended, err := s.EndPost(ctx, admin, p.ID)
	if err != nil || ended.EndsAt == nil || !ended.EndsAt.Equal(testNow) {
		t.Fatalf("end: %+v, %v", ended, err)
	}
	_, err = s.EndPost(ctx, admin, p.ID)
	wantCode(t, err, apperr.CodeConflict)
	_, err = s.EndPost(ctx, admin, 999999)
	wantCode(t, err, apperr.CodeNotFound)
	checkPostLists(t, s, admin)
}

// checkPostLists checks the held/ended and unit/sub-unit filters.
func checkPostLists(t *testing.T, s *Service, admin *authz.Actor) {
	ctx := context.Background()
	if _, err := s.AssignPost(ctx, admin, PostInput{AccountID: 5, UnitCode: "320113001001P01", Title: "全科社工"}); err != nil {
		t.Fatalf("re-assign after end: %v", err)
	}
	if _, err := s.AssignPost(ctx, admin, PostInput{AccountID: 6, UnitCode: "320113401001", Title: "社区书记"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		unit string
		f    PostFilter
		want int
	}{
		{"320113001001P01", PostFilter{}, 1},
		{"320113001001P01", PostFilter{IncludeEnded: true}, 2},
		{"320113001", PostFilter{}, 0},
		{"320113001", PostFilter{IncludeSubunits: true}, 1},
		{"320113002", PostFilter{IncludeSubunits: true}, 1}, // 东阳, reattached to 马群
		{QixiaCode, PostFilter{IncludeSubunits: true, IncludeEnded: true}, 3},
	} {
		got, err := s.ListStaffPosts(ctx, admin, c.unit, c.f, Page{})
		if err != nil || got.Total != c.want || len(got.Items) != c.want {
			t.Errorf("posts of %s %+v: %d (total %d), want %d, %v", c.unit, c.f, len(got.Items), got.Total, c.want, err)
		}
	}
}

func TestPagination(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, s := seededService(t)
	first, err := s.ListCommunities(ctx, nil, "320113006", Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.ListCommunities(ctx, nil, "320113006", Page{Limit: 10, Offset: 20})
	if err != nil {
		t.Fatal(err)
	}
	if first.Total != 22 || len(first.Items) != 10 || !first.More() || len(second.Items) != 2 || second.More() {
		t.Errorf("pages: first %d/%d more=%v, second %d more=%v", len(first.Items), first.Total, first.More(),
			len(second.Items), second.More())
	}
	if first.Items[0].Code != "320113006002" || second.Items[1].Code != "320113006219" {
		t.Errorf("order: %s … %s", first.Items[0].Code, second.Items[1].Code)
	}
	if p := (Page{Limit: 10000, Offset: -3}).normal(); p.Limit != MaxLimit || p.Offset != 0 {
		t.Errorf("normal = %+v", p)
	}
	for _, c := range []struct {
		call func() error
		want apperr.Code
	}{
		{func() error { _, err := s.ListStreets(ctx, nil, "320199", Page{}); return err }, apperr.CodeNotFound},
		{func() error { _, err := s.ListStreets(ctx, nil, "3201", Page{}); return err }, apperr.CodeInvalid},
		{func() error { _, err := s.ListCommunities(ctx, nil, "320113008", Page{}); return err }, apperr.CodeNotFound},
		{func() error { _, err := s.GetCommunity(ctx, nil, "320113400498"); return err }, apperr.CodeNotFound},
		{func() error {
			_, err := s.ListServicePoints(ctx, nil, PointFilter{District: QixiaCode, Level: "kiosk"}, Page{})
			return err
		}, apperr.CodeInvalid},
		{func() error {
			_, err := s.ListServicePoints(ctx, nil, PointFilter{District: QixiaCode, Division: "320102002"}, Page{})
			return err
		}, apperr.CodeInvalid},
	} {
		if got := apperr.CodeOf(c.call()); got != c.want {
			t.Errorf("want %s, got %s", c.want, got)
		}
	}
}

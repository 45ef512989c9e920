package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// DemoPassword is the password of every demo staff account. It is printed
// by `shanzhi demo` and must never exist outside a demo database.
const DemoPassword = "Qixia-demo-2026"

// DemoLogin is one demo account as the demo prints it.
type DemoLogin struct {
	Role   authz.Role
	Login  string // username, or phone number for the public
	Secret string // password, or where to find the SMS code
	Where  string // the scope, in words
}

// demoStaff are the staff accounts of the demo, one per staff role.
var demoStaff = []struct {
	username, name string
	role           authz.Role
	scope          func(depts map[string]string) authz.Scope
	where          string
}{
	{"admin", "区系统管理员", authz.RoleAdmin, district, "栖霞区"},
	{"leader", "区领导", authz.RoleLeader, district, "栖霞区"},
	{"qianmo.yaohua", "尧化街道全科社工", authz.RoleFrontDesk, fixed(authz.ScopeServicePoint, "320113001P01"), "尧化街道政务服务中心"},
	{"shenpi.scjg", "市场监管审批员", authz.RoleApprover, department("区市场监管局"), "区市场监管局（审查）"},
	{"shenhe.scjg", "市场监管审核员", authz.RoleApprover, department("区市场监管局"), "区市场监管局（审核）"},
	{"zhifa.yaohua", "尧化街道执法队员", authz.RoleInspector, fixed(authz.ScopeStreet, "320113001"), "尧化街道"},
	{"wangge.yaohua", "尧化社区网格员", authz.RoleGridWorker, fixed(authz.ScopeCommunity, "320113001001"), "尧化社区"},
	{"wuye.yaohua", "尧化社区物业", authz.RoleProperty, fixed(authz.ScopeCommunity, "320113001001"), "尧化社区"},
}

func district(map[string]string) authz.Scope { return authz.District("320113") }

func fixed(kind authz.ScopeKind, code string) func(map[string]string) authz.Scope {
	return func(map[string]string) authz.Scope { return authz.Scope{Kind: kind, Code: code} }
}

func department(shortName string) func(map[string]string) authz.Scope {
	return func(depts map[string]string) authz.Scope {
		return authz.Scope{Kind: authz.ScopeDepartment, Code: depts[shortName]}
	}
}

// demoPublic are the public demo accounts: they sign in by SMS code, which
// the console SMS simulator prints.
var demoPublic = []struct {
	phone, name string
	role        authz.Role
	where       string
}{
	{"13800000001", "王小栖", authz.RoleResident, "居民"},
	{"13800000002", "李示范", authz.RoleEnterprise, "南京栖霞示范餐饮有限公司"},
	{"13800000003", "陈志愿", authz.RoleVolunteer, "尧化社区志愿者"},
}

// SeedDemo loads Qixia's organisation and one demo account per role into a
// fresh database. On a database that already has the demo it only lists
// the logins.
func (a *App) SeedDemo(ctx context.Context) ([]DemoLogin, error) {
	if a.Cfg.District != "320113" {
		return nil, fmt.Errorf("app: the demo seeds Qixia (320113), not %s", a.Cfg.District)
	}
	if _, err := org.ImportDivisions(ctx, a.DB, a.Cfg.District, org.EmbeddedSource()); err != nil {
		return nil, err
	}
	if _, err := org.SeedQixia(ctx, a.DB); err != nil {
		return nil, err
	}
	depts, err := a.departmentCodes(ctx)
	if err != nil {
		return nil, err
	}
	logins, ids, err := a.seedStaff(ctx, depts)
	if err != nil {
		return nil, err
	}
	if len(ids) > 0 { // a fresh database
		if err := a.seedPosts(ctx, ids, depts); err != nil {
			return nil, err
		}
		if err := a.Org.SeedDemoRosters(ctx, a.Cfg.District, ids); err != nil {
			return nil, err
		}
		if err := a.seedPublic(ctx); err != nil {
			return nil, err
		}
		if _, err := a.Catalog.SeedDemo(ctx, a.Cfg.District); err != nil {
			return nil, fmt.Errorf("app: demo catalogue: %w", err)
		}
		if err := a.Credit.SeedDemo(ctx, a.Cfg.District); err != nil {
			return nil, fmt.Errorf("app: demo credit: %w", err)
		}
		if _, err := a.WorkOrders.SeedDemo(ctx, a.Cfg.District); err != nil {
			return nil, fmt.Errorf("app: demo work-order categories: %w", err)
		}
		if err := a.seedDemoWorkOrders(ctx); err != nil {
			return nil, err
		}
		desk := &authz.Actor{AccountID: ids["qianmo.yaohua"], Kind: authz.KindStaff, Name: "尧化街道全科社工",
			District: a.Cfg.District, Grants: []authz.Grant{{Role: authz.RoleFrontDesk,
				Scope: authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113001P01"}}}}
		if err := a.seedDemoLicensing(ctx); err != nil {
			return nil, err
		}
		if err := a.seedDemoApplications(ctx, desk, ids, depts["区市场监管局"]); err != nil {
			return nil, err
		}
	}
	for _, p := range demoPublic {
		logins = append(logins, DemoLogin{Role: p.role, Login: p.phone, Secret: "短信验证码（由短信模拟器打印在本窗口）", Where: p.where})
	}
	return logins, nil
}

// seedStaff creates the staff accounts and returns the ids it created by
// username (none when they existed already).
func (a *App) seedStaff(ctx context.Context, depts map[string]string) ([]DemoLogin, map[string]int64, error) {
	var logins []DemoLogin
	ids := map[string]int64{}
	for i, s := range demoStaff {
		id, err := a.Identity.Bootstrap(ctx, identity.StaffInput{
			District: a.Cfg.District, Username: s.username, Password: DemoPassword, DisplayName: s.name,
			Phone:  fmt.Sprintf("1390000%04d", i+1), // the welcome SMS shows in the simulator
			Grants: []authz.Grant{{Role: s.role, Scope: s.scope(depts)}},
		})
		switch {
		case err == nil:
			ids[s.username] = id
		case apperr.CodeOf(err) != apperr.CodeConflict:
			return nil, nil, fmt.Errorf("app: demo staff %s: %w", s.username, err)
		}
		logins = append(logins, DemoLogin{Role: s.role, Login: s.username, Secret: DemoPassword, Where: s.where})
	}
	return logins, ids, nil
}

// seedPosts posts each demo staff member in the unit of their role and
// makes the grid worker the leader of 尧化社区's first grid.
func (a *App) seedPosts(ctx context.Context, ids map[string]int64, depts map[string]string) error {
	sys := authz.System(a.Cfg.District)
	for _, s := range demoStaff {
		unit := s.scope(depts).Code
		if _, err := a.Org.AssignPost(ctx, sys, org.PostInput{AccountID: ids[s.username], UnitCode: unit, Title: s.role.Name()}); err != nil {
			return fmt.Errorf("app: demo post %s: %w", s.username, err)
		}
	}
	_, err := a.Org.UpdateGrid(ctx, sys, "320113001001001", org.GridUpdate{Name: "尧化社区第1网格", LeaderAccountID: ids["wangge.yaohua"]})
	return err
}

// seedPublic creates the public demo accounts without sending codes (so
// their owners can sign in at once), registers their real names, then gives
// the volunteer its role and the enterprise user its company.
func (a *App) seedPublic(ctx context.Context) error {
	for i, p := range demoPublic {
		id, err := a.Identity.BootstrapResident(ctx, a.Cfg.District, p.phone)
		if err != nil {
			return fmt.Errorf("app: demo %s: %w", p.role, err)
		}
		owner := &authz.Actor{AccountID: id, Kind: authz.KindResident, District: a.Cfg.District,
			Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
		idNumber := check.MakeIDNumber("320113", time.Date(1985+i, 3, 1+i, 0, 0, 0, 0, time.UTC), 11+i)
		if err := a.Identity.UpdateRealName(ctx, owner, p.name, idNumber); err != nil {
			return fmt.Errorf("app: demo %s: %w", p.role, err)
		}
		if err := a.seedPublicRole(ctx, owner, p.role); err != nil {
			return err
		}
	}
	return nil
}

func (a *App) seedPublicRole(ctx context.Context, owner *authz.Actor, role authz.Role) error {
	switch role {
	case authz.RoleVolunteer:
		// A volunteer serves in a community's time bank.
		grant := authz.Grant{Role: role, Scope: authz.Scope{Kind: authz.ScopeCommunity, Code: "320113001001"}}
		return a.Identity.GrantRole(ctx, authz.System(a.Cfg.District), owner.AccountID, grant)
	case authz.RoleEnterprise:
		_, err := a.Identity.RegisterEnterprise(ctx, owner, demoEnterpriseCode, "南京栖霞示范餐饮有限公司")
		return err
	}
	return nil
}

// demoEnterpriseCode is a made-up unified social credit code with valid
// check characters (issued by 市场监管 "9", type "1", Qixia "320113").
var demoEnterpriseCode = mustDemoCode()

// departmentCodes maps department short names to codes.
func (a *App) departmentCodes(ctx context.Context) (map[string]string, error) {
	list, err := a.Org.ListDepartments(ctx, nil, a.Cfg.District, org.Page{Limit: 100})
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(list.Items))
	for _, d := range list.Items {
		out[d.ShortName] = d.Code
	}
	if out["区市场监管局"] == "" {
		return nil, errors.New("app: demo: 区市场监管局 not seeded")
	}
	return out, nil
}

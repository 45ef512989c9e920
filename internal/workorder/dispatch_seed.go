package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// demoRule is a rule of the demo catalogue with departments named by
// their short names (resolved to codes when seeded).
type demoRule struct {
	Rule
	dept    string // the lead's department, when the lead is one
	assists []string
}

var (
	ownProperty    = Target{Kind: KindProperty}
	ownCommunity   = Target{Kind: KindCommunity}
	ownStreet      = Target{Kind: KindStreet}
	ownEnforcement = Target{Kind: KindStreet, Team: TeamEnforcement}
)

// demoRules is the demo catalogue over the demo category tree: property
// requests to the estate's property company (repairs in its grab pool,
// lifts with the community as co-unit, fee disputes to the community,
// and the island street 八卦洲 — few estates with a property company — to
// its communities), city management to the street's enforcement team
// (illegal building with the district enforcement bureau as co-unit,
// illegally parked cars in the team's grab pool, small adverts pushed
// down to the community by an explicit rule), gas and work safety to
// their departments, neighbour disputes to the community's social
// workers' grab pool. Everything else follows the categories' default
// handlers.
var demoRules = []demoRule{
	{Rule: Rule{Category: "WY", Unit: ownProperty, Mode: ModeDirect, Note: "物业报事默认派小区物业"}},
	{Rule: Rule{Category: "WY", Place: "320113009", Unit: ownCommunity, Mode: ModeDirect, Note: "八卦洲街道多为无物业小区，由社区代管"}},
	{Rule: Rule{Category: "WY-02", Unit: ownProperty, Mode: ModeJoint, Assists: []Target{ownCommunity}, Note: "电梯安全：物业主办，社区协办督促"}},
	{Rule: Rule{Category: "WY-03", Unit: ownProperty, Mode: ModeGrab, Note: "报修发布到物业维修人员抢单池，就近接单"}},
	{Rule: Rule{Category: "WY-07", Unit: ownCommunity, Mode: ModeDirect, Note: "收费争议由社区居委会协调"}},
	{Rule: Rule{Category: "CG", Unit: ownEnforcement, Mode: ModeDirect, Note: "城市管理事项派街道综合执法队"}},
	{Rule: Rule{Category: "CG-02", Unit: ownEnforcement, Mode: ModeJoint, Note: "违法建设：街道执法队主办，区城管执法局协办"},
		assists: []string{"区城管执法局"}},
	{Rule: Rule{Category: "CG-04", Unit: ownEnforcement, Mode: ModeGrab, Note: "乱停车：就近执法队员抢单"}},
	{Rule: Rule{Category: "CG-05", Unit: ownCommunity, Mode: ModeDirect, PushDown: true, Note: "小广告清理下沉社区（目录允许下派）"}},
	{Rule: Rule{Category: "AQ-01", Unit: ownStreet, Mode: ModeJoint, Assists: []Target{ownCommunity}, Note: "消防隐患：街道主办，社区协办"}},
	{Rule: Rule{Category: "AQ-02", Mode: ModeJoint, Assists: []Target{ownStreet}, Note: "燃气安全：区住建局主办，街道协办"}, dept: "区住建局"},
	{Rule: Rule{Category: "AQ-04", Mode: ModeDirect, Note: "安全生产隐患派区应急局"}, dept: "区应急局"},
	{Rule: Rule{Category: "MS-02", Unit: ownCommunity, Mode: ModeJoint, Note: "社会救助：社区主办，区民政局协办"},
		assists: []string{"区民政局"}},
	{Rule: Rule{Category: "MS-04", Unit: ownCommunity, Mode: ModeGrab, Note: "邻里纠纷：社区社工就近抢单调解"}},
}

// demoCatalogue resolves the demo rules' departments; rules naming a
// department the directory does not know are left out.
func (s *Service) demoCatalogue(ctx context.Context, district string) ([]Rule, error) {
	depts, err := s.departments(ctx, district)
	if err != nil {
		return nil, err
	}
	var out []Rule
	for _, d := range demoRules {
		r, ok := d.Rule, true
		if d.dept != "" {
			dep, found := departmentNamed(depts, d.dept)
			r.Unit, ok = Target{Kind: KindDepartment, Code: dep.Code}, found
		}
		r.Assists = append([]Target(nil), r.Assists...)
		for _, name := range d.assists {
			dep, found := departmentNamed(depts, name)
			r.Assists, ok = append(r.Assists, Target{Kind: KindDepartment, Code: dep.Code}), ok && found
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// SeedDemoCatalogue publishes the demo dispatch catalogue as version 1 of
// a district that has none; it reports whether it did. The demo category
// tree must be published first (SeedDemo). It runs as the system.
func (s *Service) SeedDemoCatalogue(ctx context.Context, district string) (bool, error) {
	rules, err := s.demoCatalogue(ctx, district)
	if err != nil {
		return false, err
	}
	if err := s.checkCatalogue(ctx, district, rules); err != nil {
		return false, fmt.Errorf("workorder: demo dispatch catalogue: %w", err)
	}
	seeded := false
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM workorder_dispatch_catalogues WHERE district_code = ?`,
			district).Scan(&n); err != nil || n > 0 {
			return err
		}
		c, err := newCatalogueVersion(ctx, tx, district, 0)
		if err != nil {
			return err
		}
		if err := replaceRules(ctx, tx, c.ID, rules); err != nil {
			return err
		}
		if err := publishCatalogue(ctx, tx, district, c.ID, "演示派单目录", 0); err != nil {
			return err
		}
		seeded = true
		return audit.Append(ctx, tx, audit.Entry{Actor: authz.System(district), Action: "workorder.dispatch.publish",
			ObjectType: "workorder_dispatch_catalogue", ObjectID: "1"})
	})
	return seeded, err
}

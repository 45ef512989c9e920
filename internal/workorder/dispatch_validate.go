package workorder

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// Limits of a dispatch catalogue: a rule per category and community of a
// large district is a few thousand (27 × 142 in the benchmark).
const (
	maxRules       = 20000
	maxAssists     = 5
	maxRuleNote    = 200
	gridCodeDigits = 15
)

// unitDirectory is what validating a catalogue checks codes against.
type unitDirectory struct {
	g       *gazetteer
	streets map[string]bool
	grids   map[string]bool
	depts   []org.Department
}

// directory reads the district's places, the grids of the communities
// codes refers to (grid codes), and the departments.
func (s *Service) directory(ctx context.Context, district string, gridCodes []string) (*unitDirectory, error) {
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return nil, err
	}
	d := &unitDirectory{g: g, streets: map[string]bool{}, grids: map[string]bool{}}
	for _, st := range g.streets {
		d.streets[st.Code] = true
	}
	seen := map[string]bool{}
	for _, code := range gridCodes {
		c := prefix(code, 12)
		if _, ok := g.byCode[c]; !ok || seen[c] {
			continue
		}
		seen[c] = true
		grids, err := s.Places.Grids(ctx, district, c)
		if err != nil {
			return nil, fmt.Errorf("workorder: grids of %s: %w", c, err)
		}
		for _, gr := range grids {
			d.grids[gr.Code] = true
		}
	}
	d.depts, err = s.departments(ctx, district)
	return d, err
}

// gridCodesOf lists the grid codes a catalogue names, to read their
// communities' grids once.
func gridCodesOf(rules []Rule) []string {
	var out []string
	add := func(code string) {
		if len(code) == gridCodeDigits {
			out = append(out, code)
		}
	}
	for _, r := range rules {
		add(r.Place)
		add(r.Unit.Code)
		for _, a := range r.Assists {
			add(a.Code)
		}
	}
	return out
}

// validateCatalogue checks every rule against the tree and the places;
// every problem is named by its path (rules[3].unit.code).
func validateCatalogue(rules []Rule, tree *Tree, d *unitDirectory) error {
	p := problems{}
	if len(rules) > maxRules {
		p.add("rules", fmt.Sprintf("派单规则不能超过%d条", maxRules))
		return p.err("派单目录有问题，未保存")
	}
	seen := map[string]int{}
	for i, r := range rules {
		at := fmt.Sprintf("rules[%d]", i)
		d.checkRule(p, at, r, tree)
		key := r.Category + "|" + r.Place
		if j, dup := seen[key]; dup {
			p.add(at+".place", fmt.Sprintf("与第%d条规则的分类和地点相同，无法确定派给谁", j+1))
		}
		seen[key] = i
	}
	return p.err("派单目录有问题，未保存")
}

// checkRule checks one rule.
func (d *unitDirectory) checkRule(p problems, at string, r Rule, tree *Tree) {
	if _, ok := tree.Find(r.Category); r.Category != "" && !ok {
		p.add(at+".category", "分类「"+r.Category+"」不在当前发布的分类树中")
	}
	if r.Place != "" && !d.isPlace(r.Place) {
		p.add(at+".place", "「"+r.Place+"」不是本区的街道、社区或网格编码")
	}
	d.checkUnit(p, at+".unit", r.Unit)
	switch {
	case !r.Mode.Valid():
		p.add(at+".mode", "派单方式应为 direct（直接派单）、grab（抢单）或 joint（主办协办）")
	case r.Mode == ModeJoint && len(r.Assists) == 0:
		p.add(at+".assists", "主办协办须至少指定一个协办单位")
	case r.Mode != ModeJoint && len(r.Assists) > 0:
		p.add(at+".assists", "只有主办协办方式才能指定协办单位")
	case len(r.Assists) > maxAssists:
		p.add(at+".assists", fmt.Sprintf("协办单位不能超过%d个", maxAssists))
	}
	for j, a := range r.Assists {
		path := fmt.Sprintf("%s.assists[%d]", at, j)
		d.checkUnit(p, path, a)
		if a == r.Unit || slices.Index(r.Assists, a) < j {
			p.add(path, "协办单位与主办单位或其他协办单位重复")
		}
	}
	checkRunes(p, at+".note", "说明", r.Note, maxRuleNote, false)
	if h, ok := departmentMatter(tree, r.Category); ok && pushesDown(r) && !r.PushDown {
		p.add(at+".push_down", "「"+r.Category+"」是部门职责事项（"+HandlerName(h)+"），派给社区或网格须设置允许下派（push_down）")
	}
}

// checkUnit checks a unit's kind, team and code.
func (d *unitDirectory) checkUnit(p problems, at string, u Target) {
	if !u.Kind.Valid() {
		p.add(at+".kind", "单位类别应为 community、grid、street、department 或 property")
		return
	}
	if !u.Team.Valid() || (u.Team != TeamAll && u.Kind != KindStreet && u.Kind != KindDepartment) {
		p.add(at+".team", "只有街道和部门可以指定综合执法队（enforcement）")
	}
	ok := true
	switch u.Kind {
	case KindCommunity, KindProperty:
		_, known := d.g.byCode[u.Code]
		ok = u.Code == "" || known
	case KindGrid:
		ok = u.Code == "" || d.grids[u.Code]
	case KindStreet:
		ok = u.Code == "" || d.streets[u.Code]
	case KindDepartment:
		ok = slices.ContainsFunc(d.depts, func(dep org.Department) bool { return dep.Code == u.Code })
	}
	if !ok {
		p.add(at+".code", "「"+u.Code+"」不是本区的"+u.Kind.Name()+"编码"+codeHint(u.Kind))
	}
}

func codeHint(k UnitKind) string {
	if k == KindDepartment {
		return "（部门须写编码，如 320113D26）"
	}
	return "（留空表示工单所在的" + k.Name() + "）"
}

// isPlace reports whether code is a street, community or grid of the
// district.
func (d *unitDirectory) isPlace(code string) bool {
	_, community := d.g.byCode[code]
	return community || d.streets[code] || d.grids[code]
}

// departmentMatter reports whether a category is a department's matter
// (its default handler, inherited or its own, is a department) and
// returns the handler rule.
func departmentMatter(tree *Tree, category string) (string, bool) {
	if category == "" {
		return "", false
	}
	e, ok := tree.Effective(category)
	if !ok || !strings.HasPrefix(e.Handler, handlerDeptPre) {
		return "", false
	}
	return e.Handler, true
}

// pushesDown reports whether a rule sends an order, as lead or co-unit, to
// a community or grid.
func pushesDown(r Rule) bool {
	return r.Unit.Kind.local() || slices.ContainsFunc(r.Assists, func(u Target) bool { return u.Kind.local() })
}

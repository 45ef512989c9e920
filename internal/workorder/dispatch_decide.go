package workorder

import (
	"context"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// decision is where an order goes and why.
type decision struct {
	Lead      Target
	Assists   []Target
	Mode      Mode
	Source    string
	Catalogue int
	RuleID    int64
}

func (d decision) payload(prev *Target) dispatchPayload {
	return dispatchPayload{Lead: d.Lead, Assists: d.Assists, Mode: d.Mode, Source: d.Source, Catalogue: d.Catalogue,
		Rule: d.RuleID, Previous: prev}
}

// decide finds where an order goes: the most specific rule of the
// catalogue in force — the order's category before its groups before
// "any category", and within one category its grid before its community
// before its street before the whole district — else the category's
// default handler rule. A rule that would send a department's matter to a
// community or grid without allowing it (push_down) is passed over. ok is
// false when nothing can be decided (a department the directory does not
// know): the order then waits for a dispatcher. Inside the filing
// transaction everything but the version in force comes from memory once
// warm (the tree, the compiled catalogue; the departments, kept 10
// minutes, are read on the read pool when cold).
func (s *Service) decide(ctx context.Context, q querier, o Order) (decision, bool, error) {
	tree, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return decision{}, false, err
	}
	cat, _ := tree.Effective(o.CategoryCode)
	dept := strings.HasPrefix(cat.Handler, handlerDeptPre)
	cc, err := s.publishedCatalogue(ctx, q, o.District)
	if err != nil {
		return decision{}, false, err
	}
	if cc != nil {
		if r := cc.match(tree, o, func(r *Rule) bool { return !dept || r.PushDown || !pushesDown(*r) }); r != nil {
			return s.fromRule(cc.Version, r, o), true, nil
		}
	}
	lead, ok, err := s.defaultUnit(ctx, o, cat.Handler)
	return decision{Lead: lead, Mode: ModeDirect, Source: sourceDefault}, ok, err
}

// match returns the most specific rule for the order that accept allows.
func (cc *compiled) match(tree *Tree, o Order, accept func(*Rule) bool) *Rule {
	places := []string{o.Place.Community, o.Place.Street, ""}
	if o.Place.Grid != "" {
		places = append([]string{o.Place.Grid}, places...)
	}
	for _, c := range ruleCategories(tree, o.CategoryCode) {
		for _, p := range places {
			if r := cc.index[ruleKey(c, p)]; r != nil && accept(r) {
				return r
			}
		}
	}
	return nil
}

// ruleCategories lists a category, its groups up to the root, and "" (any).
func ruleCategories(tree *Tree, code string) []string {
	out := []string{}
	for seen := 0; code != "" && seen <= len(tree.Categories); seen++ {
		out = append(out, code)
		c, ok := tree.Find(code)
		if !ok {
			break
		}
		code = c.Parent
	}
	return append(out, "")
}

// fromRule is the decision of a rule for an order, "own" units resolved.
func (s *Service) fromRule(version int, r *Rule, o Order) decision {
	d := decision{Lead: own(r.Unit, o), Mode: r.Mode, Source: sourceCatalogue, Catalogue: version, RuleID: r.ID}
	for _, a := range r.Assists {
		d.Assists = append(d.Assists, own(a, o))
	}
	return d
}

// own resolves a unit with an empty code to the order's own community,
// grid (its community when it has none), street or property.
func own(u Target, o Order) Target {
	if u.Code != "" {
		return u
	}
	switch u.Kind {
	case KindCommunity, KindProperty:
		u.Code = o.Place.Community
	case KindGrid:
		u.Code = o.Place.Grid
		if u.Code == "" {
			u.Kind, u.Code = KindCommunity, o.Place.Community
		}
	case KindStreet:
		u.Code = o.Place.Street
	}
	return u
}

// defaultUnit is the unit of a category's default handler rule for the
// order; ok is false for a department the directory does not know.
func (s *Service) defaultUnit(ctx context.Context, o Order, handler string) (Target, bool, error) {
	switch handler {
	case HandlerCommunity:
		return own(Target{Kind: KindCommunity}, o), true, nil
	case HandlerGrid:
		return own(Target{Kind: KindGrid}, o), true, nil
	case HandlerStreet:
		return own(Target{Kind: KindStreet}, o), true, nil
	case HandlerProperty:
		return own(Target{Kind: KindProperty}, o), true, nil
	}
	name, isDept := strings.CutPrefix(handler, handlerDeptPre)
	if !isDept {
		return Target{}, false, nil
	}
	depts, err := s.departments(ctx, o.District)
	if err != nil {
		return Target{}, false, err
	}
	d, ok := departmentNamed(depts, name)
	return Target{Kind: KindDepartment, Code: d.Code}, ok, nil
}

// checkPushDown refuses to send a department's matter to a community or
// grid unless a rule of the catalogue in force, matching the order, says
// it may go down (push_down).
func (s *Service) checkPushDown(ctx context.Context, q querier, o Order, units []Target) error {
	local := false
	for _, u := range units {
		local = local || u.Kind.local()
	}
	if !local {
		return nil
	}
	tree, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return err
	}
	handler, dept := departmentMatter(tree, o.CategoryCode)
	if !dept {
		return nil
	}
	cc, err := s.publishedCatalogue(ctx, q, o.District)
	if err != nil {
		return err
	}
	if cc != nil && cc.match(tree, o, func(r *Rule) bool { return r.PushDown }) != nil {
		return nil
	}
	c, _ := tree.Find(o.CategoryCode)
	return apperr.Invalid("unit", "「"+c.Name+"」是部门职责事项（"+HandlerName(handler)+
		"），派单目录中没有允许下派的规则，不能派给社区或网格")
}

package workorder

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// genWorld is what the load generator draws from: the district's
// communities with their grids and approximate centres, the leaves of the
// published category tree with prepared field values, and the district's
// departments for department matters.
type genWorld struct {
	district    string
	version     int
	communities []genCommunity
	categories  []genCategory
	// weights are the categories' cumulative draw weights.
	weights []float64
	// depts maps department short names (城管局, 区城管局) to codes.
	depts map[string]string
}

// genCommunity is a community as the generator places orders in it.
type genCommunity struct {
	CommunityPlace
	grids []string
}

// genCategory is a leaf with its effective rules and a few ready field
// value sets (JSON).
type genCategory struct {
	Category
	fields []string
}

// genGroupWeights are the shares of the top-level groups: property
// requests are the bulk of a palm-cloud community's orders, city
// management next (the book's 3,000 answered questions and 300 orders a
// month give no split; these are the demo's).
var genGroupWeights = map[string]float64{"WY": 0.40, "CG": 0.25, "AQ": 0.10, "MS": 0.25}

// loadWorld reads the places, the published tree and the departments.
func (s *Service) loadWorld(ctx context.Context, district string) (*genWorld, error) {
	tree, err := s.CurrentTree(ctx, district)
	if err != nil {
		return nil, err
	}
	w := &genWorld{district: district, version: tree.Version, depts: map[string]string{}}
	if err := s.loadCommunities(ctx, w); err != nil {
		return nil, err
	}
	w.categories, w.weights = genCategories(tree)
	if len(w.categories) == 0 || len(w.communities) == 0 {
		return nil, fmt.Errorf("workorder: generate: the district has no categories or no communities")
	}
	if op, ok := s.Places.(OrgPlaces); ok {
		l, err := op.Org.ListDepartments(ctx, authz.System(district), district, org.Page{Limit: org.MaxLimit})
		if err != nil {
			return nil, fmt.Errorf("workorder: generate: departments: %w", err)
		}
		for _, d := range l.Items {
			w.depts[d.ShortName] = d.Code
			w.depts[strings.TrimPrefix(d.ShortName, "区")] = d.Code
		}
	}
	return w, nil
}

// loadCommunities reads every community with its grids.
func (s *Service) loadCommunities(ctx context.Context, w *genWorld) error {
	streets, err := s.Gazetteer(ctx, w.district)
	if err != nil {
		return err
	}
	for _, st := range streets {
		for _, c := range st.Communities {
			grids, err := s.Places.Grids(ctx, w.district, c.Code)
			if err != nil {
				return fmt.Errorf("workorder: generate: grids of %s: %w", c.Code, err)
			}
			gc := genCommunity{CommunityPlace: c}
			for _, g := range grids {
				gc.grids = append(gc.grids, g.Code)
			}
			w.communities = append(w.communities, gc)
		}
	}
	return nil
}

// genCategories lists the tree's leaves with their cumulative weights:
// each group's share split evenly among its leaves.
func genCategories(t *Tree) ([]genCategory, []float64) {
	leaves := t.Leaves(false)
	perGroup := map[string]int{}
	for _, c := range leaves {
		perGroup[t.Path(c.Code)[0]]++
	}
	var out []genCategory
	var cum []float64
	total := 0.0
	for _, c := range leaves {
		root := t.Path(c.Code)[0]
		share, ok := genGroupWeights[genRootCode(t, c.Code)]
		if !ok {
			share = 0.1
		}
		total += share / float64(perGroup[root])
		out, cum = append(out, genCategory{Category: c, fields: genFieldSets(c)}), append(cum, total)
	}
	for i := range cum {
		cum[i] /= total
	}
	return out, cum
}

// genRootCode is the code of the top-level group above code.
func genRootCode(t *Tree, code string) string {
	for {
		c, ok := t.Find(code)
		if !ok || c.Parent == "" {
			return code
		}
		code = c.Parent
	}
}

// genFieldSets prepares four value sets of a category's fields: every
// required field filled, list fields cycling through their options.
func genFieldSets(c Category) []string {
	out := make([]string, 4)
	for i := range out {
		vals := map[string]any{}
		for _, f := range c.Fields {
			if !f.Required && i%2 == 1 {
				continue
			}
			if v, ok := genFieldValue(f, i); ok {
				vals[f.Key] = v
			}
		}
		b, _ := json.Marshal(vals)
		out[i] = string(b)
	}
	return out
}

// genFieldValue is the i-th sample value of a field.
func genFieldValue(f Field, i int) (any, bool) {
	switch f.Type {
	case FieldSingle:
		if len(f.Options) == 0 {
			return nil, false
		}
		return f.Options[i%len(f.Options)].Key, true
	case FieldMulti:
		if len(f.Options) == 0 {
			return nil, false
		}
		return []string{f.Options[i%len(f.Options)].Key}, true
	case FieldNumber:
		return float64(1 + i*3), true
	case FieldDatetime:
		return fmt.Sprintf("2026-0%d-1%dT09:30", 1+i, i), true
	}
	return []string{"3栋2单元", "东门附近", "小区北侧", "苏A8K2X" + fmt.Sprint(i)}[i%4], true
}

// unitFor is the unit a category's default handler rule names for an
// order in community c and grid: the community, its grid, its street, a
// department (by short name; the street when unknown) or the community's
// property company.
func (w *genWorld) unitFor(handler string, c genCommunity, grid string) genUnit {
	switch {
	case handler == "grid" && grid != "":
		return genUnit{Kind: "grid", Code: grid}
	case handler == "street":
		return genUnit{Kind: "street", Code: c.Street}
	case handler == "property":
		return genUnit{Kind: "property", Code: c.Code}
	case strings.HasPrefix(handler, "dept:"):
		if code, ok := w.depts[strings.TrimPrefix(handler, "dept:")]; ok {
			return genUnit{Kind: "department", Code: code}
		}
		return genUnit{Kind: "street", Code: c.Street}
	}
	return genUnit{Kind: "community", Code: c.Code}
}

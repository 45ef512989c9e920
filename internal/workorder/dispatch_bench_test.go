package workorder

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// benchCatalogue publishes a catalogue of realistic size: one rule per
// category (the demo tree's 27: 23 leaves and 4 groups) and community
// (Qixia's 142), each naming its unit explicitly as the
// category's default handler would (department matters to their
// department, city management to the street's enforcement team).
func benchCatalogue(b *testing.B, r *rig) (cats []string, communities []org.Community) {
	b.Helper()
	tree, err := r.s.CurrentTree(r.ctx, district)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range tree.Categories {
		cats = append(cats, c.Code)
	}
	streets, err := r.s.Places.Streets(r.ctx, district)
	if err != nil {
		b.Fatal(err)
	}
	for _, st := range streets {
		cs, err := r.s.Places.Communities(r.ctx, district, st.Code)
		if err != nil {
			b.Fatal(err)
		}
		communities = append(communities, cs...)
	}
	slices.SortFunc(communities, func(a, b org.Community) int { return strings.Compare(a.Code, b.Code) })
	depts, err := r.s.departments(r.ctx, district)
	if err != nil {
		b.Fatal(err)
	}
	var rules []Rule
	for _, code := range cats {
		e, _ := tree.Effective(code)
		for _, c := range communities {
			rules = append(rules, Rule{Category: code, Place: c.Code, Unit: benchUnit(e, c, depts), Mode: ModeDirect})
		}
	}
	if _, err := r.s.SaveCatalogueDraft(r.ctx, admin, rules); err != nil {
		b.Fatal(err)
	}
	if _, err := r.s.PublishCatalogue(r.ctx, admin, "benchmark"); err != nil {
		b.Fatal(err)
	}
	b.Logf("catalogue: %d categories × %d communities = %d rules", len(cats), len(communities), len(rules))
	return cats, communities
}

// benchUnit is the explicit unit of a category's default handler in c.
func benchUnit(e Category, c org.Community, depts []org.Department) Target {
	switch {
	case strings.HasPrefix(e.Code, "CG"):
		return Target{Kind: KindStreet, Code: c.StreetCode, Team: TeamEnforcement}
	case strings.HasPrefix(e.Handler, handlerDeptPre):
		d, _ := departmentNamed(depts, strings.TrimPrefix(e.Handler, handlerDeptPre))
		return Target{Kind: KindDepartment, Code: d.Code}
	case e.Handler == HandlerProperty:
		return Target{Kind: KindProperty, Code: c.Code}
	case e.Handler == HandlerStreet:
		return Target{Kind: KindStreet, Code: c.StreetCode}
	}
	return Target{Kind: KindCommunity, Code: c.Code}
}

// BenchmarkDispatch measures the dispatch decision against the
// 27 × 142 catalogue beside filing with and without dispatch, in one run:
//
//   - decide: the decision for one order (read the version in force,
//     look the rules up by category and place);
//   - decide/lookup: the lookup alone, without reading the version;
//   - file/without_dispatch: filing an order, no hooks (the baseline);
//   - file/with_dispatch: filing with the dispatch hook, which decides and
//     writes the hop and the dispatched event in the filing transaction.
func BenchmarkDispatch(b *testing.B) {
	r := newDispatchRig(b, false)
	cats, communities := benchCatalogue(b, r)
	plain, err := New(r.s.Deps)
	if err != nil {
		b.Fatal(err)
	}
	tree, err := r.s.CurrentTree(r.ctx, district)
	if err != nil {
		b.Fatal(err)
	}
	var leaves []string
	for _, c := range cats {
		if tree.IsLeaf(c) {
			leaves = append(leaves, c)
		}
	}
	input := func(i int) FileInput {
		cat := leaves[i%len(leaves)]
		c := communities[(i*7)%len(communities)]
		return FileInput{Category: cat, Description: "基准测试诉求", Community: c.Code, Fields: demoFields(cat),
			IdempotencyKey: "bench-" + strconv.Itoa(i)}
	}
	var orders []Order
	for i := range 200 {
		f, err := plain.File(r.ctx, resident(7), input(i))
		if err != nil {
			b.Fatal(err)
		}
		orders = append(orders, f.Order)
	}
	b.Run("decide", func(b *testing.B) {
		i := 0
		for b.Loop() {
			d, ok, err := r.s.decide(r.ctx, r.d, orders[i%len(orders)])
			if err != nil || !ok || d.Source != sourceCatalogue {
				b.Fatalf("decision %+v %v %v", d, ok, err)
			}
			i++
		}
	})
	// The lookup alone, the catalogue and tree in hand: what the decision
	// costs beyond reading which version is in force.
	b.Run("decide/lookup", func(b *testing.B) {
		cc, err := r.s.publishedCatalogue(r.ctx, r.d, district)
		tree, terr := r.s.CurrentTree(r.ctx, district)
		if err != nil || terr != nil || cc == nil {
			b.Fatal(err, terr)
		}
		i := 0
		for b.Loop() {
			if cc.match(tree, orders[i%len(orders)], func(*Rule) bool { return true }) == nil {
				b.Fatal("no rule")
			}
			i++
		}
	})
	n := 1000
	b.Run("file/without_dispatch", func(b *testing.B) {
		for b.Loop() {
			n++
			if _, err := plain.File(r.ctx, resident(7), input(n)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("file/with_dispatch", func(b *testing.B) {
		for b.Loop() {
			n++
			if _, err := r.s.File(r.ctx, resident(7), input(n)); err != nil {
				b.Fatal(err)
			}
		}
	})
}

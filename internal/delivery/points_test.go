package delivery_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// TestPickupPoints: the organisation's active pickup points, grouped by
// street with the district's own first, and searchable.
func TestPickupPoints(t *testing.T) {
	f := newFixture(t)
	ps, err := delivery.OrgPoints{Org: org.New(f.d)}.PickupPoints(f.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, p := range ps {
		codes[p.Code] = true
	}
	if len(ps) < 100 || !codes[pointA] || !codes["320113P01"] || codes[pointSub] {
		t.Fatalf("%d points; centre %v, street %v, sub-centre %v", len(ps), codes["320113P01"], codes[pointA], codes[pointSub])
	}
	groups := delivery.GroupByStreet(ps, "")
	if len(groups) != 10 || groups[0].Street != "" || groups[0].Name != "区级网点" || !strings.HasSuffix(groups[1].Name, "街道") {
		t.Fatalf("%d groups, first %+v", len(groups), groups[0])
	}
	n := 0
	for _, g := range groups {
		n += len(g.Points)
		for _, p := range g.Points {
			if p.Street != g.Street {
				t.Fatalf("%s filed under %s", p.Code, g.Name)
			}
		}
	}
	if n != len(ps) {
		t.Fatalf("grouped %d of %d", n, len(ps))
	}
	street := groups[1].Name
	found := delivery.GroupByStreet(ps, street)
	if len(found) != 1 || found[0].Name != street || len(found[0].Points) < 2 {
		t.Fatalf("search %q = %+v", street, found)
	}
	if none := delivery.GroupByStreet(ps, "不存在的网点"); len(none) != 0 {
		t.Fatalf("search for nothing = %+v", none)
	}
}

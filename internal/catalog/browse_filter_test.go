package catalog

import (
	"net/url"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// TestQueryKeepsByContext checks the point, street and channel filters
// item by item.
func TestQueryKeepsByContext(t *testing.T) {
	items := browseItems()
	dist, comm, street := &items[0], &items[1], &items[2]
	cases := []struct {
		name string
		q    Query
		want [3]bool // district-only, community, street (offline)
	}{
		{"no context", Query{}, [3]bool{true, true, true}},
		{"community station", Query{PointLevel: LevelCommunity}, [3]bool{false, true, false}},
		{"street centre", Query{PointLevel: LevelStreet}, [3]bool{false, true, true}},
		{"district centre", Query{PointLevel: LevelDistrict}, [3]bool{true, true, true}},
		{"street browse", Query{AnyLevel: streetLevels}, [3]bool{false, true, true}},
		{"street browse at a station", Query{AnyLevel: streetLevels, PointLevel: LevelCommunity}, [3]bool{false, true, false}},
		{"online", Query{Online: true}, [3]bool{true, true, false}},
		{"online at a street centre", Query{Online: true, PointLevel: LevelStreet}, [3]bool{false, true, false}},
		{"level and point disagree", Query{Level: LevelDistrict, PointLevel: LevelCommunity}, [3]bool{false, true, false}},
	}
	for _, c := range cases {
		got := [3]bool{c.q.keep(dist), c.q.keep(comm), c.q.keep(street)}
		if got != c.want {
			t.Errorf("%s: keep = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestQueryValidatesContext names the field of a bad level.
func TestQueryValidatesContext(t *testing.T) {
	for field, q := range map[string]Query{
		"point":  {PointLevel: "province"},
		"street": {AnyLevel: []Level{LevelStreet, "village"}},
		"level":  {Level: "province"},
	} {
		err := q.Validate()
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.CodeInvalid || e.Fields[field] == "" {
			t.Errorf("%s: error %v, want invalid naming %s", field, err, field)
		}
	}
	if err := (Query{PointLevel: LevelCommunity, AnyLevel: streetLevels, Online: true}).Validate(); err != nil {
		t.Errorf("a good context: %v", err)
	}
}

// TestGuideAccess says in words whether the item can be handled where the
// resident is.
func TestGuideAccess(t *testing.T) {
	items := browseItems()
	station, centre := testPoints[tpStation], testPoints[tpStreetCentre]
	cases := []struct {
		name    string
		it      Item
		bc      browseContext
		allowed bool
		note    string
	}{
		{"no context", items[0], browseContext{}, true, ""},
		{"station, district item", items[0], browseContext{Point: &station}, false,
			"您所在的尧化社区便民服务站是社区便民服务站，不能受理本事项。请到下列网点办理，或在手机上办理。"},
		{"street centre, offline district item", Item{ExerciseLevels: []Level{LevelDistrict}}, browseContext{Point: &centre}, false,
			"您所在的尧化街道政务服务中心是街道政务服务中心，不能受理本事项。请到下列网点办理。"},
		{"station, community item", items[1], browseContext{Point: &station}, true, "尧化社区便民服务站可以受理本事项。"},
		{"street centre, street item", items[2], browseContext{Point: &centre}, true, "尧化街道政务服务中心可以受理本事项。"},
		{"online, offline item", items[2], browseContext{Online: true}, false, "本事项不能在手机上办理，请到下列网点办理。"},
		{"online, online item", items[0], browseContext{Online: true}, true, "本事项可以在手机上办理。"},
	}
	for _, c := range cases {
		a := access(c.it, c.bc, "")
		if a.Allowed != c.allowed || a.Note != c.note {
			t.Errorf("%s: allowed %v note %q, want %v %q", c.name, a.Allowed, a.Note, c.allowed, c.note)
		}
	}
	if got := legalBasis(Item{}); got != legalBasisNone {
		t.Errorf("legal basis of an item without one = %q", got)
	}
	if got := where(items[2]); len(got) != 2 || got[0] != whereNames[LevelDistrict] || got[1] != whereNames[LevelStreet] {
		t.Errorf("where = %v", got)
	}
}

// TestPageLinks pages a browse by resultsPerPage, keeping its parameters
// but the point.
func TestPageLinks(t *testing.T) {
	qs := url.Values{"street": {"320113001"}, "point": {tpStation}, "offset": {"50"}}
	cases := []struct {
		offset, total int
		prev, next    string
	}{
		{0, 10, "", ""},
		{0, 57, "", "/services?offset=50&street=320113001"},
		{50, 57, "/services?street=320113001", ""},
		{50, 170, "/services?street=320113001", "/services?offset=100&street=320113001"},
		{20, 57, "/services?street=320113001", ""},
	}
	for _, c := range cases {
		prev, next := pageLinks(qs, c.offset, c.total)
		if prev != c.prev || next != c.next {
			t.Errorf("offset %d of %d: %q %q, want %q %q", c.offset, c.total, prev, next, c.prev, c.next)
		}
	}
	for _, bad := range []string{"x", "-1", "1000001"} {
		if _, err := pageOffset(url.Values{"offset": {bad}}); apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("offset %q: %v", bad, err)
		}
	}
}

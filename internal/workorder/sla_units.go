package workorder

import (
	"context"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// clockUnitKindNames name the kinds of unit in the clocks' pages.
var clockUnitKindNames = map[string]string{"community": "社区", "grid": "网格", "street": "街道", "department": "部门",
	"property": "物业"}

// unitName names a unit (kind:code[/team]) for people: 仙鹤社区,
// 仙鹤社区物业, 仙林街道综合执法队, a department's name; the code when the
// name cannot be found.
func (c *Clocks) unitName(ctx context.Context, district, ref string) string {
	kind, rest, ok := strings.Cut(ref, ":")
	if !ok {
		return ref
	}
	code, team, _ := strings.Cut(rest, "/")
	name := c.placeName(ctx, district, kind, code)
	switch {
	case name == "":
		name = clockUnitKindNames[kind] + code
	case kind == "property":
		name += "物业"
	}
	if team == "enforcement" {
		name += "综合执法队"
	}
	return name
}

// placeName is the name of a community, grid, street or department; ""
// when unknown.
func (c *Clocks) placeName(ctx context.Context, district, kind, code string) string {
	if kind == "department" {
		return c.departmentName(ctx, district, code)
	}
	g, err := c.s.gazetteer(ctx, district)
	if err != nil {
		return ""
	}
	switch kind {
	case "community", "property":
		return g.byCode[code].Name
	case "grid":
		if cp, ok := g.byCode[clockPrefix(code, 12)]; ok {
			return cp.Name + "第" + strings.TrimLeft(code[min(12, len(code)):], "0") + "网格"
		}
	case "street":
		for _, st := range g.streets {
			if st.Code == code {
				return st.Name
			}
		}
	}
	return ""
}

// departmentName names a department when the places know departments.
func (c *Clocks) departmentName(ctx context.Context, district, code string) string {
	lister, ok := c.s.Places.(interface {
		Departments(ctx context.Context, district string) ([]org.Department, error)
	})
	if !ok {
		return ""
	}
	ds, err := lister.Departments(ctx, district)
	if err != nil {
		return ""
	}
	for _, d := range ds {
		if d.Code == code {
			return d.Name
		}
	}
	return ""
}

// clockPrefix is the first n bytes of s, or s.
func clockPrefix(s string, n int) string { return s[:min(n, len(s))] }

// nameUnits fills the unit names of requests.
func (c *Clocks) nameUnits(ctx context.Context, district string, xs []Extension, ps ...[]Parking) {
	for i := range xs {
		xs[i].UnitName = c.unitName(ctx, district, xs[i].Unit)
	}
	for _, list := range ps {
		for i := range list {
			list[i].UnitName = c.unitName(ctx, district, list[i].Unit)
		}
	}
}

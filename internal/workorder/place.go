package workorder

import (
	"context"
	"fmt"
)

// place settles where an order belongs. The community is the one chosen
// (by the requester or staff) when given; otherwise the nearest
// approximate community centre to the position, within the street whose
// centre is nearest; otherwise the community the typed address names. The
// grid is the one staff chose, or the community's first grid.
func (s *Service) place(ctx context.Context, v *violations, district string, who caller, in *FileInput) (Place, error) {
	pos, located := s.checkPosition(v, in.Lat, in.Lng)
	p := Place{Address: checkText(v, "address", "地址", in.Address, maxAddressRunes, false)}
	if located {
		p.Lat, p.Lng = &pos.Lat, &pos.Lng
	}
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return Place{}, err
	}
	var c CommunityPlace
	var found bool
	switch {
	case in.Community != "":
		if c, found = g.byCode[in.Community]; !found {
			v.add("community", ReasonUnknownPlace, "所选社区不存在")
		}
		p.Source = PlaceChosen
	case located:
		c, found = g.nearest(pos)
		p.Source = PlaceNearest
	case p.Address != "":
		c, found = g.byAddress(p.Address)
		p.Source = PlaceAddress
	}
	if !found {
		if in.Community == "" {
			v.add("community", ReasonUnplaced, "请选择所在社区，或定位、填写能确定社区的地址")
		}
		return p, nil
	}
	p.Street, p.Community = c.Street, c.Code
	p.Grid, err = s.gridOf(ctx, v, district, who, c.Code, in.Grid)
	return p, err
}

// gridOf checks a chosen grid (staff and keys only) or picks the
// community's first grid; "" when the community has none.
func (s *Service) gridOf(ctx context.Context, v *violations, district string, who caller, community, chosen string) (string, error) {
	if chosen != "" && who == byResident {
		v.add("grid", ReasonNotAllowed, "网格由工作人员确定")
		return "", nil
	}
	grids, err := s.Places.Grids(ctx, district, community)
	if err != nil {
		return "", fmt.Errorf("workorder: grids of %s: %w", community, err)
	}
	if chosen == "" {
		if len(grids) == 0 {
			return "", nil
		}
		return grids[0].Code, nil
	}
	for _, g := range grids {
		if g.Code == chosen {
			return chosen, nil
		}
	}
	v.add("grid", ReasonUnknownPlace, "所选网格不属于该社区")
	return "", nil
}

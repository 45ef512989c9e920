package delivery

import (
	"context"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// OrgPoints reads the pickup points from the organisation: the active
// service points that hand out licences (同城取件), with their street.
type OrgPoints struct{ Org *org.Service }

// PickupPoints lists the district's active pickup points, the district
// centre first, then by code.
func (o OrgPoints) PickupPoints(ctx context.Context, district string) ([]Point, error) {
	divs, err := o.Org.Divisions(ctx, district)
	if err != nil {
		return nil, err
	}
	out := []Point{}
	for offset := 0; ; offset += org.MaxLimit {
		ps, err := o.Org.ListServicePoints(ctx, nil, org.PointFilter{District: district, ActiveOnly: true},
			org.Page{Limit: org.MaxLimit, Offset: offset})
		if err != nil {
			return nil, err
		}
		for _, p := range ps.Items {
			if p.Pickup {
				out = append(out, pointOf(p, divs))
			}
		}
		if len(ps.Items) < org.MaxLimit {
			return out, nil
		}
	}
}

// pointOf converts a service point, naming its street; points of the
// district itself have none.
func pointOf(p org.ServicePoint, divs map[string]org.DivisionRef) Point {
	street := divs[p.DivisionCode].Street
	name := "区级网点"
	if street != "" {
		name = divs[street].Name
	}
	return Point{Code: p.Code, Name: p.Name, Address: p.Address, Phone: p.Phone, Hours: p.OpeningHours,
		Street: street, StreetName: name}
}

// StreetPoints are the pickup points of one street.
type StreetPoints struct {
	Street string
	Name   string
	Points []Point
}

// GroupByStreet groups points by street in the order they come, keeping
// only those whose name, address or street contains q (all when q is
// empty).
func GroupByStreet(ps []Point, q string) []StreetPoints {
	q = strings.TrimSpace(q)
	var out []StreetPoints
	at := map[string]int{}
	for _, p := range ps {
		if q != "" && !strings.Contains(p.Name+" "+p.Address+" "+p.StreetName, q) {
			continue
		}
		i, ok := at[p.Street]
		if !ok {
			i = len(out)
			at[p.Street] = i
			out = append(out, StreetPoints{Street: p.Street, Name: p.StreetName})
		}
		out[i].Points = append(out[i].Points, p)
	}
	return out
}

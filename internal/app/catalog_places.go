package app

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// catalogPlaces answers the catalogue's questions about streets and service
// points from the organisation module; both are public information.
type catalogPlaces struct {
	org      *org.Service
	district string
}

// pointLevels maps a kind of service point to the level of items it may
// accept. A department sub-centre accepts its department's district-level
// items, so it counts as the district level.
var pointLevels = map[org.Level]catalog.Level{
	org.LevelDistrictCentre: catalog.LevelDistrict,
	org.LevelSubcentre:      catalog.LevelDistrict,
	org.LevelStreetCentre:   catalog.LevelStreet,
	org.LevelStation:        catalog.LevelCommunity,
}

// Streets lists the district's streets in code order.
func (p catalogPlaces) Streets(ctx context.Context) ([]catalog.Place, error) {
	list, err := p.org.ListStreets(ctx, nil, p.district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return nil, err
	}
	out := make([]catalog.Place, 0, len(list.Items))
	for _, s := range list.Items {
		out = append(out, catalog.Place{Code: s.Code, Name: s.Name, Level: catalog.LevelStreet, StreetCode: s.Code, StreetName: s.Name})
	}
	return out, nil
}

// Point returns an active service point with its street.
func (p catalogPlaces) Point(ctx context.Context, code string) (catalog.Place, error) {
	sp, err := p.org.GetServicePoint(ctx, nil, code)
	if err != nil {
		return catalog.Place{}, err
	}
	if !sp.Active || sp.DistrictCode != p.district {
		return catalog.Place{}, apperr.NotFound("没有这个办事网点")
	}
	divs, err := p.org.Divisions(ctx, p.district)
	if err != nil {
		return catalog.Place{}, err
	}
	street := divs[sp.DivisionCode].Street
	return catalog.Place{Code: sp.Code, Name: sp.Name, Level: pointLevels[sp.Level], Address: sp.Address,
		StreetCode: street, StreetName: divs[street].Name}, nil
}

package approval

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// pointLevels maps a kind of service point to the level of items it may
// accept (区街同权: any point of the level, anywhere in the district). A
// department sub-centre accepts district-level items.
var pointLevels = map[org.Level]catalog.Level{
	org.LevelDistrictCentre: catalog.LevelDistrict,
	org.LevelSubcentre:      catalog.LevelDistrict,
	org.LevelStreetCentre:   catalog.LevelStreet,
	org.LevelStation:        catalog.LevelCommunity,
}

// frontDeskPoint returns the service point a front-desk worker acts at:
// the point of their front-desk post.
func (s *Service) frontDeskPoint(ctx context.Context, actor *authz.Actor) (org.ServicePoint, catalog.Level, error) {
	for _, sc := range actor.ScopesFor(authz.RoleFrontDesk) {
		if sc.Kind != authz.ScopeServicePoint {
			continue
		}
		p, err := s.Org.GetServicePoint(ctx, nil, sc.Code)
		if err != nil {
			return org.ServicePoint{}, "", err
		}
		if !p.Active || !p.AcceptsApplications {
			return org.ServicePoint{}, "", apperr.Forbidden("您所在的网点（" + p.Name + "）不受理办件")
		}
		return p, pointLevels[p.Level], nil
	}
	return org.ServicePoint{}, "", apperr.Forbidden("您没有在办事网点的受理岗位")
}

// departmentCodes maps the district's department short names to codes.
func (s *Service) departmentCodes(ctx context.Context, district string) (map[string]string, error) {
	l, err := s.Org.ListDepartments(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return nil, fmt.Errorf("approval: departments: %w", err)
	}
	out := make(map[string]string, len(l.Items))
	for _, d := range l.Items {
		out[d.ShortName] = d.Code
	}
	return out, nil
}

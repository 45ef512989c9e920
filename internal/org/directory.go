package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// StreetSummary is a street with the size of what hangs below it.
type StreetSummary struct {
	Street
	Grids         int `json:"grids"`
	ServicePoints int `json:"service_points"`
}

// Overview sums up a district for the staff console: its streets with
// their counts, and the units run at district level.
type Overview struct {
	District District        `json:"district"`
	Streets  []StreetSummary `json:"streets"`
	// Departments counts the district's departments.
	Departments int `json:"departments"`
	// DistrictPoints counts the service points run at district level (the
	// district centre and the department sub-centres).
	DistrictPoints int `json:"district_points"`
}

// Communities totals the urban communities of every street.
func (o Overview) Communities() int { return o.sum(func(s StreetSummary) int { return s.Communities }) }

// Villages totals the villages of every street.
func (o Overview) Villages() int { return o.sum(func(s StreetSummary) int { return s.Villages }) }

// Grids totals the grid cells of every street.
func (o Overview) Grids() int { return o.sum(func(s StreetSummary) int { return s.Grids }) }

// ServicePoints totals the district's service points, district level included.
func (o Overview) ServicePoints() int {
	return o.DistrictPoints + o.sum(func(s StreetSummary) int { return s.ServicePoints })
}

func (o Overview) sum(f func(StreetSummary) int) int {
	n := 0
	for _, s := range o.Streets {
		n += f(s)
	}
	return n
}

// streetSummarySelect counts, per street, its communities, villages, grids
// and service points (the street centre and its communities' stations,
// reattached communities included).
const streetSummarySelect = `SELECT s.code, s.district_code, s.name,
	(SELECT COUNT(*) FROM communities c WHERE c.street_code = s.code AND c.kind = 'community'),
	(SELECT COUNT(*) FROM communities c WHERE c.street_code = s.code AND c.kind = 'village'),
	(SELECT COUNT(*) FROM grids g JOIN communities c ON c.code = g.community_code WHERE c.street_code = s.code),
	(SELECT COUNT(*) FROM service_points p WHERE p.division_code = s.code
		OR p.division_code IN (SELECT c.code FROM communities c WHERE c.street_code = s.code))
	FROM streets s WHERE s.district_code = ? ORDER BY s.code`

// Overview returns the district's summary. Staff only: grid counts describe
// how the district is run, not where residents go.
func (s *Service) Overview(ctx context.Context, actor *authz.Actor, district string) (Overview, error) {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return Overview{}, err
	}
	dist, err := s.GetDistrict(ctx, actor, district)
	if err != nil {
		return Overview{}, err
	}
	out := Overview{District: dist, Streets: []StreetSummary{}}
	if out.Streets, err = s.streetSummaries(ctx, district); err != nil {
		return Overview{}, err
	}
	if out.Departments, err = s.count(ctx, `SELECT COUNT(*) FROM departments WHERE district_code = ?`, district); err != nil {
		return Overview{}, fmt.Errorf("org: count departments: %w", err)
	}
	if out.DistrictPoints, err = s.count(ctx, `SELECT COUNT(*) FROM service_points WHERE division_code = ?`, district); err != nil {
		return Overview{}, fmt.Errorf("org: count district service points: %w", err)
	}
	return out, nil
}

func (s *Service) streetSummaries(ctx context.Context, district string) ([]StreetSummary, error) {
	rows, err := s.db.Query(ctx, streetSummarySelect, district)
	if err != nil {
		return nil, fmt.Errorf("org: summarise streets: %w", err)
	}
	defer rows.Close()
	out := []StreetSummary{}
	for rows.Next() {
		var st StreetSummary
		if err := rows.Scan(&st.Code, &st.DistrictCode, &st.Name, &st.Communities, &st.Villages,
			&st.Grids, &st.ServicePoints); err != nil {
			return nil, fmt.Errorf("org: summarise streets: %w", err)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

// DivisionRef names a division and the street it belongs to: a street's
// own code for a street, the street a community is attached to (东阳 and
// 西花 included), "" for the district.
type DivisionRef struct {
	Name   string `json:"name"`
	Street string `json:"street,omitempty"`
}

// Divisions maps the codes of a district, its streets and its communities
// to the names people use (communities by their short name) and their
// street, so lists of service points can say where each one is and group
// them by street. It is public.
func (s *Service) Divisions(ctx context.Context, district string) (map[string]DivisionRef, error) {
	if kindOf(district) != authz.ScopeDistrict {
		return nil, apperr.Invalid("district", "区县代码应为6位数字")
	}
	rows, err := s.db.Query(ctx, `SELECT code, name, '' FROM districts WHERE code = ?
		UNION ALL SELECT code, name, code FROM streets WHERE district_code = ?
		UNION ALL SELECT code, short_name, street_code FROM communities WHERE district_code = ?`, district, district, district)
	if err != nil {
		return nil, fmt.Errorf("org: divisions: %w", err)
	}
	defer rows.Close()
	out := map[string]DivisionRef{}
	for rows.Next() {
		var code string
		var ref DivisionRef
		if err := rows.Scan(&code, &ref.Name, &ref.Street); err != nil {
			return nil, fmt.Errorf("org: divisions: %w", err)
		}
		out[code] = ref
	}
	return out, rows.Err()
}

// UnitName returns the name of any unit people hold posts in. Grids are
// named to staff within their scope only, as GetGrid does.
func (s *Service) UnitName(ctx context.Context, actor *authz.Actor, code string) (string, error) {
	switch kindOf(code) {
	case authz.ScopeDistrict:
		d, err := s.GetDistrict(ctx, actor, code)
		return d.Name, err
	case authz.ScopeStreet:
		st, err := s.GetStreet(ctx, actor, code)
		return st.Name, err
	case authz.ScopeCommunity:
		c, err := s.GetCommunity(ctx, actor, code)
		return c.ShortName, err
	case authz.ScopeGrid:
		g, err := s.GetGrid(ctx, actor, code)
		return g.Name, err
	case authz.ScopeDepartment:
		d, err := s.GetDepartment(ctx, actor, code)
		return d.Name, err
	case authz.ScopeServicePoint:
		p, err := s.GetServicePoint(ctx, actor, code)
		return p.Name, err
	}
	return "", apperr.Invalid("unit_code", "单位编码格式不正确")
}

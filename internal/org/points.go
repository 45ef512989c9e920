package org

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

const pointSelect = `SELECT code, district_code, name, level, division_code, department_code, address, phone,
	opening_hours, accepts_applications, pickup, self_service, active FROM service_points`

// pointOrder lists points from the district centre down, then by code.
const pointOrder = ` ORDER BY CASE level WHEN 'district_centre' THEN 0 WHEN 'street_centre' THEN 1
	WHEN 'department_subcentre' THEN 2 ELSE 3 END, code`

// PointFilter selects service points. District is required unless
// Division names one; the other fields narrow the list.
type PointFilter struct {
	District string `json:"district"`
	Level    Level  `json:"level"`
	// Division keeps the points of a street (its centre and the stations of
	// its communities, reattached ones included) or of one community.
	Division string `json:"division"`
	// ActiveOnly leaves out points closed to the public.
	ActiveOnly bool `json:"active_only"`
}

// ListServicePoints lists service points, the district centre first. It is
// public: residents choose where to go and where to collect licences.
func (s *Service) ListServicePoints(ctx context.Context, actor *authz.Actor, f PointFilter, p Page) (List[ServicePoint], error) {
	where, args, err := f.where()
	if err != nil {
		return List[ServicePoint]{}, err
	}
	p = p.normal()
	out := List[ServicePoint]{Limit: p.Limit, Offset: p.Offset, Items: []ServicePoint{}}
	if out.Total, err = s.count(ctx, `SELECT COUNT(*) FROM service_points`+where, args...); err != nil {
		return out, fmt.Errorf("org: count service points: %w", err)
	}
	rows, err := s.db.Query(ctx, pointSelect+where+pointOrder+` LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset)...)
	if err != nil {
		return out, fmt.Errorf("org: list service points: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		sp, err := scanPoint(rows)
		if err != nil {
			return out, fmt.Errorf("org: list service points: %w", err)
		}
		out.Items = append(out.Items, sp)
	}
	return out, rows.Err()
}

// where builds the filter's WHERE clause.
func (f PointFilter) where() (string, []any, error) {
	fe := fieldErrors{}
	district := f.District
	if district == "" {
		district = districtOf(f.Division)
	}
	fe.code("district", "区县代码", district, kindOf(district) == authz.ScopeDistrict)
	if f.Level != "" && !f.Level.Valid() {
		fe.add("level", "网点类型无效")
	}
	if f.Division != "" && (!isDivision(f.Division) || districtOf(f.Division) != district) {
		fe.add("division", "所属区划代码无效")
	}
	if err := fe.err(); err != nil {
		return "", nil, err
	}
	conds, args := []string{"district_code = ?"}, []any{district}
	if f.Level != "" {
		conds, args = append(conds, "level = ?"), append(args, string(f.Level))
	}
	switch kindOf(f.Division) {
	case authz.ScopeStreet:
		conds = append(conds, "(division_code = ? OR division_code IN (SELECT code FROM communities WHERE street_code = ?))")
		args = append(args, f.Division, f.Division)
	case authz.ScopeCommunity:
		conds, args = append(conds, "division_code = ?"), append(args, f.Division)
	}
	if f.ActiveOnly {
		conds, args = append(conds, "active = ?"), append(args, true)
	}
	return " WHERE " + strings.Join(conds, " AND "), args, nil
}

// GetServicePoint returns one service point. It is public.
func (s *Service) GetServicePoint(ctx context.Context, actor *authz.Actor, code string) (ServicePoint, error) {
	if kindOf(code) != authz.ScopeServicePoint {
		return ServicePoint{}, apperr.Invalid("code", "服务网点编码格式不正确")
	}
	sp, err := scanPoint(s.db.QueryRow(ctx, pointSelect+` WHERE code = ?`, code))
	if err != nil {
		return ServicePoint{}, notFound(err, "服务网点 "+code+" 不存在", "get service point")
	}
	return sp, nil
}

func scanPoint(r scanner) (ServicePoint, error) {
	var sp ServicePoint
	var dept sql.NullString
	err := r.Scan(&sp.Code, &sp.DistrictCode, &sp.Name, &sp.Level, &sp.DivisionCode, &dept, &sp.Address,
		&sp.Phone, &sp.OpeningHours, &sp.AcceptsApplications, &sp.Pickup, &sp.SelfService, &sp.Active)
	sp.DepartmentCode = dept.String
	return sp, err
}

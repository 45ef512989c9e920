package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The reads in this file are public: actor may be nil (nobody signed in).

const streetSelect = `SELECT s.code, s.district_code, s.name,
	(SELECT COUNT(*) FROM communities c WHERE c.street_code = s.code AND c.kind = 'community'),
	(SELECT COUNT(*) FROM communities c WHERE c.street_code = s.code AND c.kind = 'village')
	FROM streets s`

const communitySelect = `SELECT c.code, c.street_code, c.district_code, c.name, c.short_name, c.kind,
	c.reattached_from, (SELECT COUNT(*) FROM grids g WHERE g.community_code = c.code)
	FROM communities c`

// GetDistrict returns a district that has been imported.
func (s *Service) GetDistrict(ctx context.Context, actor *authz.Actor, code string) (District, error) {
	if kindOf(code) != authz.ScopeDistrict {
		return District{}, apperr.Invalid("district", "区县代码应为6位数字")
	}
	var d District
	err := s.db.QueryRow(ctx, `SELECT code, name FROM districts WHERE code = ?`, code).Scan(&d.Code, &d.Name)
	if err != nil {
		return District{}, notFound(err, "区县 "+code+" 尚未导入", "get district")
	}
	return d, nil
}

// ListStreets lists a district's streets in code order, with the number of
// communities and villages of each.
func (s *Service) ListStreets(ctx context.Context, actor *authz.Actor, district string, p Page) (List[Street], error) {
	if _, err := s.GetDistrict(ctx, actor, district); err != nil {
		return List[Street]{}, err
	}
	p = p.normal()
	out := List[Street]{Limit: p.Limit, Offset: p.Offset, Items: []Street{}}
	var err error
	if out.Total, err = s.count(ctx, `SELECT COUNT(*) FROM streets WHERE district_code = ?`, district); err != nil {
		return out, fmt.Errorf("org: count streets: %w", err)
	}
	rows, err := s.db.Query(ctx, streetSelect+` WHERE s.district_code = ? ORDER BY s.code LIMIT ? OFFSET ?`,
		district, p.Limit, p.Offset)
	if err != nil {
		return out, fmt.Errorf("org: list streets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var st Street
		if err := rows.Scan(&st.Code, &st.DistrictCode, &st.Name, &st.Communities, &st.Villages); err != nil {
			return out, fmt.Errorf("org: list streets: %w", err)
		}
		out.Items = append(out.Items, st)
	}
	return out, rows.Err()
}

// GetStreet returns one street with its counts.
func (s *Service) GetStreet(ctx context.Context, actor *authz.Actor, code string) (Street, error) {
	if kindOf(code) != authz.ScopeStreet {
		return Street{}, apperr.Invalid("street", "街道代码应为9位数字")
	}
	var st Street
	err := s.db.QueryRow(ctx, streetSelect+` WHERE s.code = ?`, code).
		Scan(&st.Code, &st.DistrictCode, &st.Name, &st.Communities, &st.Villages)
	if err != nil {
		return Street{}, notFound(err, "街道 "+code+" 不存在", "get street")
	}
	return st, nil
}

// ListCommunities lists the communities and villages attached to a street,
// in code order, with the number of grids of each.
func (s *Service) ListCommunities(ctx context.Context, actor *authz.Actor, street string, p Page) (List[Community], error) {
	if _, err := s.GetStreet(ctx, actor, street); err != nil {
		return List[Community]{}, err
	}
	p = p.normal()
	out := List[Community]{Limit: p.Limit, Offset: p.Offset, Items: []Community{}}
	var err error
	if out.Total, err = s.count(ctx, `SELECT COUNT(*) FROM communities WHERE street_code = ?`, street); err != nil {
		return out, fmt.Errorf("org: count communities: %w", err)
	}
	rows, err := s.db.Query(ctx, communitySelect+` WHERE c.street_code = ? ORDER BY c.code LIMIT ? OFFSET ?`,
		street, p.Limit, p.Offset)
	if err != nil {
		return out, fmt.Errorf("org: list communities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanCommunity(rows)
		if err != nil {
			return out, fmt.Errorf("org: list communities: %w", err)
		}
		out.Items = append(out.Items, c)
	}
	return out, rows.Err()
}

// GetCommunity returns one community or village.
func (s *Service) GetCommunity(ctx context.Context, actor *authz.Actor, code string) (Community, error) {
	if kindOf(code) != authz.ScopeCommunity {
		return Community{}, apperr.Invalid("community", "社区代码应为12位数字")
	}
	c, err := scanCommunity(s.db.QueryRow(ctx, communitySelect+` WHERE c.code = ?`, code))
	if err != nil {
		return Community{}, notFound(err, "社区 "+code+" 不存在", "get community")
	}
	return c, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanCommunity(r scanner) (Community, error) {
	var c Community
	err := r.Scan(&c.Code, &c.StreetCode, &c.DistrictCode, &c.Name, &c.ShortName, &c.Kind, &c.ReattachedFrom, &c.Grids)
	return c, err
}

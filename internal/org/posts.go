package org

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

const postSelect = `SELECT id, account_id, unit_kind, unit_code, title, starts_at, ends_at FROM staff_posts`

// PostFilter narrows a list of staff posts.
type PostFilter struct {
	// IncludeEnded lists past posts too; by default only held ones.
	IncludeEnded bool `json:"include_ended"`
	// IncludeSubunits lists the posts of the units below too: a street's
	// communities (reattached ones included), grids and stations.
	IncludeSubunits bool `json:"include_subunits"`
}

// ListStaffPosts lists the posts of a unit, by unit then start. Staff
// only, within their scope.
func (s *Service) ListStaffPosts(ctx context.Context, actor *authz.Actor, unit string, f PostFilter, p Page) (List[StaffPost], error) {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return List[StaffPost]{}, err
	}
	if !postUnit(kindOf(unit)) {
		return List[StaffPost]{}, apperr.Invalid("unit_code", "单位编码格式不正确")
	}
	if err := s.check(ctx, actor, actView, unit); err != nil {
		return List[StaffPost]{}, err
	}
	where, args := f.where(unit)
	p = p.normal()
	out := List[StaffPost]{Limit: p.Limit, Offset: p.Offset, Items: []StaffPost{}}
	var err error
	if out.Total, err = s.count(ctx, `SELECT COUNT(*) FROM staff_posts`+where, args...); err != nil {
		return out, fmt.Errorf("org: count staff posts: %w", err)
	}
	rows, err := s.db.Query(ctx, postSelect+where+` ORDER BY unit_code, starts_at, id LIMIT ? OFFSET ?`,
		append(args, p.Limit, p.Offset)...)
	if err != nil {
		return out, fmt.Errorf("org: list staff posts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		sp, err := scanPost(rows)
		if err != nil {
			return out, fmt.Errorf("org: list staff posts: %w", err)
		}
		out.Items = append(out.Items, sp)
	}
	return out, rows.Err()
}

// where builds the filter's WHERE clause for a unit. Codes are checked
// before, so the LIKE prefix holds digits and letters only; the "_%"
// after it asks for at least one more character.
func (f PostFilter) where(unit string) (string, []any) {
	cond, args := "unit_code = ?", []any{unit}
	if f.IncludeSubunits {
		cond, args = "(unit_code = ? OR unit_code LIKE ?", append(args, unit+"_%")
		if kindOf(unit) == authz.ScopeStreet {
			cond += " OR substr(unit_code, 1, 12) IN (SELECT code FROM communities WHERE street_code = ?)"
			args = append(args, unit)
		}
		cond += ")"
	}
	if !f.IncludeEnded {
		cond += " AND ends_at IS NULL"
	}
	return " WHERE " + cond, args
}

// postUnit reports whether people can hold posts in units of kind k.
func postUnit(k authz.ScopeKind) bool {
	switch k {
	case authz.ScopeDistrict, authz.ScopeStreet, authz.ScopeCommunity, authz.ScopeGrid,
		authz.ScopeDepartment, authz.ScopeServicePoint:
		return true
	}
	return false
}

// unitTable names the table holding units of a kind.
var unitTable = map[authz.ScopeKind]string{
	authz.ScopeDistrict:     "districts",
	authz.ScopeStreet:       "streets",
	authz.ScopeCommunity:    "communities",
	authz.ScopeGrid:         "grids",
	authz.ScopeDepartment:   "departments",
	authz.ScopeServicePoint: "service_points",
}

func scanPost(r scanner) (StaffPost, error) {
	var p StaffPost
	var ends sql.NullTime
	err := r.Scan(&p.ID, &p.AccountID, &p.UnitKind, &p.UnitCode, &p.Title, &p.StartsAt, &ends)
	p.StartsAt = p.StartsAt.UTC()
	if ends.Valid {
		t := ends.Time.UTC()
		p.EndsAt = &t
	}
	return p, err
}

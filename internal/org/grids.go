package org

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

const gridSelect = `SELECT code, community_code, name, leader_account_id FROM grids`

// ListGrids lists a community's grid cells in code order. Staff only,
// within their scope: grids name their leaders.
func (s *Service) ListGrids(ctx context.Context, actor *authz.Actor, community string, p Page) (List[Grid], error) {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return List[Grid]{}, err
	}
	if kindOf(community) != authz.ScopeCommunity {
		return List[Grid]{}, apperr.Invalid("community", "社区代码应为12位数字")
	}
	if err := s.check(ctx, actor, actView, community); err != nil {
		return List[Grid]{}, err
	}
	if _, err := s.GetCommunity(ctx, actor, community); err != nil {
		return List[Grid]{}, err
	}
	p = p.normal()
	out := List[Grid]{Limit: p.Limit, Offset: p.Offset, Items: []Grid{}}
	var err error
	if out.Total, err = s.count(ctx, `SELECT COUNT(*) FROM grids WHERE community_code = ?`, community); err != nil {
		return out, fmt.Errorf("org: count grids: %w", err)
	}
	rows, err := s.db.Query(ctx, gridSelect+` WHERE community_code = ? ORDER BY code LIMIT ? OFFSET ?`,
		community, p.Limit, p.Offset)
	if err != nil {
		return out, fmt.Errorf("org: list grids: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		g, err := scanGrid(rows)
		if err != nil {
			return out, fmt.Errorf("org: list grids: %w", err)
		}
		out.Items = append(out.Items, g)
	}
	return out, rows.Err()
}

// GetGrid returns one grid cell. Staff only, within their scope.
func (s *Service) GetGrid(ctx context.Context, actor *authz.Actor, code string) (Grid, error) {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return Grid{}, err
	}
	if kindOf(code) != authz.ScopeGrid {
		return Grid{}, apperr.Invalid("grid", "网格编码应为15位数字")
	}
	if err := s.check(ctx, actor, actView, code); err != nil {
		return Grid{}, err
	}
	g, err := scanGrid(s.db.QueryRow(ctx, gridSelect+` WHERE code = ?`, code))
	if err != nil {
		return Grid{}, notFound(err, "网格 "+code+" 不存在", "get grid")
	}
	return g, nil
}

func scanGrid(r scanner) (Grid, error) {
	var g Grid
	var leader sql.NullInt64
	err := r.Scan(&g.Code, &g.CommunityCode, &g.Name, &leader)
	g.LeaderAccountID = leader.Int64
	return g, err
}

// nullID stores account id 0 as NULL: no account named.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

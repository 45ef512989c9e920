package org

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxCell is the largest 3-digit cell number of a grid code.
const maxCell = 999

// GridInput describes a new grid cell.
type GridInput struct {
	CommunityCode string `json:"community_code"`
	// Cell is the 3-digit cell number, 1–999; 0 takes the next free one.
	Cell int    `json:"cell"`
	Name string `json:"name"`
	// LeaderAccountID names the grid leader, 0 for none yet. The account is
	// not checked here: accounts belong to the identity module, which builds
	// on this one.
	LeaderAccountID int64 `json:"leader_account_id"`
}

// GridUpdate holds the editable fields of a grid cell.
type GridUpdate struct {
	Name            string `json:"name"`
	LeaderAccountID int64  `json:"leader_account_id"`
}

// CreateGrid adds a grid cell to a community (administrators, within their
// scope). Its code is the community code followed by the cell number.
func (s *Service) CreateGrid(ctx context.Context, actor *authz.Actor, in GridInput) (Grid, error) {
	if err := authz.Check(actor, actManageGrids, authz.Scope{}); err != nil {
		return Grid{}, err
	}
	fe := fieldErrors{}
	fe.code("community_code", "所属社区", in.CommunityCode, kindOf(in.CommunityCode) == authz.ScopeCommunity)
	if in.Cell < 0 || in.Cell > maxCell {
		fe.add("cell", "网格编号应为1至999")
	}
	in.Name = fe.text("name", "网格名称", in.Name, maxNameRunes, true)
	if in.LeaderAccountID < 0 {
		fe.add("leader_account_id", "网格长账号无效")
	}
	if err := fe.err(); err != nil {
		return Grid{}, err
	}
	if err := s.check(ctx, actor, actManageGrids, in.CommunityCode); err != nil {
		return Grid{}, err
	}
	var g Grid
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if g, err = insertGrid(ctx, tx, in); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.grid.create",
			ObjectType: "grid", ObjectID: g.Code, After: g})
	})
	if err != nil {
		return Grid{}, wrapWrite(err, "create grid")
	}
	return g, nil
}

// insertGrid checks the community and the name, picks the cell and writes
// the grid.
func insertGrid(ctx context.Context, tx *db.Tx, in GridInput) (Grid, error) {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM communities WHERE code = ?`, in.CommunityCode).Scan(&n); err != nil {
		return Grid{}, err
	}
	if n == 0 {
		return Grid{}, apperr.Invalid("community_code", "所属社区不存在")
	}
	if err := uniqueGridName(ctx, tx, in.CommunityCode, in.Name, ""); err != nil {
		return Grid{}, err
	}
	cell := in.Cell
	if cell == 0 {
		var err error
		if cell, err = nextCell(ctx, tx, in.CommunityCode); err != nil {
			return Grid{}, err
		}
	}
	g := Grid{Code: fmt.Sprintf("%s%03d", in.CommunityCode, cell), CommunityCode: in.CommunityCode,
		Name: in.Name, LeaderAccountID: in.LeaderAccountID}
	_, err := tx.Exec(ctx, `INSERT INTO grids (code, community_code, name, leader_account_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?)`, g.Code, g.CommunityCode, g.Name, nullID(g.LeaderAccountID), tx.Now(), tx.Now())
	if db.IsUniqueViolation(err) {
		return Grid{}, apperr.Conflict("网格编码 " + g.Code + " 已存在")
	}
	return g, err
}

// nextCell returns the cell number after the community's highest one.
func nextCell(ctx context.Context, tx *db.Tx, community string) (int, error) {
	var last string
	err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(code), '') FROM grids WHERE community_code = ?`, community).Scan(&last)
	if err != nil {
		return 0, err
	}
	cell := 1
	if len(last) == gridLen {
		cell = atoi(last[communityLen:]) + 1
	}
	if cell > maxCell {
		return 0, apperr.Conflict("本社区的网格编号已用完")
	}
	return cell, nil
}

// uniqueGridName refuses a name another grid of the community already has.
func uniqueGridName(ctx context.Context, tx *db.Tx, community, name, except string) error {
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM grids WHERE community_code = ? AND name = ? AND code <> ?`,
		community, name, except).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return apperr.Invalid("name", "本社区已有同名网格")
	}
	return nil
}

// UpdateGrid renames a grid cell or names its leader (administrators,
// within their scope).
func (s *Service) UpdateGrid(ctx context.Context, actor *authz.Actor, code string, in GridUpdate) (Grid, error) {
	if err := authz.Check(actor, actManageGrids, authz.Scope{}); err != nil {
		return Grid{}, err
	}
	fe := fieldErrors{}
	fe.code("code", "网格编码", code, kindOf(code) == authz.ScopeGrid)
	in.Name = fe.text("name", "网格名称", in.Name, maxNameRunes, true)
	if in.LeaderAccountID < 0 {
		fe.add("leader_account_id", "网格长账号无效")
	}
	if err := fe.err(); err != nil {
		return Grid{}, err
	}
	if err := s.check(ctx, actor, actManageGrids, code); err != nil {
		return Grid{}, err
	}
	var after Grid
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		before, err := scanGrid(tx.QueryRow(ctx, gridSelect+` WHERE code = ?`+s.db.Engine.ForUpdate(), code))
		if err != nil {
			return notFound(err, "网格 "+code+" 不存在", "read grid")
		}
		if err := uniqueGridName(ctx, tx, before.CommunityCode, in.Name, code); err != nil {
			return err
		}
		after = before
		after.Name, after.LeaderAccountID = in.Name, in.LeaderAccountID
		if _, err := tx.Exec(ctx, `UPDATE grids SET name = ?, leader_account_id = ?, updated_at = ? WHERE code = ?`,
			after.Name, nullID(after.LeaderAccountID), tx.Now(), code); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.grid.update",
			ObjectType: "grid", ObjectID: code, Before: before, After: after})
	})
	if err != nil {
		return Grid{}, wrapWrite(err, "update grid")
	}
	return after, nil
}

// wrapWrite passes service errors through and prefixes others.
func wrapWrite(err error, action string) error {
	if _, ok := apperr.As(err); ok {
		return err
	}
	return fmt.Errorf("org: %s: %w", action, err)
}

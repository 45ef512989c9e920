package org

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// PostInput places an account in a unit.
type PostInput struct {
	// AccountID is the person's account. It is not checked here: accounts
	// belong to the identity module, which builds on this one.
	AccountID int64  `json:"account_id"`
	UnitCode  string `json:"unit_code"`
	Title     string `json:"title"`
	// StartsAt is when the post takes effect; zero means now.
	StartsAt time.Time `json:"starts_at"`
}

// AssignPost gives an account a post in a unit (administrators, within
// their scope: a street administrator posts people only within the street).
func (s *Service) AssignPost(ctx context.Context, actor *authz.Actor, in PostInput) (StaffPost, error) {
	if err := authz.Check(actor, actAssignPosts, authz.Scope{}); err != nil {
		return StaffPost{}, err
	}
	fe := fieldErrors{}
	if in.AccountID <= 0 {
		fe.add("account_id", "请选择人员账号")
	}
	fe.code("unit_code", "所在单位", in.UnitCode, postUnit(kindOf(in.UnitCode)))
	in.Title = fe.text("title", "岗位名称", in.Title, maxNameRunes, true)
	if err := fe.err(); err != nil {
		return StaffPost{}, err
	}
	if err := s.check(ctx, actor, actAssignPosts, in.UnitCode); err != nil {
		return StaffPost{}, err
	}
	var post StaffPost
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if post, err = insertPost(ctx, tx, in); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.post.assign",
			ObjectType: "staff_post", ObjectID: strconv.FormatInt(post.ID, 10), After: post})
	})
	if err != nil {
		return StaffPost{}, wrapWrite(err, "assign post")
	}
	return post, nil
}

// insertPost checks that the unit exists and writes the post.
func insertPost(ctx context.Context, tx *db.Tx, in PostInput) (StaffPost, error) {
	kind := kindOf(in.UnitCode)
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM `+unitTable[kind]+` WHERE code = ?`, in.UnitCode).Scan(&n)
	if err != nil {
		return StaffPost{}, err
	}
	if n == 0 {
		return StaffPost{}, apperr.Invalid("unit_code", "所在单位不存在")
	}
	p := StaffPost{AccountID: in.AccountID, UnitKind: kind, UnitCode: in.UnitCode, Title: in.Title, StartsAt: in.StartsAt.UTC()}
	if in.StartsAt.IsZero() {
		p.StartsAt = tx.Now()
	}
	p.ID, err = tx.InsertID(ctx, `INSERT INTO staff_posts
		(account_id, district_code, unit_kind, unit_code, title, starts_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		p.AccountID, districtOf(p.UnitCode), string(p.UnitKind), p.UnitCode, p.Title, p.StartsAt, tx.Now(), tx.Now())
	if db.IsUniqueViolation(err) {
		return StaffPost{}, apperr.Conflict("该人员已在本单位担任此岗位")
	}
	return p, err
}

// EndPost ends a post now (administrators, within their scope). A post
// that had not yet started ends at its start: it never took effect.
func (s *Service) EndPost(ctx context.Context, actor *authz.Actor, id int64) (StaffPost, error) {
	// Refuse those who may assign posts nowhere before revealing whether
	// the post exists; the scope is checked once the post's unit is known.
	if err := authz.Check(actor, actAssignPosts, authz.Scope{}); err != nil {
		return StaffPost{}, err
	}
	if id <= 0 {
		return StaffPost{}, apperr.Invalid("id", "岗位记录编号无效")
	}
	before, err := scanPost(s.db.QueryRow(ctx, postSelect+` WHERE id = ?`, id))
	if err != nil {
		return StaffPost{}, notFound(err, "岗位记录不存在", "read post")
	}
	if err := s.check(ctx, actor, actAssignPosts, before.UnitCode); err != nil {
		return StaffPost{}, err
	}
	var after StaffPost
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		after, err = endPost(ctx, tx, id)
		if err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "org.post.end",
			ObjectType: "staff_post", ObjectID: strconv.FormatInt(id, 10), Before: before, After: after})
	})
	if err != nil {
		return StaffPost{}, wrapWrite(err, "end post")
	}
	return after, nil
}

// endPost sets the end of a held post.
func endPost(ctx context.Context, tx *db.Tx, id int64) (StaffPost, error) {
	p, err := scanPost(tx.QueryRow(ctx, postSelect+` WHERE id = ?`+tx.Engine().ForUpdate(), id))
	if err != nil {
		return StaffPost{}, notFound(err, "岗位记录不存在", "read post")
	}
	if p.EndsAt != nil {
		return StaffPost{}, apperr.Conflict("该岗位已经结束")
	}
	end := tx.Now()
	if end.Before(p.StartsAt) {
		end = p.StartsAt
	}
	p.EndsAt = &end
	if _, err := tx.Exec(ctx, `UPDATE staff_posts SET ends_at = ?, updated_at = ? WHERE id = ?`, end, tx.Now(), id); err != nil {
		return StaffPost{}, fmt.Errorf("end post: %w", err)
	}
	return p, nil
}

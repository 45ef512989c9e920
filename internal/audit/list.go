package audit

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// actViewLog lets administrators and leaders read their district's log.
var actViewLog = authz.Define("audit.log.view", "查看审计日志", authz.RoleAdmin, authz.RoleLeader)

// Page sizes for List.
const (
	DefaultLimit = 50
	MaxLimit     = 200
)

// Filter selects records for List. Zero fields select everything.
type Filter struct {
	// District is the district whose log is read; the actor's own when empty.
	District   string
	ObjectType string
	ObjectID   string
	// ActorID selects one account's records (0: any account).
	ActorID int64
	// ActorKind selects one kind of actor, e.g. "system".
	ActorKind string
	// From and To bound occurred_at: From ≤ occurred_at < To.
	From time.Time
	To   time.Time
	// Before is the cursor: only records with a smaller seq (0: from the newest).
	Before int64
	// Limit is the page size: DefaultLimit when 0, at most MaxLimit.
	Limit int
}

// Page is one page of records, newest first.
type Page struct {
	Records []Record
	// Next is the Before cursor of the following page; 0 on the last page.
	Next int64
}

// List returns a page of the district's audit records, newest first, for
// administrators and leaders of that whole district.
func List(ctx context.Context, d *db.DB, actor *authz.Actor, f Filter) (Page, error) {
	if f.District == "" && actor != nil {
		f.District = actor.District
	}
	if err := authz.Check(actor, actViewLog, authz.District(f.District)); err != nil {
		return Page{}, err
	}
	if f.District == "" {
		return Page{}, apperr.Forbidden("您无权" + actViewLog.Title)
	}
	if err := f.normalise(); err != nil {
		return Page{}, err
	}
	where, args := f.where()
	rows, err := d.Query(ctx, `SELECT `+recordColumns+` FROM audit_log WHERE `+where+
		` ORDER BY seq DESC LIMIT ?`, append(args, f.Limit+1)...)
	if err != nil {
		return Page{}, fmt.Errorf("audit: list: %w", err)
	}
	defer rows.Close()
	var p Page
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return Page{}, fmt.Errorf("audit: list: %w", err)
		}
		p.Records = append(p.Records, r)
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("audit: list: %w", err)
	}
	if len(p.Records) > f.Limit {
		p.Records = p.Records[:f.Limit]
		p.Next = p.Records[f.Limit-1].Seq
	}
	return p, nil
}

// normalise fills defaults and refuses impossible filters.
func (f *Filter) normalise() error {
	switch {
	case f.Limit == 0:
		f.Limit = DefaultLimit
	case f.Limit < 0 || f.Limit > MaxLimit:
		return apperr.Invalid("limit", fmt.Sprintf("每页条数须在 1 至 %d 之间", MaxLimit))
	}
	if f.Before < 0 {
		return apperr.Invalid("before", "翻页位置无效")
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return apperr.Invalid("to", "结束时间须晚于开始时间")
	}
	return nil
}

// where builds the WHERE clause; the district condition is always there.
func (f *Filter) where() (string, []any) {
	conds := []string{"district = ?"}
	args := []any{f.District}
	add := func(cond string, arg any) {
		conds = append(conds, cond)
		args = append(args, arg)
	}
	if f.ObjectType != "" {
		add("object_type = ?", f.ObjectType)
	}
	if f.ObjectID != "" {
		add("object_id = ?", f.ObjectID)
	}
	if f.ActorID != 0 {
		add("actor_id = ?", f.ActorID)
	}
	if f.ActorKind != "" {
		add("actor_kind = ?", f.ActorKind)
	}
	if !f.From.IsZero() {
		add("occurred_at >= ?", stamp(f.From))
	}
	if !f.To.IsZero() {
		add("occurred_at < ?", stamp(f.To))
	}
	if f.Before > 0 {
		add("seq < ?", f.Before)
	}
	return strings.Join(conds, " AND "), args
}

package workorder

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// MergeInput merges an order into another (并单).
type MergeInput struct {
	// Into is the number of the surviving order.
	Into string `json:"into"`
	Note string `json:"note"`
}

// mergePayload is the payload of merged and follower_added events.
type mergePayload struct {
	Into   string `json:"into,omitempty"`
	Merged string `json:"merged,omitempty"`
}

// Merge closes the order number as a duplicate (outcome duplicate)
// pointing at the surviving order in.Into, an open order: the merged
// order's requester, and those who followed it, follow the survivor from
// then on (its status on their order's page, its notices, its follow-up).
// Triage staff whose scope covers both orders merge.
func (s *Service) Merge(ctx context.Context, actor *authz.Actor, number string, in MergeInput) (OrderView, error) {
	if err := authz.Check(actor, actTriage, authz.Scope{}); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	into := strings.TrimSpace(in.Into)
	switch {
	case into == "":
		v.add("into", ReasonRequired, "请选择要并入的工单")
	case into == number:
		v.add("into", ReasonInvalid, "不能并入工单自身")
	}
	note := checkText(v, "note", "并单说明", in.Note, maxReasonRunes, false)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	return s.act(ctx, actor, number, func(tx *db.Tx, dup *Order) error {
		surv, err := s.loadActing(ctx, tx, actor, into)
		if apperr.CodeOf(err) == apperr.CodeNotFound {
			v.add("into", ReasonInvalid, "要并入的工单不存在")
			return v.err()
		}
		if err != nil {
			return err
		}
		if !covers(actor, actTriage, *dup) || !covers(actor, actTriage, surv) {
			return apperr.Forbidden("两张工单都在您的职责范围内才能并单")
		}
		if !surv.State.Open() {
			return apperr.Conflict("只能并入尚在办理中的工单；工单 " + surv.Number + " 已" + surv.State.Name())
		}
		return s.mergeTx(ctx, tx, actor, dup, &surv, note)
	})
}

// mergeTx closes dup into surv and moves its followers.
func (s *Service) mergeTx(ctx context.Context, tx *db.Tx, actor *authz.Actor, dup, surv *Order, note string) error {
	before := auditView(*dup)
	if _, err := s.record(ctx, tx, actor, dup, Change{Kind: EventMerged, Outcome: OutcomeDuplicate, Note: note,
		Payload: mergePayload{Into: surv.Number}}); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE workorders SET merged_into = ? WHERE id = ?`, surv.ID, dup.ID); err != nil {
		return fmt.Errorf("workorder: merge: %w", err)
	}
	dup.MergedInto = surv.ID
	if err := moveFollowers(ctx, tx, actor, dup.ID, surv.ID); err != nil {
		return err
	}
	if _, err := s.record(ctx, tx, actor, surv, Change{Kind: EventFollowerAdded, Note: note,
		Payload: mergePayload{Merged: dup.Number}}); err != nil {
		return err
	}
	return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.order.merge", ObjectType: "workorder",
		ObjectID: dup.Number, Before: before, After: auditView(*dup)})
}

// moveFollowers makes the merged order, and every order that followed it
// (merged into it before), followers of the survivor.
func moveFollowers(ctx context.Context, tx *db.Tx, actor *authz.Actor, dupID, survID int64) error {
	ids := []int64{dupID}
	rows, err := tx.Query(ctx, `SELECT merged_order_id FROM workorder_followers WHERE order_id = ?`, dupID)
	if err != nil {
		return fmt.Errorf("workorder: followers: %w", err)
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return fmt.Errorf("workorder: followers: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.Exec(ctx, `INSERT INTO workorder_followers (order_id, merged_order_id, added_at, added_by)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, survID, id, tx.Now(), actor.AccountID); err != nil {
			return fmt.Errorf("workorder: followers: %w", err)
		}
	}
	return nil
}

// followerAccounts lists the accounts to tell about an order: its
// requester and the requesters of the orders merged into it (phone-only
// callers have no account and are followed up by phone).
func followerAccounts(ctx context.Context, q querier, o Order) ([]int64, error) {
	out := []int64{}
	if o.RequesterID != 0 {
		out = append(out, o.RequesterID)
	}
	rows, err := q.Query(ctx, `SELECT DISTINCT w.requester_id FROM workorder_followers f
		JOIN workorders w ON w.id = f.merged_order_id
		WHERE f.order_id = ? AND w.requester_id IS NOT NULL AND w.requester_id <> ?`, o.ID, o.RequesterID)
	if err != nil {
		return nil, fmt.Errorf("workorder: followers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("workorder: followers: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

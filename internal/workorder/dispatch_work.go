package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// returnReasonRunes bounds the reason of a return (退单).
const returnReasonRunes = 500

// workFn is one step of a unit on an order, run in its transaction with
// the order and its live lead hop read.
type workFn func(tx *db.Tx, g *gazetteer, o *Order, lead Assignment) error

// work runs a unit's step: the actor must act for some unit; the order is
// read in the transaction (so its version is fresh) with its live lead
// hop; a missing hop is a conflict (the order is not waiting for a unit).
func (s *Service) work(ctx context.Context, actor *authz.Actor, number string, lock bool, fn workFn) (DispatchView, error) {
	if err := checkWorker(actor); err != nil {
		return DispatchView{}, err
	}
	g, err := s.gazetteer(ctx, actor.District)
	if err != nil {
		return DispatchView{}, err
	}
	return s.orderStep(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		lead, found, err := liveLead(ctx, tx, o.ID, lock)
		if err != nil {
			return err
		}
		if !found {
			if !mayView(actor, *o) && !s.MayViewAssigned(ctx, actor, *o) {
				return errNotFound
			}
			return apperr.Conflict("工单当前为「" + o.State.Name() + "」，没有等待单位处理的派单")
		}
		return fn(tx, g, o, lead)
	})
}

// Accept signs for an order sent to the actor's unit (签收): the order
// goes into handling with the actor as its worker.
func (s *Service) Accept(ctx context.Context, actor *authz.Actor, number string) (DispatchView, error) {
	return s.work(ctx, actor, number, true, func(tx *db.Tx, g *gazetteer, o *Order, lead Assignment) error {
		if !g.memberOf(actor, lead.Unit) {
			return s.refuse(ctx, actor, *o, "该工单未派给您所在的单位，不能签收")
		}
		if lead.State != AssignPending {
			return apperr.Conflict("工单当前为「" + o.State.Name() + "」，不能签收")
		}
		if err := setLead(ctx, tx, lead.ID, AssignPending, `state = ?, account_id = ?, accepted_at = ?`,
			AssignAccepted, actor.AccountID, tx.Now()); err != nil {
			return err
		}
		_, err := s.record(ctx, tx, actor, o, Change{Kind: EventAccepted, Unit: lead.Unit.Ref()})
		return err
	})
}

// Grab takes a pool order (抢单): the worker must be a member of the pool,
// available and within PoolRadiusKM. The hop is taken with a conditional
// UPDATE (… WHERE account_id IS NULL AND state = 'offered'), so of two
// workers grabbing at once exactly one wins; the other is told it is gone.
func (s *Service) Grab(ctx context.Context, actor *authz.Actor, number string) (DispatchView, error) {
	return s.work(ctx, actor, number, false, func(tx *db.Tx, g *gazetteer, o *Order, lead Assignment) error {
		if lead.State != AssignOffered {
			return errGone
		}
		st, err := s.workerStatus(ctx, tx, actor)
		if err != nil {
			return err
		}
		if !g.memberOf(actor, lead.Unit) {
			return s.refuse(ctx, actor, *o, "该工单不在您所在单位的抢单池中")
		}
		if !g.mayTake(actor, st, *o, lead.Unit) {
			return apperr.Forbidden(fmt.Sprintf("只有正在接单、距工单%.0f公里以内的人员可以抢单", PoolRadiusKM))
		}
		res, err := tx.Exec(ctx, `UPDATE workorder_assignments SET account_id = ?, state = ?, accepted_at = ?
			WHERE id = ? AND account_id IS NULL AND state = ?`, actor.AccountID, AssignAccepted, tx.Now(), lead.ID,
			AssignOffered)
		if err != nil {
			return fmt.Errorf("workorder: grab: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errGone
		}
		_, err = s.record(ctx, tx, actor, o, Change{Kind: EventGrabbed, Unit: lead.Unit.Ref()})
		return err
	})
}

// errGone answers the loser of a grab.
var errGone = apperr.Conflict("手慢了，该工单已被他人抢走或已不在抢单池中")

// Return says the order is not the unit's (退单), with the reason: it
// goes to a dispatcher for review. The unit's members return what was
// sent to it, before or after signing; a pool offer nobody took is not
// anyone's to return.
func (s *Service) Return(ctx context.Context, actor *authz.Actor, number, reason string) (DispatchView, error) {
	v := newViolations()
	reason = checkText(v, "reason", "退单理由", reason, returnReasonRunes, true)
	if err := v.err(); err != nil {
		return DispatchView{}, err
	}
	return s.work(ctx, actor, number, true, func(tx *db.Tx, g *gazetteer, o *Order, lead Assignment) error {
		if !g.memberOf(actor, lead.Unit) {
			return s.refuse(ctx, actor, *o, "该工单未派给您所在的单位，不能退单")
		}
		if lead.State == AssignOffered {
			return apperr.Conflict("抢单中的工单无人承接，不能退单")
		}
		if err := setLead(ctx, tx, lead.ID, lead.State, `state = ?, returned_at = ?, return_reason = ?`,
			AssignReturned, tx.Now(), reason); err != nil {
			return err
		}
		_, err := s.record(ctx, tx, actor, o, Change{Kind: EventReturned, Unit: lead.Unit.Ref(), Note: reason,
			Payload: map[string]Target{"unit": lead.Unit}})
		return err
	})
}

// setLead updates a hop that must still be in state from.
func setLead(ctx context.Context, tx *db.Tx, id int64, from AssignmentState, set string, args ...any) error {
	res, err := tx.Exec(ctx, `UPDATE workorder_assignments SET `+set+` WHERE id = ? AND state = ?`,
		append(args, id, from)...)
	if err != nil {
		return fmt.Errorf("workorder: update assignment: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return apperr.Conflict("工单刚被其他人处理过，请刷新后重试")
	}
	return nil
}

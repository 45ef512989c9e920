package workorder

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// assistOpinionRunes bounds a co-unit's opinion (协办意见).
const assistOpinionRunes = 1000

// AcceptAssist signs, for the actor's unit, an order it was asked to help
// with (协办签收): the co-unit's hop becomes the actor's. The order's state
// is the lead unit's and does not change.
func (s *Service) AcceptAssist(ctx context.Context, actor *authz.Actor, number string) (DispatchView, error) {
	return s.assistStep(ctx, actor, number, AssignPending, func(tx *db.Tx, o *Order, a Assignment) error {
		if err := setLead(ctx, tx, a.ID, AssignPending, `state = ?, account_id = ?, accepted_at = ?`,
			AssignAccepted, actor.AccountID, tx.Now()); err != nil {
			return err
		}
		_, err := s.record(ctx, tx, actor, o, Change{Kind: EventAssistAccepted, Unit: a.Unit.Ref()})
		return err
	})
}

// FinishAssist ends the co-unit's part with its opinion (协办意见), which
// the lead unit reads on the order before it closes it.
func (s *Service) FinishAssist(ctx context.Context, actor *authz.Actor, number, opinion string) (DispatchView, error) {
	v := newViolations()
	opinion = checkText(v, "opinion", "协办意见", opinion, assistOpinionRunes, true)
	if err := v.err(); err != nil {
		return DispatchView{}, err
	}
	return s.assistStep(ctx, actor, number, AssignAccepted, func(tx *db.Tx, o *Order, a Assignment) error {
		if err := setLead(ctx, tx, a.ID, AssignAccepted, `state = ?`, AssignDone); err != nil {
			return err
		}
		_, err := s.record(ctx, tx, actor, o, Change{Kind: EventAssistDone, Unit: a.Unit.Ref(), Note: opinion})
		return err
	})
}

// assistStep runs a co-unit's step on the actor's own co-unit hop of the
// order, which must be in state from.
func (s *Service) assistStep(ctx context.Context, actor *authz.Actor, number string, from AssignmentState,
	fn func(tx *db.Tx, o *Order, a Assignment) error) (DispatchView, error) {
	if err := checkWorker(actor); err != nil {
		return DispatchView{}, err
	}
	return s.orderStep(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		a, found, err := s.assistOf(ctx, tx, actor, *o, from)
		if err != nil {
			return err
		}
		if !found {
			return s.refuse(ctx, actor, *o, "该工单没有请您所在单位协办的待办事项")
		}
		return fn(tx, o, a)
	})
}

// assistOf finds the order's co-unit hop in state from that the actor
// acts for (and, once signed, is the one who signed it).
func (s *Service) assistOf(ctx context.Context, q querier, actor *authz.Actor, o Order, from AssignmentState) (Assignment, bool, error) {
	g, err := s.gazetteer(ctx, o.District)
	if err != nil {
		return Assignment{}, false, err
	}
	hops, err := assignmentsOf(ctx, q, o.ID)
	if err != nil {
		return Assignment{}, false, fmt.Errorf("workorder: co-units: %w", err)
	}
	for _, a := range hops {
		if a.Role != RoleAssist || a.State != from || !g.memberOf(actor, a.Unit) {
			continue
		}
		if a.AccountID == 0 || a.AccountID == actor.AccountID {
			return a, true, nil
		}
	}
	return Assignment{}, false, nil
}

// errNotCoUnit refuses a note from someone who is neither the lead's
// handler nor a signed co-unit.
var errNotCoUnit = apperr.Forbidden("只有承办单位的办理人员或已签收的协办单位人员可以记录办理情况")

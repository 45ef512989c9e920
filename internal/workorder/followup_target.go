package workorder

import (
	"context"
	"errors"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxMergeHops bounds the walk from a merged order to its survivor (a
// survivor may itself be merged later).
const maxMergeHops = 16

// isRequester reports whether the actor filed the order from their own
// account.
func isRequester(a *authz.Actor, o Order) bool {
	return a != nil && o.RequesterID != 0 && a.AccountID == o.RequesterID && a.Kind != authz.KindStaff &&
		a.Kind != KindAPIKey && a.Kind != authz.KindSystem && a.District == o.District
}

// survivorOf returns the order o was merged into, following later merges;
// o itself when it was not merged.
func survivorOf(ctx context.Context, q querier, o Order) (Order, error) {
	for range maxMergeHops {
		if o.MergedInto == 0 {
			return o, nil
		}
		next, err := loadOrder(ctx, q, `id = ?`, o.MergedInto)
		if err != nil {
			return Order{}, wrap("survivor", err)
		}
		o = next
	}
	return Order{}, errors.New("workorder: survivor: merge chain too long")
}

// followingFn acts on the order a requester follows (target) for the
// requester of own; staff is true when staff act for the requester.
type followingFn func(tx *db.Tx, own, target *Order, staff bool) error

// actFollowing runs fn for the requester of the order number (their own
// order, or one merged into another) or for staff following up within the
// target's scope, and returns the actor's view of number.
func (s *Service) actFollowing(ctx context.Context, actor *authz.Actor, number string, fn followingFn) (OrderView, error) {
	if err := mayFollow(actor); err != nil {
		return OrderView{}, err
	}
	staff := actor.Kind == authz.KindStaff
	var own Order
	err := s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if own, err = s.loadActing(ctx, tx, actor, number); err != nil {
			return err
		}
		if !staff && !isRequester(actor, own) {
			return apperr.Forbidden("只有诉求人本人可以评价或申请重新办理")
		}
		target, err := survivorOf(ctx, tx, own)
		if err != nil {
			return err
		}
		if staff {
			if err := s.mayFollowUpFor(ctx, tx, actor, target); err != nil {
				return err
			}
		}
		if err := fn(tx, &own, &target, staff); err != nil {
			return err
		}
		if target.ID == own.ID {
			own = target
		}
		return nil
	})
	if err != nil {
		return OrderView{}, err
	}
	return s.view(ctx, actor, own)
}

// mayFollow checks the actor's role: requesters answer for themselves,
// staff hold the follow-up action.
func mayFollow(actor *authz.Actor) error {
	switch {
	case actor == nil || actor.Anonymous():
		return apperr.New(apperr.CodeUnauthorized, "请先登录")
	case actor.Kind == authz.KindStaff:
		return authz.Check(actor, actFollowUp, authz.Scope{})
	}
	return authz.Check(actor, actFile, authz.Self(actor.AccountID))
}

// mayFollowUpFor checks that staff may follow up target for its
// requesters: within scope (or the staff member who entered it), and not
// the person who resolved it (回访 is by someone other than the handler).
func (s *Service) mayFollowUpFor(ctx context.Context, q querier, actor *authz.Actor, target Order) error {
	if !covers(actor, actFollowUp, target) && !enteredBy(actor, target) {
		return apperr.Forbidden("该工单不在您的回访范围内")
	}
	by, err := resolvedBy(ctx, q, target.ID)
	if err != nil {
		return err
	}
	if slices.Contains(by, actor.AccountID) {
		return apperr.Forbidden("回访须由办理人以外的人员进行")
	}
	return nil
}

// resolvedBy lists the accounts that resolved the order or reported its
// latest result (0 for the system).
func resolvedBy(ctx context.Context, q querier, orderID int64) ([]int64, error) {
	var out []int64
	for _, k := range []EventKind{EventResolved, EventReported} {
		e, found, err := lastEvent(ctx, q, orderID, k)
		if err != nil {
			return nil, err
		}
		if found {
			out = append(out, e.ActorID)
		}
	}
	return out, nil
}

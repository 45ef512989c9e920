package workorder

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// mayCancel reports whether a requester may still withdraw an order in
// state st: until a unit has taken it up.
func mayCancel(st State) bool {
	t, _ := transitionOf(EventCancelled)
	for _, from := range t.From {
		if from == st {
			return true
		}
	}
	return false
}

// cancelReasonRunes bounds the requester's reason.
const cancelReasonRunes = 200

// Cancel withdraws the requester's own order (撤销) before a unit has
// taken it up; the order closes with the outcome cancelled.
func (s *Service) Cancel(ctx context.Context, actor *authz.Actor, number, reason string) (OrderView, error) {
	if err := authz.Check(actor, actFile, authz.Self(actor.AccountID)); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	reason = checkText(v, "reason", "撤销原因", reason, cancelReasonRunes, false)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	o, err := s.load(ctx, actor, number)
	if err != nil {
		return OrderView{}, err
	}
	if o.RequesterID != actor.AccountID {
		return OrderView{}, apperr.Forbidden("只有诉求人本人可以撤销诉求")
	}
	if !mayCancel(o.State) {
		return OrderView{}, apperr.Conflict("诉求已在办理中，不能撤销；如有需要请联系办理单位")
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		before := auditView(o)
		if _, err := s.record(ctx, tx, actor, &o, Change{Kind: EventCancelled, Outcome: OutcomeCancelled,
			Note: reason}); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.order.cancel", ObjectType: "workorder",
			ObjectID: o.Number, Before: before, After: auditView(o)})
	})
	if err != nil {
		return OrderView{}, err
	}
	return s.view(ctx, actor, o)
}

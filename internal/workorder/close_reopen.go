package workorder

import (
	"context"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// reopenPayload is the payload of a reopened event.
type reopenPayload struct {
	// For is the order whose requester asked (the order itself, or one
	// merged into it).
	For string `json:"for"`
	// ByStaff: staff recorded the request (a phone follow-up).
	ByStaff bool `json:"by_staff,omitempty"`
}

// Reopen sends an order its unit resolved back to handling, at its
// requester's request, within the reopening window after 办结
// (HandlingRules.ReopenWindow, counted from the latest resolution: the
// follow-up and the closing after it do not extend it). The requester asks
// on their page (number may name an order merged into the one they
// follow), or staff record the request made in a phone follow-up. Orders
// closed otherwise (merged, referred, cancelled) are not reopened.
func (s *Service) Reopen(ctx context.Context, actor *authz.Actor, number, reason string) (OrderView, error) {
	if err := mayFollow(actor); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	reason = checkText(v, "reason", "重新办理的原因", reason, maxReasonRunes, true)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	return s.actFollowing(ctx, actor, number, func(tx *db.Tx, own, target *Order, staff bool) error {
		if err := s.reopenable(*target); err != nil {
			return err
		}
		before := auditView(*target)
		if _, err := s.record(ctx, tx, actor, target, Change{Kind: EventReopened, Note: reason,
			Payload: reopenPayload{For: own.Number, ByStaff: staff}}); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.order.reopen", ObjectType: "workorder",
			ObjectID: target.Number, Before: before, After: auditView(*target)})
	})
}

// reopenable says why an order may not be reopened now (nil when it may).
func (s *Service) reopenable(o Order) error {
	if !answerable(o) {
		return apperr.Conflict("只有已办结的诉求可以申请重新办理")
	}
	if s.DB.Clock.Now().After(s.reopenUntil(o)) {
		return apperr.Conflict("已超过办结后" + days(s.rules().ReopenWindow) + "天的重新办理期限，如问题仍在请重新提交诉求")
	}
	return nil
}

// reopenUntil is the end of the order's reopening window.
func (s *Service) reopenUntil(o Order) time.Time {
	return o.ResolvedAt.Add(s.rules().ReopenWindow)
}

package workorder

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// VerifyInput is the result of a verification (核查) on site.
type VerifyInput struct {
	Pass bool `json:"pass"`
	// Note is what the checker found; required when the result fails.
	Note string `json:"note"`
}

// Verify records a verification of a reported order: someone other than
// the handlers of its unit, within scope. Passed, the order is resolved
// with the outcome the unit reported; failed, it goes back to handling.
func (s *Service) Verify(ctx context.Context, actor *authz.Actor, number string, in VerifyInput) (OrderView, error) {
	if err := authz.Check(actor, actVerify, authz.Scope{}); err != nil {
		return OrderView{}, err
	}
	v := newViolations()
	note := checkText(v, "note", "核查情况", in.Note, maxNoteRunes, !in.Pass)
	if err := v.err(); err != nil {
		return OrderView{}, err
	}
	return s.act(ctx, actor, number, func(tx *db.Tx, o *Order) error {
		if !covers(actor, actVerify, *o) {
			return apperr.Forbidden("该工单不在您的核查范围内")
		}
		if o.State != StateVerifying {
			return apperr.Conflict("工单当前为「" + o.State.Name() + "」，无需核查")
		}
		rep, err := s.checkChecker(ctx, tx, actor, *o)
		if err != nil {
			return err
		}
		before := auditView(*o)
		ch := Change{Kind: EventVerifyFailed, Note: note}
		if in.Pass {
			ch = Change{Kind: EventResolved, Outcome: rep.Outcome, Note: note, Payload: verifiedPayload{Verified: true}}
		}
		if _, err := s.record(ctx, tx, actor, o, ch); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.order.verify", ObjectType: "workorder",
			ObjectID: o.Number, Before: before, After: auditView(*o)})
	})
}

// verifiedPayload marks a resolution that passed verification.
type verifiedPayload struct {
	Verified bool `json:"verified"`
}

// checkChecker returns the report being verified; the checker may be
// neither its reporter nor a handler of the order's unit.
func (s *Service) checkChecker(ctx context.Context, tx *db.Tx, actor *authz.Actor, o Order) (Event, error) {
	rep, found, err := lastEvent(ctx, tx, o.ID, EventReported)
	if err != nil {
		return Event{}, err
	}
	if !found {
		return Event{}, apperr.Conflict("没有待核查的办理结果")
	}
	_, handler, err := s.handlerOf(ctx, tx, actor, o)
	if err != nil {
		return Event{}, err
	}
	if rep.ActorID == actor.AccountID || handler {
		return Event{}, apperr.Forbidden("核查须由承办单位以外的人员进行")
	}
	return rep, nil
}

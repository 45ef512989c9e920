package workorder

import (
	"context"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The decision on a time request: the second half of the flow that
// extensions and parkings share (sla_flow.go).

// timeOutcome is what a decision does besides being stored: the event it
// records, the asker's notice, and a step after the event (nil: none).
type timeOutcome struct {
	change Change
	text   string
	after  func() error
}

// decide approves or refuses a request. Only a supervisor of the order
// may, never the one who asked; the asker is told.
func (k timeKind[T, P]) decide(ctx context.Context, c *Clocks, actor *authz.Actor, id int64, d TimeDecision) (T, error) {
	var x T
	if err := authz.Check(actor, actTimeApprove, authz.Scope{}); err != nil {
		return x, err
	}
	note, err := d.check()
	if err != nil {
		return x, err
	}
	if x, err = k.byID(ctx, c.s.DB, id, ""); err != nil {
		return x, err
	}
	h := P(&x).head()
	acc, err := c.decisionAccess(ctx, actor, h.orderID, h.askedBy)
	if err != nil {
		var none T
		return none, err
	}
	err = c.s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		x, err = k.decideTx(ctx, c, tx, actor, acc, id, d.Approve, note)
		return err
	})
	return x, err
}

// decideTx applies a decision on a pending request.
func (k timeKind[T, P]) decideTx(ctx context.Context, c *Clocks, tx *db.Tx, actor *authz.Actor, acc timeAccess, id int64,
	approve bool, note string) (T, error) {
	var none T
	o, err := clockLockOrder(ctx, tx, acc.order.ID)
	if err != nil {
		return none, err
	}
	x, err := k.byID(ctx, tx, id, tx.Engine().ForUpdate())
	if err != nil {
		return none, err
	}
	if st := P(&x).head().state; st != TimePending {
		return none, apperr.Conflict("该" + k.noun + "申请已处理（" + st.Name() + "）")
	}
	out, err := k.outcome(c, ctx, tx, o, x, approve, note)
	if err != nil {
		return none, err
	}
	before, state, now := x, TimeRefused, tx.Now()
	if approve {
		state = TimeApproved
	}
	P(&x).decide(state, actor.AccountID, &now, note)
	if err := k.store(ctx, tx, x); err != nil {
		return none, err
	}
	if _, err := c.s.record(ctx, tx, actor, &o, out.change); err != nil {
		return none, err
	}
	if out.after != nil {
		if err := out.after(); err != nil {
			return none, err
		}
	}
	if err := c.notify(ctx, tx, []int64{P(&x).head().askedBy}, out.text); err != nil {
		return none, err
	}
	return x, audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder." + k.object + ".decide",
		ObjectType: "workorder_" + k.object, ObjectID: strconv.FormatInt(P(&x).head().id, 10), Before: before, After: x})
}

// TimeDecision approves or refuses a request; a refusal needs a reason.
type TimeDecision struct {
	Approve bool   `json:"approve"`
	Note    string `json:"note"`
}

// check validates a decision.
func (d TimeDecision) check() (string, error) {
	v := newViolations()
	note := checkText(v, "note", "审批意见", d.Note, timeReasonRunes, !d.Approve)
	return note, v.err()
}

// decisionAccess checks that the actor may decide a request on an order:
// a supervisor of it (orders they do not supervise are not found), not
// the one who asked.
func (c *Clocks) decisionAccess(ctx context.Context, actor *authz.Actor, orderID, askedBy int64) (timeAccess, error) {
	o, err := loadOrder(ctx, c.s.DB, `id = ? AND district_code = ?`, orderID, actor.District)
	if err != nil {
		return timeAccess{}, errNotFound
	}
	acc, err := c.accessOf(ctx, actor, o)
	if err != nil {
		return timeAccess{}, err
	}
	switch {
	case !acc.approve:
		return timeAccess{}, errNotSupervisor
	case askedBy == actor.AccountID:
		return timeAccess{}, apperr.Forbidden("不能审批自己提出的申请")
	}
	return acc, nil
}

package workorder

import (
	"context"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The two kinds of time request, extension (延期) and parking (挂账),
// share one flow: the handling unit asks and the supervisors are told; a
// supervisor of the order decides and the asker is told; each step is an
// event of the order and an audit entry. A timeKind holds where they
// differ.

// timeReasonRunes bounds the reasons and notes of time requests and decisions.
const timeReasonRunes = 500

// timeHead is what the shared flow reads of a request.
type timeHead struct {
	id, orderID, askedBy int64
	state                TimeRequestState
}

// timeRow is a request (*Extension, *Parking) as the shared flow reads
// and decides it.
type timeRow[T any] interface {
	*T
	head() timeHead
	decide(state TimeRequestState, by int64, at *time.Time, note string)
}

// timeKind is one kind of time request: its table, its names and the steps
// in which it differs.
type timeKind[T any, P timeRow[T]] struct {
	timeTable[T]
	noun   string // 延期, 挂账: in messages
	object string // extension, parking: in audit actions and object types
	// open counts the order's requests that bar a new one; busy says so.
	open, busy string
	insert     func(context.Context, *db.Tx, P) error
	store      func(context.Context, *db.Tx, T) error // stores a decision
	// asked is the event and the supervisors' notice of a stored request.
	asked func(o Order, x T) (Change, string)
	// outcome prepares a decision before it is stored (an approved
	// extension moves the deadline then).
	outcome func(c *Clocks, ctx context.Context, tx *db.Tx, o Order, x T, approve bool, note string) (timeOutcome, error)
}

// timeDraft builds a request of the locked order, or refuses it.
type timeDraft[T any] func(tx *db.Tx, acc timeAccess, o Order, reason string) (T, error)

// request asks, for the unit handling the order, for time of this kind:
// only the unit's staff may, while it is handled, one request at a time.
// check validates the kind's own fields after the reason; draft builds the
// request in the transaction.
func (k timeKind[T, P]) request(ctx context.Context, c *Clocks, actor *authz.Actor, number, reason string,
	check func(*violations), draft timeDraft[T]) (T, error) {
	var x T
	if err := authz.Check(actor, actTimeRequest, authz.Scope{}); err != nil {
		return x, err
	}
	v := newViolations()
	reason = checkText(v, "reason", k.noun+"理由", reason, timeReasonRunes, true)
	check(v)
	if err := v.err(); err != nil {
		return x, err
	}
	acc, err := c.accessTime(ctx, actor, number)
	if err != nil {
		return x, err
	}
	if !acc.request {
		return x, errNotHandler
	}
	err = c.s.DB.InTx(ctx, func(tx *db.Tx) error {
		var err error
		x, err = k.requestTx(ctx, c, tx, actor, acc, reason, draft)
		return err
	})
	return x, err
}

// requestTx stores a request unless one bars it, records it on the order
// and tells the supervisors.
func (k timeKind[T, P]) requestTx(ctx context.Context, c *Clocks, tx *db.Tx, actor *authz.Actor, acc timeAccess,
	reason string, draft timeDraft[T]) (T, error) {
	var none T
	o, err := clockLockOrder(ctx, tx, acc.order.ID)
	if err != nil {
		return none, err
	}
	x, err := draft(tx, acc, o, reason)
	if err != nil {
		return none, err
	}
	if n, err := clockCount(ctx, tx, k.open, o.ID); err != nil || n > 0 {
		return none, clockConflict(err, k.busy)
	}
	if err := k.insert(ctx, tx, P(&x)); err != nil {
		return none, err
	}
	ch, text := k.asked(o, x)
	if _, err := c.s.record(ctx, tx, actor, &o, ch); err != nil {
		return none, err
	}
	if err := c.tellSupervisors(ctx, tx, o, ch.Unit, text); err != nil {
		return none, err
	}
	return x, audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder." + k.object + ".request",
		ObjectType: "workorder_" + k.object, ObjectID: strconv.FormatInt(P(&x).head().id, 10), After: x})
}

// tellSupervisors notifies the order's supervisors.
func (c *Clocks) tellSupervisors(ctx context.Context, tx *db.Tx, o Order, unit, text string) error {
	who, err := c.supervisors(ctx, o, unit)
	if err != nil {
		return err
	}
	return c.notify(ctx, tx, who, text)
}

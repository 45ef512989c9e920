package workorder

import (
	"context"
	"fmt"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// dispatchNotices are what a unit's staff are told when an order reaches
// them ("point to point": the order finds its handlers, they need not
// watch a list). %s is the order's number.
var dispatchNotices = map[EventKind]string{
	EventDispatched:   "【新派工单】工单%s已派给本单位，请及时签收办理。",
	EventReassigned:   "【改派工单】工单%s已改派给本单位，请及时签收办理。",
	EventReturnUpheld: "【退单未获认可】工单%s退回本单位，请继续办理。",
	EventPooled:       "【可抢工单】工单%s已进入本单位抢单池，先抢先得。",
	EventAssistAdded:  "【协办工单】工单%s请本单位协办，请及时签收。",
}

// tellDispatched tells the staff of the unit an order was just sent to,
// in the event's transaction, leaving out whoever sent it. The lead unit
// is read from the hops (the event was recorded after them); a co-unit
// is the event's unit.
func (c *Clocks) tellDispatched(ctx context.Context, tx *db.Tx, o Order, e Event) error {
	text, ok := dispatchNotices[e.Kind]
	if !ok || c.Notify == nil {
		return nil
	}
	var ids []int64
	var err error
	if e.Kind == EventAssistAdded {
		ids, err = c.coUnitStaff(ctx, e.Unit)
	} else {
		ids, _, err = c.unitStaff(ctx, tx, o)
	}
	if err != nil {
		return err
	}
	ids = slices.DeleteFunc(ids, func(id int64) bool { return id == e.ActorID })
	return c.notify(ctx, tx, ids, fmt.Sprintf(text, o.Number))
}

// coUnitStaff lists the staff of a co-unit named by its ref.
func (c *Clocks) coUnitStaff(ctx context.Context, ref string) ([]int64, error) {
	u, ok := ParseTarget(ref)
	if !ok || c.Staff == nil {
		return nil, nil
	}
	ids, err := c.Staff.UnitStaff(ctx, string(u.Kind), u.Code, string(u.Team))
	if err != nil {
		return nil, fmt.Errorf("workorder: staff of %s: %w", ref, err)
	}
	return ids, nil
}

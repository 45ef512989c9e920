package workorder

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxReviewDays bounds how far ahead a parked matter's review may be set.
const maxReviewDays = 366

// ParkingInput is a request to park an order (挂账): why it cannot be fixed
// soon, and the China date on which to review it ("2026-06-30").
type ParkingInput struct {
	Reason   string `json:"reason"`
	ReviewOn string `json:"review_on"`
}

// parkingKind is the parking's part of the time requests' flow.
var parkingKind = timeKind[Parking, *Parking]{timeTable: parkingTable, noun: "挂账", object: "parking",
	open: `SELECT COUNT(*) FROM workorder_parkings WHERE order_id = ?
		AND state IN ('pending', 'approved')`,
	busy: "该工单已有挂账申请或正在挂账", insert: insertParking, store: decideParkingRow,
	asked: parkingAsked, outcome: (*Clocks).parkingOutcome}

// RequestParking asks, for the unit handling an order, to park it: a
// supervisor approves (the order is parked and its clocks pause) or
// refuses. One request or parking at a time; recorded as park_asked.
func (c *Clocks) RequestParking(ctx context.Context, actor *authz.Actor, number string, in ParkingInput) (Parking, error) {
	check := func(v *violations) {
		today := c.s.DB.Clock.Now().In(chinaZone).Format(time.DateOnly)
		review, err := time.ParseInLocation(time.DateOnly, in.ReviewOn, chinaZone)
		switch {
		case err != nil:
			v.add("review_on", ReasonInvalid, "请填写复核日期（如 2026-06-30）")
		case in.ReviewOn <= today:
			v.add("review_on", ReasonInvalid, "复核日期应晚于今天")
		case review.Sub(c.s.DB.Clock.Now()) > maxReviewDays*24*time.Hour:
			v.add("review_on", ReasonInvalid, "复核日期不能晚于一年之后")
		}
	}
	return parkingKind.request(ctx, c, actor, number, in.Reason, check,
		func(tx *db.Tx, acc timeAccess, _ Order, reason string) (Parking, error) {
			return Parking{OrderID: acc.order.ID, Number: acc.order.Number, Unit: acc.lead.ref(), Reason: reason,
				ReviewOn: in.ReviewOn, State: TimePending, RequestedBy: actor.AccountID, RequestedAt: tx.Now()}, nil
		})
}

// parkingAsked is the park_asked event of a stored request and the
// supervisors' notice.
func parkingAsked(o Order, p Parking) (Change, string) {
	return Change{Kind: EventParkAsked, Unit: p.Unit, Note: p.Reason,
			Payload: parkingPayload{Parking: p.ID, ReviewOn: p.ReviewOn}},
		fmt.Sprintf("【挂账申请】工单%s申请挂账，复核日期%s，请审批。", o.Number, p.ReviewOn)
}

// parkingPayload is the payload of park_asked, parked, park_refused and
// the review reminder.
type parkingPayload struct {
	Parking  int64  `json:"parking"`
	ReviewOn string `json:"review_on,omitempty"`
}

// DecideParking approves (the order is parked until it resumes, with a
// reminder on the review date) or refuses a parking request. Only a
// supervisor of the order may, never the one who asked; the asker is told.
func (c *Clocks) DecideParking(ctx context.Context, actor *authz.Actor, id int64, d TimeDecision) (Parking, error) {
	return parkingKind.decide(ctx, c, actor, id, d)
}

// parkingOutcome is the parked or park_refused event and the asker's
// notice; an approval also schedules the review reminder.
func (c *Clocks) parkingOutcome(ctx context.Context, tx *db.Tx, o Order, p Parking, approve bool,
	note string) (timeOutcome, error) {
	out := timeOutcome{change: Change{Kind: EventParkRefused, Unit: p.Unit, Note: note,
		Payload: parkingPayload{Parking: p.ID, ReviewOn: p.ReviewOn}},
		text: fmt.Sprintf("【挂账审批】工单%s的挂账申请未获批准，请继续办理。", o.Number)}
	if approve {
		// The parked event is public: the requester reads that the matter is
		// parked until its review, not the unit's reasons.
		out.change.Kind, out.change.Note = EventParked, "该诉求短期内难以解决，已挂账，将于"+p.ReviewOn+"复核"
		out.text = fmt.Sprintf("【挂账审批】工单%s已批准挂账，复核日期%s。", o.Number, p.ReviewOn)
		out.after = func() error { return c.scheduleReview(ctx, tx, o.District, p) }
	}
	return out, nil
}

// Unpark resumes a parked order (恢复办理): its handling unit or a
// supervisor, at the review or earlier. The parking ends and the clocks
// count again (the event hooks do both).
func (c *Clocks) Unpark(ctx context.Context, actor *authz.Actor, number, note string) error {
	v := newViolations()
	note = checkText(v, "note", "恢复办理说明", note, timeReasonRunes, false)
	if err := v.err(); err != nil {
		return err
	}
	acc, err := c.accessTime(ctx, actor, number)
	if err != nil {
		return err
	}
	if !acc.request && !acc.approve {
		return apperr.Forbidden("只有承办单位的工作人员或领导可以恢复办理")
	}
	return c.s.DB.InTx(ctx, func(tx *db.Tx) error {
		o, err := clockLockOrder(ctx, tx, acc.order.ID)
		if err != nil {
			return err
		}
		before := auditView(o)
		if _, err := c.s.record(ctx, tx, actor, &o, Change{Kind: EventUnparked, Unit: acc.lead.ref(),
			Note: note}); err != nil {
			return err
		}
		return audit.Append(ctx, tx, audit.Entry{Actor: actor, Action: "workorder.parking.end", ObjectType: "workorder",
			ObjectID: o.Number, Before: before, After: auditView(o)})
	})
}

package workorder

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// maxExtensionSpan bounds how far an extension may move a deadline: beyond a
// year the matter is one for parking (挂账), not for more time.
const maxExtensionSpan = 366 * 24 * time.Hour

// ExtensionInput is a request for more time (延期): why, and the new
// deadline asked for: a China date ("2026-03-06", meaning the end of that
// day) or date and time ("2026-03-06T17:30", China time; RFC 3339 also).
type ExtensionInput struct {
	Reason string `json:"reason"`
	NewDue string `json:"new_due"`
}

// extensionKind is the extension's part of the time requests' flow.
var extensionKind = timeKind[Extension, *Extension]{timeTable: extensionTable, noun: "延期", object: "extension",
	open: `SELECT COUNT(*) FROM workorder_extensions WHERE order_id = ? AND state = 'pending'`,
	busy: "该工单已有待审批的延期申请", insert: insertExtension, store: decideExtensionRow,
	asked: extensionAsked, outcome: (*Clocks).extensionOutcome}

// RequestExtension asks, for the unit handling an order, to move its
// resolution deadline. Only the unit's staff may, while the order is being
// handled, one request at a time; the supervisors are told. Recorded as
// the order's extension_asked event.
func (c *Clocks) RequestExtension(ctx context.Context, actor *authz.Actor, number string, in ExtensionInput) (Extension, error) {
	var due time.Time // set by check, read by the draft
	check := func(v *violations) {
		var ok bool
		if due, ok = parseNewDue(in.NewDue, c.s.DB.Clock.Now()); !ok {
			v.add("new_due", ReasonInvalid, "请填写申请延至的日期（如 2026-03-06）或日期时间（如 2026-03-06T17:30）")
		}
	}
	return extensionKind.request(ctx, c, actor, number, in.Reason, check,
		func(tx *db.Tx, acc timeAccess, o Order, reason string) (Extension, error) {
			return c.draftExtension(ctx, tx, actor, acc, o, reason, due)
		})
}

// draftExtension checks the deadline asked for against the order's
// resolution clock and builds the request.
func (c *Clocks) draftExtension(ctx context.Context, tx *db.Tx, actor *authz.Actor, acc timeAccess, o Order, reason string,
	due time.Time) (Extension, error) {
	cl, err := c.resolutionClock(ctx, tx, o.ID)
	if err != nil {
		return Extension{}, err
	}
	now := tx.Now()
	current := c.effectiveDue(cl, now)
	switch {
	case !due.After(current) || !due.After(now):
		return Extension{}, clockFieldErr("new_due", "申请延至的期限应晚于当前办结期限（"+chinaMinute(current)+"）")
	case due.Sub(now) > maxExtensionSpan:
		return Extension{}, clockFieldErr("new_due", "延期不能超过一年，长期不能解决的请申请挂账")
	}
	x := Extension{OrderID: o.ID, Number: o.Number, Unit: acc.lead.ref(), Reason: reason, RequestedDue: due,
		Basis: cl.Limit.Unit, State: TimePending, RequestedBy: actor.AccountID, RequestedAt: now}
	x.Amount = c.amountOf(cl.Limit.Unit, current, due)
	return x, nil
}

// extensionAsked is the extension_asked event of a stored request and the
// supervisors' notice.
func extensionAsked(o Order, x Extension) (Change, string) {
	return Change{Kind: EventExtensionAsked, Unit: x.Unit, Note: x.Reason, Payload: extensionPayload{Extension: x.ID,
			RequestedDue: x.RequestedDue, Amount: x.Amount, Basis: x.Basis}},
		fmt.Sprintf("【延期申请】工单%s申请将办结期限延至%s，请审批。", o.Number, chinaMinute(x.RequestedDue))
}

// extensionPayload is the payload of extension_asked and
// extension_decided events.
type extensionPayload struct {
	Extension    int64     `json:"extension"`
	RequestedDue time.Time `json:"requested_due,omitzero"`
	Amount       int       `json:"amount,omitempty"`
	Basis        LimitUnit `json:"basis,omitempty"`
	Approved     *bool     `json:"approved,omitempty"`
	NewDue       time.Time `json:"new_due,omitzero"`
}

// DecideExtension approves (the resolution deadline moves to the one asked
// for) or refuses an extension request. Only a supervisor of the order
// may, never the one who asked; the asker is told.
func (c *Clocks) DecideExtension(ctx context.Context, actor *authz.Actor, id int64, d TimeDecision) (Extension, error) {
	return extensionKind.decide(ctx, c, actor, id, d)
}

// extensionOutcome moves the deadline when the extension is approved, and
// says so in the extension_decided event and to the asker.
func (c *Clocks) extensionOutcome(ctx context.Context, tx *db.Tx, o Order, x Extension, approve bool,
	note string) (timeOutcome, error) {
	p := extensionPayload{Extension: x.ID, Approved: &approve}
	text := fmt.Sprintf("【延期审批】工单%s的延期申请未获批准。", o.Number)
	if approve {
		var err error
		if p.NewDue, err = c.extend(ctx, tx, o, x.RequestedDue); err != nil {
			return timeOutcome{}, err
		}
		text = fmt.Sprintf("【延期审批】工单%s的延期申请已批准，办结期限延至%s。", o.Number, chinaMinute(p.NewDue))
	}
	return timeOutcome{change: Change{Kind: EventExtensionDecided, Unit: x.Unit, Note: note, Payload: p}, text: text}, nil
}

// extend moves the order's resolution deadline to due, adding the time
// between the deadline as it stands (as if resumed now when paused) and
// due to the clock's extensions; it returns the new deadline.
func (c *Clocks) extend(ctx context.Context, tx *db.Tx, o Order, due time.Time) (time.Time, error) {
	cl, err := c.resolutionClock(ctx, tx, o.ID)
	if err != nil {
		return time.Time{}, err
	}
	now := tx.Now()
	current := c.effectiveDue(cl, now)
	if !due.After(current) {
		return time.Time{}, apperr.Conflict("申请延至的期限已不晚于当前办结期限（" + chinaMinute(current) + "），无需延期")
	}
	cl.Extended += ceilSecond(c.meter(cl.Limit.Unit).between(current, due))
	c.settle(&cl, now)
	if err := c.saveAndSchedule(ctx, tx, o.District, cl); err != nil {
		return time.Time{}, err
	}
	return c.effectiveDue(cl, now), nil
}

// resolutionClock reads the order's live resolution clock, locked.
func (c *Clocks) resolutionClock(ctx context.Context, tx *db.Tx, orderID int64) (Clock, error) {
	clocks, err := clocksOf(ctx, tx, orderID, tx.Engine().ForUpdate())
	if err != nil {
		return Clock{}, err
	}
	for _, cl := range clocks {
		if cl.Kind == ClockResolution && cl.live() {
			return cl, nil
		}
	}
	return Clock{}, apperr.Conflict("该工单没有正在计时的办结时限")
}

// effectiveDue is a clock's deadline as of now: for a paused clock, the
// deadline it would have if it resumed now.
func (c *Clocks) effectiveDue(cl Clock, now time.Time) time.Time {
	if cl.PausedAt == nil {
		return cl.DueAt
	}
	c.unfreeze(&cl, now)
	c.settle(&cl, now)
	return cl.DueAt
}

// amountOf is an extension in the clock's unit: hours, or working days
// (of counted time), rounded up.
func (c *Clocks) amountOf(basis LimitUnit, from, to time.Time) int {
	per := time.Hour
	if basis == UnitWorkdays {
		per = c.Policy.Hours.PerDay()
	}
	return int((c.meter(basis).between(from, to) + per - 1) / per)
}

// parseNewDue reads a deadline asked for: a China date (the end of that
// day), a China date and time, or RFC 3339. Dates before now's year minus
// one are refused as typos.
func parseNewDue(s string, now time.Time) (time.Time, bool) {
	if d, err := time.ParseInLocation(time.DateOnly, s, chinaZone); err == nil {
		return d.AddDate(0, 0, 1).UTC(), d.Year() >= now.Year()-1
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04", time.RFC3339} {
		if t, err := time.ParseInLocation(layout, s, chinaZone); err == nil {
			return t.UTC(), t.Year() >= now.Year()-1
		}
	}
	return time.Time{}, false
}

package workorder

import (
	"context"
	"slices"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// ClockView is a clock as staff read it.
type ClockView struct {
	Clock
	Name      string `json:"name"`
	LimitText string `json:"limit_text"`
	StateName string `json:"state_name"`
	// Due is the deadline as of now: for a paused clock, the one it would
	// have if it resumed now.
	Due time.Time `json:"due"`
	// Overdue: counting and past its deadline.
	Overdue bool `json:"overdue"`
}

// TimeView is an order's clocks, extension requests and parkings, with
// what the viewer may do about them.
type TimeView struct {
	Number     string      `json:"number"`
	State      State       `json:"state"`
	StateName  string      `json:"state_name"`
	Unit       string      `json:"unit,omitempty"`
	UnitName   string      `json:"unit_name,omitempty"`
	Clocks     []ClockView `json:"clocks"`
	Extensions []Extension `json:"extensions"`
	Parkings   []Parking   `json:"parkings"`
	// MayRequest: the viewer handles the order and may ask for time now
	// (MayExtend, MayPark: no such request is pending); MayApprove: the
	// viewer supervises it; MayUnpark: and it is parked.
	MayRequest bool `json:"may_request"`
	MayExtend  bool `json:"may_extend"`
	MayPark    bool `json:"may_park"`
	MayApprove bool `json:"may_approve"`
	MayUnpark  bool `json:"may_unpark"`
}

// Time returns an order's clocks and time requests for its handling unit,
// its supervisors and the staff who may view it.
func (c *Clocks) Time(ctx context.Context, actor *authz.Actor, number string) (TimeView, error) {
	acc, err := c.accessTime(ctx, actor, number)
	if err != nil {
		return TimeView{}, err
	}
	o := acc.order
	v := TimeView{Number: o.Number, State: o.State, StateName: o.State.Name(), Clocks: []ClockView{},
		MayRequest: acc.request && o.State == StateHandling, MayApprove: acc.approve,
		MayUnpark: (acc.request || acc.approve) && o.State == StateParked}
	if acc.hasLead {
		v.Unit = acc.lead.ref()
		v.UnitName = c.unitName(ctx, o.District, v.Unit)
	}
	clocks, err := clocksOf(ctx, c.s.DB, o.ID, "")
	if err != nil {
		return TimeView{}, err
	}
	now := c.s.DB.Clock.Now()
	for _, cl := range clocks {
		v.Clocks = append(v.Clocks, c.clockView(cl, now))
	}
	if v.Extensions, err = extensionTable.where(ctx, c.s.DB, `x.order_id = ?`, o.ID); err != nil {
		return TimeView{}, err
	}
	if v.Parkings, err = parkingTable.where(ctx, c.s.DB, `p.order_id = ?`, o.ID); err != nil {
		return TimeView{}, err
	}
	c.nameUnits(ctx, o.District, v.Extensions, v.Parkings)
	v.MayExtend = v.MayRequest && !slices.ContainsFunc(v.Extensions, func(x Extension) bool { return x.State == TimePending })
	v.MayPark = v.MayRequest && !slices.ContainsFunc(v.Parkings, func(p Parking) bool { return p.State == TimePending })
	return v, nil
}

// clockView describes a clock as of now.
func (c *Clocks) clockView(cl Clock, now time.Time) ClockView {
	due := c.effectiveDue(cl, now)
	return ClockView{Clock: cl, Name: cl.Kind.Name(), LimitText: cl.Limit.String(), StateName: cl.State.Name(),
		Due: due, Overdue: cl.live() && cl.PausedAt == nil && now.After(due)}
}

// TimeRequests are the requests a supervisor has to decide, and the parked
// orders whose review date has come.
type TimeRequests struct {
	Extensions []Extension `json:"extensions"`
	Parkings   []Parking   `json:"parkings"`
	Reviews    []Parking   `json:"reviews"`
}

// maxTimeRequests bounds each list of TimeRequests.
const maxTimeRequests = 200

// PendingRequests lists the pending extension and parking requests of the
// orders the actor supervises, oldest first, and the parkings due for
// review.
func (c *Clocks) PendingRequests(ctx context.Context, actor *authz.Actor) (TimeRequests, error) {
	if err := authz.Check(actor, actTimeApprove, authz.Scope{}); err != nil {
		return TimeRequests{}, err
	}
	today := c.s.DB.Clock.Now().In(chinaZone).Format(time.DateOnly)
	xs, err := extensionTable.where(ctx, c.s.DB, `x.state = 'pending' AND o.district_code = ?`, actor.District)
	if err != nil {
		return TimeRequests{}, err
	}
	ps, err := parkingTable.where(ctx, c.s.DB, `p.state = 'pending' AND o.district_code = ?`, actor.District)
	if err != nil {
		return TimeRequests{}, err
	}
	rs, err := parkingTable.where(ctx, c.s.DB, `p.state = 'approved' AND p.review_on <= ? AND o.district_code = ?`,
		today, actor.District)
	if err != nil {
		return TimeRequests{}, err
	}
	out := TimeRequests{}
	mine := func(orderID int64) bool { return c.supervises(ctx, actor, orderID) }
	out.Extensions = keepPending(xs, func(x Extension) bool { return mine(x.OrderID) })
	out.Parkings = keepPending(ps, func(p Parking) bool { return mine(p.OrderID) })
	out.Reviews = keepPending(rs, func(p Parking) bool { return mine(p.OrderID) })
	c.nameUnits(ctx, actor.District, out.Extensions, out.Parkings, out.Reviews)
	return out, nil
}

// supervises reports whether the actor may decide on the order's time.
func (c *Clocks) supervises(ctx context.Context, actor *authz.Actor, orderID int64) bool {
	o, err := loadOrder(ctx, c.s.DB, `id = ?`, orderID)
	if err != nil {
		return false
	}
	lead, ok, err := leadOf(ctx, c.s.DB, o.ID)
	return err == nil && mayApproveTime(actor, o, lead, ok)
}

// keepPending returns the first maxTimeRequests items that pass.
func keepPending[T any](items []T, pass func(T) bool) []T {
	out := []T{}
	for _, it := range items {
		if len(out) < maxTimeRequests && pass(it) {
			out = append(out, it)
		}
	}
	return out
}

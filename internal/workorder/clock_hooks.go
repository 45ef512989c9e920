package workorder

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// responseKinds are the handler actions that answer an order: the first
// of them, by a staff member, meets the response clock. The measures use
// the same rule (IsResponse), so the clock and the response rate agree.
var responseKinds = []EventKind{EventAccepted, EventGrabbed, EventResponded, EventNote, EventPhotoAdded,
	EventReported, EventResolved, EventExtensionAsked, EventParkAsked}

// IsResponse reports whether an event is a handler's response to the
// order: a staff member signing for it, grabbing it, answering, recording
// work, reporting it done, resolving it or asking for time. Dispatch
// steps, returns (退单) and the system's own events are not responses.
func IsResponse(e Event) bool {
	return e.ActorKind == string(authz.KindStaff) && slices.Contains(responseKinds, e.Kind)
}

// clockMode is how the clocks run in a state: counting, paused (parked,
// being verified) or stopped (resolved, closed).
type clockMode int

const (
	modeCounting clockMode = iota
	modePaused
	modeStopped
)

func modeOf(s State) clockMode {
	switch s {
	case StateParked, StateVerifying:
		return modePaused
	case StateResolved, StateClosed:
		return modeStopped
	}
	return modeCounting
}

// onEvent keeps an order's clocks in step with its events, inside the
// event's transaction: it starts them at filing, stops the response clock
// at the first response, pauses, resumes, stops and reopens them as the
// order's state changes, takes a new category or urgency into account,
// and ends the order's pending requests and parking when they lapse with
// it.
func (c *Clocks) onEvent(ctx context.Context, tx *db.Tx, o Order, e Event) error {
	if e.Kind == EventFiled {
		return c.start(ctx, tx, o, e.At)
	}
	if !IsResponse(e) && e.From == e.To && e.Kind != EventRecategorised {
		return nil // notes after the response, reminders, photos: nothing to do
	}
	clocks, err := clocksOf(ctx, tx, o.ID, tx.Engine().ForUpdate())
	if err != nil {
		return err
	}
	for i := range clocks {
		changed, err := c.follow(ctx, tx, o, e, &clocks[i])
		if err != nil {
			return err
		}
		if changed {
			if err := c.saveAndSchedule(ctx, tx, o.District, clocks[i]); err != nil {
				return err
			}
		}
	}
	return c.endRequests(ctx, tx, o, e)
}

// follow applies one event to one clock; it reports whether the clock
// changed.
func (c *Clocks) follow(ctx context.Context, tx *db.Tx, o Order, e Event, cl *Clock) (bool, error) {
	changed := false
	if cl.Kind == ClockResponse && IsResponse(e) {
		changed = c.stop(cl, e.At, false)
	}
	if e.Kind == EventRecategorised {
		ok, err := c.relimit(ctx, tx, o, cl, e.At)
		if err != nil {
			return false, err
		}
		changed = changed || ok
	}
	from, to := modeOf(e.From), modeOf(e.To)
	switch {
	case from == to:
	case to == modePaused:
		changed = c.pause(cl, e.At) || changed
	case to == modeStopped:
		changed = c.stop(cl, e.At, e.To != StateResolved) || changed
	case from == modePaused:
		changed = c.resume(cl, e.At) || changed
	case from == modeStopped:
		changed = c.reopen(cl, e.At) || changed
	}
	return changed, nil
}

// start inserts an order's clocks with the limits of its category and
// urgency, and schedules their timers.
func (c *Clocks) start(ctx context.Context, tx *db.Tx, o Order, at time.Time) error {
	response, resolution, err := c.limitsOf(ctx, o.District, o.CategoryCode, o.CategoryVersion, o.Urgency)
	if err != nil {
		return err
	}
	for i, l := range []Limit{response, resolution} {
		if l.IsZero() {
			continue
		}
		kind := []ClockKind{ClockResponse, ClockResolution}[i]
		cl := Clock{OrderID: o.ID, Kind: kind, Limit: l, StartedAt: at, State: ClockRunning}
		c.settle(&cl, at)
		if err := insertClock(ctx, tx, &cl); err != nil {
			return err
		}
		if err := c.schedule(ctx, tx, o.District, cl); err != nil {
			return err
		}
	}
	return nil
}

// limitsOf returns the response and resolution limits of a category (in
// the tree version an order was filed under) for an urgency.
func (c *Clocks) limitsOf(ctx context.Context, district, code string, version int, u Urgency) (Limit, Limit, error) {
	tree, err := c.s.TreeVersion(ctx, district, version)
	if err != nil {
		return Limit{}, Limit{}, err
	}
	cat, ok := tree.Effective(code)
	if !ok {
		return Limit{}, Limit{}, fmt.Errorf("workorder: clocks: no category %s in version %d", code, version)
	}
	response, resolution := cat.LimitsFor(u)
	return response, resolution, nil
}

package workorder

import (
	"strings"
	"time"
)

// clocks derives the order's response and resolution clocks from its
// events: met or lapsed when the response or the resolution came, cancelled
// when the order closed otherwise, paused while parked, running or lapsed
// (with reminders and an escalation) while open.
func (g *genScript) clocks(o *genOrder, respLimit, resLimit Limit, respDue, resDue time.Time) {
	var responded, resolved, closedOtherwise, parked *time.Time
	for i := range o.events {
		e := &o.events[i]
		switch {
		case IsResponse(*e) && responded == nil:
			responded = &e.At
		case e.Kind == EventParked:
			parked = &e.At
		case e.Kind == EventUnparked:
			parked = nil
		}
		if e.From.Open() && !e.To.Open() {
			resolved = &e.At
			if e.Outcome == OutcomeCancelled || e.Outcome == OutcomeReferred || e.Outcome == OutcomeDuplicate {
				closedOtherwise = &e.At
			}
		}
		if e.Kind == EventReopened {
			resolved = nil
		}
	}
	resp := g.clock("response", o.FiledAt, respLimit, respDue)
	resp.settle(responded, closedOtherwise, nil, g.now)
	res := g.clock("resolution", o.FiledAt, resLimit, resDue)
	if closedOtherwise == nil {
		res.settle(resolved, nil, parked, g.now)
	} else {
		res.settle(nil, closedOtherwise, nil, g.now)
	}
	o.clocks = []genClock{resp, res}
}

// clock starts a clock of kind with its warning at three quarters of the
// time.
func (g *genScript) clock(kind string, start time.Time, l Limit, due time.Time) genClock {
	return genClock{kind: kind, basis: string(l.Unit), limit: l.Value, started: start,
		warn: start.Add(due.Sub(start) * 3 / 4), due: due, state: "running"}
}

// settle sets the clock's state from when it was met (nil: not yet),
// cancelled (nil: not) or paused (nil: not), as of now.
func (c *genClock) settle(met, cancelled, paused *time.Time, now time.Time) {
	switch {
	case cancelled != nil && met == nil:
		c.state, c.stopped = "cancelled", cancelled
	case met != nil:
		c.state, c.stopped = "met", met
		if met.After(c.due) {
			c.state, c.lapsed = "lapsed", &c.due
		}
	case paused != nil:
		c.state, c.paused = "paused", paused
	case now.After(c.due):
		esc := c.due.Add(4 * time.Hour)
		c.state, c.lapsed, c.reminders = "lapsed", &c.due, 1
		if now.After(esc) {
			c.escalated, c.reminders = &esc, 2
		}
	}
}

// genAssignmentOf is the order's current lead hop, nil before dispatch.
func genAssignmentOf(o *genOrder, mode string) *genAssign {
	var a *genAssign
	for i := range o.events {
		e := &o.events[i]
		switch e.Kind {
		case EventDispatched, EventPooled, EventReassigned:
			kind, code, _ := strings.Cut(e.Unit, ":")
			u := genUnit{Kind: kind, Code: code}
			m := "direct"
			if e.Kind == EventPooled {
				m = mode
			}
			a = &genAssign{mode: m, unit: u, state: "pending", assigned: e.At}
			if m == "grab" {
				a.state = "offered"
			}
		case EventAccepted, EventGrabbed:
			a.state, a.accepted = "accepted", &e.At
		case EventReturned:
			a.state = "returned"
		case EventReopened:
			a.state, a.ended = "accepted", nil
		}
		if a != nil && e.From.Open() && !e.To.Open() {
			a.state, a.ended = "done", &e.At
			if e.Outcome == OutcomeDuplicate {
				a.state = "withdrawn"
			}
		}
	}
	return a
}

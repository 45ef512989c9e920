package workorder

import (
	"encoding/json"
	"fmt"
	"time"
)

// measureFact is one row of workorder_measures: what an order's events say about
// it. It is computed by foldFact alone, so the row written after each
// event, the row RecomputeMeasures writes and the row the load generator
// writes are the same for the same events.
type measureFact struct {
	OrderID      int64
	District     string
	FiledAt      time.Time
	Street       string
	Community    string
	Category     string
	Unit         string
	Counted      bool
	Responded    bool
	ResponseSecs int64
	Outcome      Outcome
	ResolvedAt   *time.Time
	HandlingSecs int64
	OnTime       *bool
	Satisfaction int
	Reopened     int
	Seq          int
}

// factDims are what the order row says about where the order belongs and
// what it is about (corrections by 更正 events included).
type factDims struct {
	ID        int64
	District  string
	FiledAt   time.Time
	Street    string
	Community string
	Category  string
}

func factDimsOf(o Order) factDims {
	return factDims{ID: o.ID, District: o.District, FiledAt: o.FiledAt, Street: o.Place.Street,
		Community: o.Place.Community, Category: o.CategoryCode}
}

// FollowUpPayload is what the measures read from the payload of a
// followed_up (回访) event: the answer to "how satisfied are you", 5
// 非常满意 … 1 非常不满意, 0 when the requester did not answer; and
// whether the requester says it was fixed.
type FollowUpPayload struct {
	Satisfaction int   `json:"satisfaction"`
	Fixed        *bool `json:"fixed,omitempty"`
}

// measureResponsible are the event kinds that name the unit answerable for an
// order: the last of them with a unit is the order's unit.
var measureResponsible = map[EventKind]bool{EventDispatched: true, EventReassigned: true, EventReturnUpheld: true,
	EventPooled: true, EventGrabbed: true, EventAccepted: true, EventResolved: true}

// foldFact folds an order's events (oldest first) into its measures row.
// due is the deadline of the order's resolution clock, nil without one.
func foldFact(d factDims, events []Event, due *time.Time) measureFact {
	f := measureFact{OrderID: d.ID, District: d.District, FiledAt: d.FiledAt, Street: d.Street, Community: d.Community,
		Category: d.Category}
	var parked time.Duration
	var parkedSince *time.Time
	for _, e := range events {
		f.Seq = e.Seq
		if e.Kind == EventFiled {
			f.FiledAt = e.At
		}
		if measureResponsible[e.Kind] && e.Unit != "" {
			f.Unit = e.Unit
		}
		if !f.Responded && IsResponse(e) { // the rule the response clock stops on
			f.Responded, f.ResponseSecs = true, measureSeconds(f.FiledAt, e.At)
		}
		switch {
		case e.To == StateParked && e.From != StateParked:
			at := e.At
			parkedSince = &at
		case e.From == StateParked && e.To != StateParked && parkedSince != nil:
			parked += e.At.Sub(*parkedSince)
			parkedSince = nil
		}
		f.fold(e, parked)
	}
	f.Counted = f.Outcome != OutcomeDuplicate && f.Outcome != OutcomeCancelled
	if f.ResolvedAt != nil && due != nil {
		onTime := !f.ResolvedAt.After(*due)
		f.OnTime = &onTime
	}
	return f
}

// fold applies the outcome, resolution, follow-up and reopening of e.
func (f *measureFact) fold(e Event, parked time.Duration) {
	switch {
	case !e.To.Open() && e.Outcome != "":
		f.Outcome = e.Outcome
	case e.To.Open():
		f.Outcome = ""
	}
	switch {
	case e.From.Open() && !e.To.Open():
		at := e.At
		f.ResolvedAt = &at
		f.HandlingSecs = max(measureSeconds(f.FiledAt, e.At)-int64(parked/time.Second), 0)
	case e.To.Open():
		f.ResolvedAt, f.HandlingSecs = nil, 0
	}
	if e.Kind == EventReopened {
		f.Reopened++
	}
	if e.Kind == EventFollowedUp {
		if s := satisfactionOf(e.Payload); s > 0 {
			f.Satisfaction = s
		}
	}
}

// satisfactionOf reads a follow-up's answer, 0 when it has none.
func satisfactionOf(payload json.RawMessage) int {
	var p FollowUpPayload
	if len(payload) == 0 || json.Unmarshal(payload, &p) != nil || p.Satisfaction < 1 || p.Satisfaction > 5 {
		return 0
	}
	return p.Satisfaction
}

func measureSeconds(a, b time.Time) int64 { return max(int64(b.Sub(a)/time.Second), 0) }

// measurePeriodKeys are the China day, ISO week and month of t.
func measurePeriodKeys(t time.Time) (day, week, month string) {
	c := t.In(chinaZone)
	y, w := c.ISOWeek()
	return c.Format("2006-01-02"), fmt.Sprintf("%04d-W%02d", y, w), c.Format("2006-01")
}

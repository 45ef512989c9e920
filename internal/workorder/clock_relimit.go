package workorder

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// relimit gives a clock the limit of the order's category and urgency as
// they are now (after 更正分类, which updates the order's row before
// recording the recategorised event). The clock keeps its start: the
// requester has waited since filing whatever the category. When the unit
// changes (hours ⇄ working days) the past pauses are measured again from
// the order's events; granted extensions keep their length.
func (c *Clocks) relimit(ctx context.Context, tx *db.Tx, o Order, cl *Clock, now time.Time) (bool, error) {
	var code string
	var version int
	var u Urgency
	if err := tx.QueryRow(ctx, `SELECT category_code, category_version, urgency FROM workorders WHERE id = ?`, o.ID).
		Scan(&code, &version, &u); err != nil {
		return false, fmt.Errorf("workorder: clocks: category of %s: %w", o.Number, err)
	}
	response, resolution, err := c.limitsOf(ctx, o.District, code, version, u)
	if err != nil {
		return false, err
	}
	l := resolution
	if cl.Kind == ClockResponse {
		l = response
	}
	if l.IsZero() || l == cl.Limit {
		return false, nil
	}
	if l.Unit != cl.Limit.Unit {
		events, err := eventsOf(ctx, tx, o.ID, false)
		if err != nil {
			return false, err
		}
		cl.Paused = c.pausedIn(c.meter(l.Unit), clockPauses(events), cl.StoppedAt)
	}
	cl.Limit = l
	c.settle(cl, now)
	return true, nil
}

// clockPauses lists the closed intervals in which an order's clocks did
// not count, from its events: from leaving the counting states (parked,
// verifying, resolved, closed) to coming back to one. The current pause,
// if any, is left out: the clock's PausedAt or StoppedAt holds it.
func clockPauses(events []Event) []calendar.Interval {
	var out []calendar.Interval
	var from *time.Time
	for _, e := range events {
		was, is := modeOf(e.From) == modeCounting, modeOf(e.To) == modeCounting
		switch {
		case was && !is:
			at := e.At
			from = &at
		case !was && is && from != nil:
			out = append(out, calendar.Interval{Start: *from, End: e.At})
			from = nil
		}
	}
	return out
}

// pausedIn is the counted time of the pauses before until (nil: all).
func (c *Clocks) pausedIn(m clockMeter, pauses []calendar.Interval, until *time.Time) time.Duration {
	var d time.Duration
	for _, p := range pauses {
		if until != nil {
			if !p.Start.Before(*until) {
				continue
			}
			if p.End.After(*until) {
				p.End = *until
			}
		}
		d += ceilSecond(m.between(p.Start, p.End))
	}
	return d
}

// endRequests ends an order's parking when it leaves the parked state,
// and its pending extension and parking requests when it is resolved or
// closed: nothing is left to decide on.
func (c *Clocks) endRequests(ctx context.Context, tx *db.Tx, o Order, e Event) error {
	if e.From == StateParked && e.To != StateParked {
		if _, err := tx.Exec(ctx, `UPDATE workorder_parkings SET state = 'ended', ended_at = ?, ended_by = ?
			WHERE order_id = ? AND state = 'approved'`, e.At, nullID(e.ActorID), o.ID); err != nil {
			return fmt.Errorf("workorder: end parking: %w", err)
		}
	}
	if !e.From.Open() || e.To.Open() {
		return nil
	}
	const note = "工单已办结或关闭，申请不再审批"
	if _, err := tx.Exec(ctx, `UPDATE workorder_extensions SET state = 'refused', decided_at = ?, decision_note = ?
		WHERE order_id = ? AND state = 'pending'`, e.At, note, o.ID); err != nil {
		return fmt.Errorf("workorder: withdraw extensions: %w", err)
	}
	if _, err := tx.Exec(ctx, `UPDATE workorder_parkings SET state = 'withdrawn', decided_at = ?, decision_note = ?
		WHERE order_id = ? AND state = 'pending'`, e.At, note, o.ID); err != nil {
		return fmt.Errorf("workorder: withdraw parking requests: %w", err)
	}
	return nil
}

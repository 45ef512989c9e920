package workorder

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// The steps of a clock's timer.
const (
	StepWarn  = "warn"  // early warning (临期预警) to the handling unit
	StepLapse = "lapse" // the deadline: escalation to the supervisors and the first 催办
	StepUrge  = "urge"  // a further 催办 of a lapsed clock
)

// ClockArgs is the durable timer of one step of one clock, inserted in the
// transaction that (re)started the clock. Epoch is the clock's epoch when
// it was scheduled: any later change of the clock (a pause, an extension,
// a stop) moves the epoch and this job then does nothing; the change
// schedules new jobs of its own.
type ClockArgs struct {
	ClockID  int64  `json:"clock_id"`
	Epoch    int64  `json:"epoch"`
	Step     string `json:"step"`
	District string `json:"district"`
}

// Kind names the job.
func (ClockArgs) Kind() string { return "workorder.clock" }

// ClockWorker works the timers.
type ClockWorker struct {
	river.WorkerDefaults[ClockArgs]
	c *Clocks
}

// Work runs the step, or waits again if its moment has not come.
func (w *ClockWorker) Work(ctx context.Context, job *jobs.Job[ClockArgs]) error {
	return clockSnooze(w.c.Tick(ctx, job.Args))
}

// Tick runs one timer step if it is still current and its moment has
// come: the warning, the lapse (escalation and first reminder) or a
// further reminder, each recorded as an event of the order by the system
// and told to the people concerned. It returns how long to wait when the
// moment has not come yet; zero when done or outdated.
func (c *Clocks) Tick(ctx context.Context, args ClockArgs) (time.Duration, error) {
	var wait time.Duration
	err := c.s.DB.InTx(ctx, func(tx *db.Tx) error {
		var orderID int64
		err := tx.QueryRow(ctx, `SELECT order_id FROM workorder_clocks WHERE id = ?`, args.ClockID).Scan(&orderID)
		if isNoRows(err) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("workorder: clock %d: %w", args.ClockID, err)
		}
		o, err := clockLockOrder(ctx, tx, orderID)
		if err != nil {
			return err
		}
		cl, found, err := clockByID(ctx, tx, args.ClockID)
		if err != nil || !found || cl.Epoch != args.Epoch || !cl.live() || cl.PausedAt != nil || !o.State.Open() {
			return err
		}
		at, due := c.stepAt(cl, args.Step)
		if !due {
			return nil
		}
		if now := tx.Now(); now.Before(at) {
			wait = at.Sub(now)
			return nil
		}
		return c.runStep(ctx, tx, &o, &cl, args.Step)
	})
	return wait, err
}

// stepAt is the moment of a step of the clock; false when the step is
// done or not due at all.
func (c *Clocks) stepAt(cl Clock, step string) (time.Time, bool) {
	switch step {
	case StepWarn:
		return cl.WarnAt, cl.WarnedAt == nil && cl.LapsedAt == nil
	case StepLapse:
		return cl.DueAt, cl.LapsedAt == nil
	case StepUrge:
		return c.nextUrge(cl), cl.LapsedAt != nil && cl.Reminders < c.Policy.MaxUrges
	}
	return time.Time{}, false
}

// runStep changes the clock, records the step on the order and notifies.
func (c *Clocks) runStep(ctx context.Context, tx *db.Tx, o *Order, cl *Clock, step string) error {
	now := tx.Now()
	switch step {
	case StepWarn:
		cl.WarnedAt = &now
		if err := saveClock(ctx, tx, *cl); err != nil {
			return err
		}
		return c.warn(ctx, tx, o, *cl)
	case StepLapse:
		due := cl.DueAt
		cl.LapsedAt, cl.State, cl.EscalatedAt = &due, ClockLapsed, &now
		if err := c.escalate(ctx, tx, o, *cl); err != nil {
			return err
		}
	}
	cl.Reminders++
	cl.Epoch++
	if err := c.saveAndSchedule(ctx, tx, o.District, *cl); err != nil {
		return err
	}
	return c.urge(ctx, tx, o, *cl)
}

// clockPayload is the payload of the clocks' events (warned, escalated,
// urged): which clock, its deadline, the reminder's number, how many
// people were told. Reason "park_review" marks the review reminder of a
// parked order (urged, no clock).
type clockPayload struct {
	Clock    ClockKind `json:"clock,omitempty"`
	Due      time.Time `json:"due,omitzero"`
	Reminder int       `json:"reminder,omitempty"`
	Notified int       `json:"notified"`
	Reason   string    `json:"reason,omitempty"`
	Parking  int64     `json:"parking,omitempty"`
}

// warn tells the handling unit that the clock is near its deadline.
func (c *Clocks) warn(ctx context.Context, tx *db.Tx, o *Order, cl Clock) error {
	text := fmt.Sprintf("【临期预警】工单%s%s时限将于%s到期，请抓紧办理。", o.Number, cl.Kind.Name(), chinaMinute(cl.DueAt))
	return c.tell(ctx, tx, o, EventWarned, clockToUnit, text, clockPayload{Clock: cl.Kind, Due: cl.DueAt})
}

// escalate tells the supervisors that the clock lapsed.
func (c *Clocks) escalate(ctx context.Context, tx *db.Tx, o *Order, cl Clock) error {
	text := fmt.Sprintf("【超时升级】工单%s%s已超过时限（%s），请督促办理。", o.Number, cl.Kind.Name(), chinaMinute(cl.DueAt))
	return c.tell(ctx, tx, o, EventEscalated, clockToLeaders, text, clockPayload{Clock: cl.Kind, Due: cl.DueAt})
}

// urge reminds the handling unit of a lapsed clock (催办).
func (c *Clocks) urge(ctx context.Context, tx *db.Tx, o *Order, cl Clock) error {
	text := fmt.Sprintf("【催办】工单%s%s已超过时限（%s），请立即办理（第%d次催办）。", o.Number, cl.Kind.Name(),
		chinaMinute(cl.DueAt), cl.Reminders)
	return c.tell(ctx, tx, o, EventUrged, clockToUnit, text,
		clockPayload{Clock: cl.Kind, Due: cl.DueAt, Reminder: cl.Reminders})
}

// clockAudience is whom a clock event is told to.
type clockAudience int

// The audiences: the handling unit's staff (the worker holding the order,
// else its lead unit's staff), the order's supervisors, or both.
const (
	clockToUnit clockAudience = iota
	clockToLeaders
	clockToBoth
)

// tell records a clock event on the order as the system, in the name of
// its handling unit, and notifies the audience.
func (c *Clocks) tell(ctx context.Context, tx *db.Tx, o *Order, kind EventKind, to clockAudience, text string,
	p clockPayload) error {
	who, unit, err := c.unitStaff(ctx, tx, *o)
	if err != nil {
		return err
	}
	if to != clockToUnit {
		leaders, err := c.supervisors(ctx, *o, unit)
		if err != nil {
			return err
		}
		if to == clockToBoth {
			leaders = slices.Compact(slices.Sorted(slices.Values(append(who, leaders...))))
		}
		who = leaders
	}
	p.Notified = len(who)
	if _, err := c.s.record(ctx, tx, authz.System(o.District), o, Change{Kind: kind, Unit: unit, Payload: p}); err != nil {
		return err
	}
	return c.notify(ctx, tx, who, text)
}

// clockSnooze has River run a timer job again after wait, or ends it.
func clockSnooze(wait time.Duration, err error) error {
	if err != nil || wait <= 0 {
		return err
	}
	return river.JobSnooze(wait)
}

// chinaMinute writes a moment as staff read it: "3月2日 11:30".
func chinaMinute(t time.Time) string { return t.In(chinaZone).Format("1月2日 15:04") }

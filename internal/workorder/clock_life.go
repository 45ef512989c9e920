package workorder

import (
	"context"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// The life of a clock: started at filing, paused and resumed, stopped
// (met in time, or late), cancelled, reopened. Every change goes through
// settle, which derives the warning and the deadline and moves the epoch,
// so that timer jobs scheduled before the change do nothing.

// settle derives the clock's warning and deadline from its start, limit,
// extensions and pauses, judges it against them as of now, and moves its
// epoch.
func (c *Clocks) settle(cl *Clock, now time.Time) {
	m := c.meter(cl.Limit.Unit)
	t := m.times(cl.StartedAt, m.budget(cl.StartedAt, cl.Limit), cl.Extended, cl.Paused, c.Policy)
	cl.WarnAt, cl.DueAt = t.warn, t.due
	switch {
	case cl.State == ClockCancelled:
	case cl.StoppedAt != nil:
		cl.State, cl.LapsedAt = ClockMet, nil
		if cl.StoppedAt.After(cl.DueAt) {
			due := cl.DueAt
			cl.State, cl.LapsedAt = ClockLapsed, &due
		}
	default:
		if cl.LapsedAt != nil && cl.DueAt.After(now) {
			// An extension or a new limit took it back inside its time.
			cl.LapsedAt, cl.Reminders = nil, 0
		}
		if cl.WarnedAt != nil && cl.WarnAt.After(now) {
			cl.WarnedAt = nil // warn again before the new deadline
		}
		cl.State = ClockRunning
		if cl.LapsedAt != nil {
			cl.State = ClockLapsed
		}
		if cl.PausedAt != nil {
			cl.State = ClockPaused
		}
	}
	cl.Epoch++
}

// pause freezes a live clock at now.
func (c *Clocks) pause(cl *Clock, now time.Time) bool {
	if !cl.live() || cl.PausedAt != nil {
		return false
	}
	cl.PausedAt, cl.State = &now, ClockPaused
	cl.Epoch++
	return true
}

// unfreeze adds a paused clock's pause, up to now, to its past pauses.
func (c *Clocks) unfreeze(cl *Clock, now time.Time) {
	if cl.PausedAt == nil {
		return
	}
	cl.Paused += ceilSecond(c.meter(cl.Limit.Unit).between(*cl.PausedAt, now))
	cl.PausedAt = nil
}

// resume lets a paused clock count again from now.
func (c *Clocks) resume(cl *Clock, now time.Time) bool {
	if cl.PausedAt == nil {
		return false
	}
	c.unfreeze(cl, now)
	c.settle(cl, now)
	return true
}

// stop ends a live clock at now: judged met or lapsed, or, when the order
// ended without being handled (cancelled), cancelled unless it had lapsed.
func (c *Clocks) stop(cl *Clock, now time.Time, cancelled bool) bool {
	if !cl.live() {
		return false
	}
	c.unfreeze(cl, now)
	cl.StoppedAt = &now
	c.settle(cl, now)
	if cancelled && cl.State == ClockMet {
		cl.State = ClockCancelled
	}
	return true
}

// reopen lets a stopped resolution clock count again from now: the time
// the order spent resolved counts as a pause.
func (c *Clocks) reopen(cl *Clock, now time.Time) bool {
	if cl.Kind != ClockResolution || cl.StoppedAt == nil || cl.State == ClockCancelled {
		return false
	}
	cl.Paused += ceilSecond(c.meter(cl.Limit.Unit).between(*cl.StoppedAt, now))
	cl.StoppedAt = nil
	c.settle(cl, now)
	return true
}

// ceilSecond rounds a duration up to whole seconds, as stored.
func ceilSecond(d time.Duration) time.Duration {
	return time.Duration(clockSecs(d)) * time.Second
}

// schedule inserts the timer jobs of a counting clock for its current
// epoch: the warning, the lapse, or the next reminder after a lapse.
func (c *Clocks) schedule(ctx context.Context, tx *db.Tx, district string, cl Clock) error {
	if !cl.live() || cl.PausedAt != nil {
		return nil
	}
	insert := func(step string, at time.Time) error {
		args := ClockArgs{ClockID: cl.ID, Epoch: cl.Epoch, Step: step, District: district}
		return c.Jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{ScheduledAt: at})
	}
	if cl.LapsedAt == nil {
		if cl.WarnedAt == nil {
			if err := insert(StepWarn, cl.WarnAt); err != nil {
				return err
			}
		}
		return insert(StepLapse, cl.DueAt)
	}
	if cl.Reminders < c.Policy.MaxUrges {
		return insert(StepUrge, c.nextUrge(cl))
	}
	return nil
}

// nextUrge is when the next reminder of a lapsed clock is due: one
// UrgeEvery after the previous (the first went out at the lapse).
func (c *Clocks) nextUrge(cl Clock) time.Time {
	return cl.LapsedAt.Add(time.Duration(cl.Reminders) * c.Policy.UrgeEvery)
}

// saveAndSchedule writes a changed clock and schedules its timers.
func (c *Clocks) saveAndSchedule(ctx context.Context, tx *db.Tx, district string, cl Clock) error {
	if err := saveClock(ctx, tx, cl); err != nil {
		return err
	}
	return c.schedule(ctx, tx, district, cl)
}

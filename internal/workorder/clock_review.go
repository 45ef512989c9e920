package workorder

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// ParkReviewArgs is the durable reminder of a parked order's review date,
// inserted when the parking is approved.
type ParkReviewArgs struct {
	ParkingID int64  `json:"parking_id"`
	District  string `json:"district"`
}

// Kind names the job.
func (ParkReviewArgs) Kind() string { return "workorder.park_review" }

// ParkReviewWorker works the review reminders.
type ParkReviewWorker struct {
	river.WorkerDefaults[ParkReviewArgs]
	c *Clocks
}

// Work reminds of the review, or waits until its moment.
func (w *ParkReviewWorker) Work(ctx context.Context, job *jobs.Job[ParkReviewArgs]) error {
	return clockSnooze(w.c.RemindReview(ctx, job.Args))
}

// reviewAt is the moment of a parking's review reminder: ReviewHour, China
// time, on the review date.
func (c *Clocks) reviewAt(reviewOn string) (time.Time, error) {
	d, err := time.ParseInLocation(time.DateOnly, reviewOn, chinaZone)
	if err != nil {
		return time.Time{}, fmt.Errorf("workorder: review date %q: %w", reviewOn, err)
	}
	return d.Add(time.Duration(c.Policy.ReviewHour) * time.Hour).UTC(), nil
}

// scheduleReview inserts the review reminder of an approved parking.
func (c *Clocks) scheduleReview(ctx context.Context, tx *db.Tx, district string, p Parking) error {
	at, err := c.reviewAt(p.ReviewOn)
	if err != nil {
		return err
	}
	return c.Jobs.InsertTx(ctx, tx, ParkReviewArgs{ParkingID: p.ID, District: district}, &jobs.InsertOpts{ScheduledAt: at})
}

// RemindReview tells the handling unit and the supervisors, once, that a
// parked order's review date has come, and records it on the order (an
// urged event with reason park_review). It returns how long to wait when
// the moment has not come; zero when done or when the order is no longer
// parked.
func (c *Clocks) RemindReview(ctx context.Context, args ParkReviewArgs) (time.Duration, error) {
	var wait time.Duration
	err := c.s.DB.InTx(ctx, func(tx *db.Tx) error {
		p, err := parkingTable.byID(ctx, tx, args.ParkingID, "")
		if err != nil || p.State != TimeApproved || p.EndedAt != nil {
			return nil // gone, or resumed: nothing to review
		}
		at, err := c.reviewAt(p.ReviewOn)
		if err != nil {
			return err
		}
		if now := tx.Now(); now.Before(at) {
			wait = at.Sub(now)
			return nil
		}
		o, err := clockLockOrder(ctx, tx, p.OrderID)
		if err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE workorder_parkings SET reminded_on = ? WHERE id = ? AND reminded_on <> ?`,
			p.ReviewOn, p.ID, p.ReviewOn)
		if err != nil {
			return fmt.Errorf("workorder: review reminder: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 || o.State != StateParked {
			return nil
		}
		return c.remindReview(ctx, tx, &o, p)
	})
	return wait, err
}

// remindReview records and sends the review reminder.
func (c *Clocks) remindReview(ctx context.Context, tx *db.Tx, o *Order, p Parking) error {
	text := fmt.Sprintf("【挂账复核】工单%s已到复核日期（%s），请复核能否恢复办理。", o.Number, p.ReviewOn)
	return c.tell(ctx, tx, o, EventUrged, clockToBoth, text, clockPayload{Reason: "park_review", Parking: p.ID})
}

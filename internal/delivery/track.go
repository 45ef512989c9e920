package delivery

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// TrackEvery is how often open shipments' tracking is polled.
const TrackEvery = 10 * time.Minute

// maxPoll bounds the shipments polled by one run; the oldest first, the
// rest at the next run.
const maxPoll = 500

// TrackArgs is the periodic tracking poll.
type TrackArgs struct{}

// Kind names the job.
func (TrackArgs) Kind() string { return "delivery.track" }

// TrackWorker polls the tracking of open shipments.
type TrackWorker struct {
	river.WorkerDefaults[TrackArgs]
	s *Service
}

// Work polls once.
func (w *TrackWorker) Work(ctx context.Context, _ *jobs.Job[TrackArgs]) error {
	_, err := w.s.PollTracking(ctx)
	return err
}

// trackPeriodic schedules the poll; River runs it on its leader node only.
func trackPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(TrackEvery),
		func() (river.JobArgs, *river.InsertOpts) { return TrackArgs{}, nil },
		&river.PeriodicJobOpts{ID: "delivery.track", RunOnStart: true})
}

// Polled is what one poll did.
type Polled struct {
	Shipments int // open shipments looked at
	Events    int // new tracking events stored
	Delivered int // shipments signed for
	Failed    int // shipments whose tracking could not be read
}

// PollTracking reads the courier's tracking of every open shipment and
// stores the new events; a shipment signed for is delivered and its
// applicant told. A shipment whose tracking fails is skipped until the
// next run; the run fails (and is retried) only when all of them failed.
func (s *Service) PollTracking(ctx context.Context) (Polled, error) {
	xs, err := list(ctx, s.DB, `state = ?`, `shipped_at, id LIMIT ?`, StateShipped, maxPoll)
	if err != nil {
		return Polled{}, err
	}
	var out Polled
	var errs []error
	for _, x := range xs {
		out.Shipments++
		evs, err := s.Courier.Track(ctx, x.Waybill)
		if err == nil {
			err = s.storeTracking(ctx, x, evs, &out)
		}
		if err != nil {
			out.Failed++
			errs = append(errs, err)
			s.Log.WarnContext(ctx, "delivery: tracking", "delivery", x.ID, "error", err)
		}
	}
	if len(xs) > 0 && out.Failed == len(xs) {
		return out, fmt.Errorf("delivery: tracking: %w", errors.Join(errs...))
	}
	return out, nil
}

// storeTracking stores a shipment's new events in one transaction and
// marks it delivered once signed for.
func (s *Service) storeTracking(ctx context.Context, x record, evs []TrackEvent, out *Polled) error {
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		latest, signed, n := "", TrackEvent{}, 0
		for _, ev := range evs {
			added, err := addTrackEvent(ctx, tx, x, ev)
			if err != nil {
				return err
			}
			n += added
			latest = ev.Status.Name()
			if ev.Status == TrackSigned {
				signed = ev
			}
		}
		out.Events += n
		if n == 0 {
			return nil
		}
		if signed.Status == "" {
			_, err := tx.Exec(ctx, `UPDATE deliveries SET tracking = ?, updated_at = ? WHERE id = ? AND state = ?`,
				latest, tx.Now(), x.ID, StateShipped)
			return err
		}
		out.Delivered++
		return s.delivered(ctx, tx, x, signed)
	})
}

// addTrackEvent stores one event unless stored before; it reports 1 if
// it was new.
func addTrackEvent(ctx context.Context, tx *db.Tx, x record, ev TrackEvent) (int, error) {
	ref := x.Waybill + "#" + strconv.Itoa(ev.Seq)
	var n int
	err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM delivery_events WHERE delivery_id = ? AND ref = ?`, x.ID, ref).Scan(&n)
	if err != nil || n > 0 {
		return 0, err
	}
	e := Event{Kind: string(ev.Status), Title: ev.Status.Name(), Place: ev.Place, Note: ev.Note, At: ev.At}
	return 1, addEvent(ctx, tx, x.ID, e, ref)
}

// delivered closes a shipment signed for and tells the applicant.
func (s *Service) delivered(ctx context.Context, tx *db.Tx, x record, ev TrackEvent) error {
	res, err := tx.Exec(ctx, `UPDATE deliveries SET state = ?, tracking = ?, delivered_at = ?, revision = revision + 1,
		updated_at = ? WHERE id = ? AND state = ?`, StateDelivered, ev.Status.Name(), ev.At.UTC(), tx.Now(), x.ID, StateShipped)
	if err := oneRow(res, err); err != nil {
		return err
	}
	text := "您的办件" + x.ApplicationNo + "的证照快递（运单号" + x.Waybill + "）已签收。如非本人签收，请拨打12345。"
	if err := s.Notify(ctx, tx, x.ApplicantID, text); err != nil {
		return fmt.Errorf("delivery: delivered notice: %w", err)
	}
	return s.audit(ctx, tx, authz.System(x.District), "delivery.delivered", x, map[string]any{"state": StateDelivered})
}

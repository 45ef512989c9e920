package delivery_test

import (
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// express decides application 1 for alice and chooses express; it returns
// the delivery and its ship job.
func (f *fixture) express(t testing.TB) (delivery.Delivery, delivery.ShipArgs) {
	t.Helper()
	d := f.decide(t, 1, alice, aliceID)
	got, err := f.s.ChooseExpress(f.ctx, alice, d.ID, goodAddress(d.Revision))
	if err != nil {
		t.Fatal(err)
	}
	js := f.shipJobs(t)
	return got, js[len(js)-1]
}

// TestShip: the job books one shipment with the decrypted address, the
// applicant is told the waybill and can no longer change the choice.
func TestShip(t *testing.T) {
	f := newFixture(t)
	d, args := f.express(t)
	job := &jobs.Job[delivery.ShipArgs]{JobRow: &rivertype.JobRow{}, Args: args}
	if err := delivery.NewShipWorker(f.s).Work(f.ctx, job); err != nil {
		t.Fatalf("ship job: %v", err)
	}
	got := f.get(t, alice, d.ID)
	if got.State != delivery.StateShipped || got.Waybill == "" || got.Courier != "模拟快递" || !got.ShippedAt.Equal(start) {
		t.Fatalf("shipped = %+v", got)
	}
	if sms := f.notes.last(); !strings.Contains(sms.text, got.Waybill) {
		t.Fatalf("SMS = %q", sms.text)
	}
	again, err := f.s.Ship(f.ctx, args) // a retried job
	if err != nil || again || f.courier.Bookings() != 1 {
		t.Fatalf("retry: %v, %v, bookings %d", again, err, f.courier.Bookings())
	}
	_, err = f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: pointA, Revision: got.Revision})
	if e := wantCode(t, err, apperr.CodeConflict); !strings.Contains(e.Message, "已交快递寄出") {
		t.Fatalf("change after shipping: %v", e)
	}
}

// TestShipStaleJob: a job of a choice that was changed since books
// nothing; the job of the last choice books one shipment.
func TestShipStaleJob(t *testing.T) {
	f := newFixture(t)
	d, first := f.express(t)
	in := goodAddress(d.Revision)
	in.Detail = "南京市栖霞区仙林大道163号"
	if _, err := f.s.ChooseExpress(f.ctx, alice, d.ID, in); err != nil {
		t.Fatal(err)
	}
	js := f.shipJobs(t)
	if len(js) != 2 {
		t.Fatalf("jobs = %+v", js)
	}
	if shipped, err := f.s.Ship(f.ctx, first); err != nil || shipped {
		t.Fatalf("stale job: %v, %v", shipped, err)
	}
	if shipped, err := f.s.Ship(f.ctx, js[1]); err != nil || !shipped || f.courier.Bookings() != 1 {
		t.Fatalf("last job: %v, %v, bookings %d", shipped, err, f.courier.Bookings())
	}
}

// TestShipRetry: a courier outage fails the job (River retries it) with
// the choice already locked; the retry books once.
func TestShipRetry(t *testing.T) {
	f := newFixture(t)
	d, args := f.express(t)
	f.courier.SetDown(true)
	if _, err := f.s.Ship(f.ctx, args); err == nil {
		t.Fatal("shipped while the courier was down")
	}
	got := f.get(t, alice, d.ID)
	if got.State != delivery.StateShipping {
		t.Fatalf("state = %s", got.State)
	}
	_, err := f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: pointA, Revision: got.Revision})
	wantCode(t, err, apperr.CodeConflict)
	f.courier.SetDown(false)
	if shipped, err := f.s.Ship(f.ctx, args); err != nil || !shipped || f.courier.Bookings() != 1 {
		t.Fatalf("retry: %v, %v, bookings %d", shipped, err, f.courier.Bookings())
	}
}

// TestTrackingJob: the periodic job stores each new event once, keeps the
// latest status, and closes the delivery when signed for.
func TestTrackingJob(t *testing.T) {
	f := newFixture(t)
	d, args := f.express(t)
	if _, err := f.s.Ship(f.ctx, args); err != nil {
		t.Fatal(err)
	}
	w := delivery.NewTrackWorker(f.s)
	poll := func(after time.Duration) delivery.Delivery {
		t.Helper()
		f.clock.Set(start.Add(after))
		if err := w.Work(f.ctx, &jobs.Job[delivery.TrackArgs]{JobRow: &rivertype.JobRow{}}); err != nil {
			t.Fatalf("+%s: %v", after, err)
		}
		return f.get(t, alice, d.ID)
	}
	shippedEvents := len(f.get(t, alice, d.ID).Events)
	if got := poll(3 * time.Hour); got.Tracking != "已揽收" || len(got.Events) != shippedEvents+1 {
		t.Fatalf("+3h: %+v", got)
	}
	if got := poll(3 * time.Hour); len(got.Events) != shippedEvents+1 {
		t.Fatalf("polling again stored events twice: %d", len(got.Events))
	}
	if got := poll(27 * time.Hour); got.Tracking != "派送中" || got.State != delivery.StateShipped || len(got.Events) != shippedEvents+4 {
		t.Fatalf("+27h: %+v", got)
	}
	notices := f.notes.count()
	got := poll(31 * time.Hour)
	if got.State != delivery.StateDelivered || got.Tracking != "已签收" || !got.DeliveredAt.Equal(start.Add(30*time.Hour)) ||
		f.notes.count() != notices+1 {
		t.Fatalf("+31h: %+v", got)
	}
	tr, err := f.s.Track(f.ctx, alice, d.ID)
	if err != nil || tr.Events[len(tr.Events)-1].Title != "已签收" || tr.Waybill != got.Waybill {
		t.Fatalf("Track = %+v, %v", tr, err)
	}
	if p, err := f.s.PollTracking(f.ctx); err != nil || p.Shipments != 0 {
		t.Fatalf("after delivery: %+v, %v", p, err)
	}
}

// TestTrackingOutage: when the courier cannot be read the run fails, to
// be retried, and nothing changes.
func TestTrackingOutage(t *testing.T) {
	f := newFixture(t)
	d, args := f.express(t)
	if _, err := f.s.Ship(f.ctx, args); err != nil {
		t.Fatal(err)
	}
	f.courier.SetDown(true)
	f.clock.Set(start.Add(40 * time.Hour))
	p, err := f.s.PollTracking(f.ctx)
	if err == nil || p.Failed != 1 {
		t.Fatalf("poll during an outage: %+v, %v", p, err)
	}
	if got := f.get(t, alice, d.ID); got.State != delivery.StateShipped {
		t.Fatalf("state = %s", got.State)
	}
}

package delivery_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
)

var parcel = delivery.Shipment{Reference: "320113-D1-R2", Contents: "证照", Name: "王小栖", Phone: "13800000001",
	Province: "江苏省", Detail: "南京市栖霞区文苑路9号"}

// TestCourierSimulatorEvents: the events follow the booking time on the
// injected clock, in order, and the same booking gets the same waybill.
func TestCourierSimulatorEvents(t *testing.T) {
	ctx := context.Background()
	c := clock.NewManual(start)
	sim := delivery.NewCourierSimulator(c)
	w, err := sim.CreateShipment(ctx, parcel)
	if err != nil || !strings.HasPrefix(w, "SIM") {
		t.Fatalf("waybill = %q, %v", w, err)
	}
	if again, _ := sim.CreateShipment(ctx, parcel); again != w || sim.Bookings() != 1 {
		t.Fatalf("rebooking gave %q (%d bookings)", again, sim.Bookings())
	}
	steps := []struct {
		after time.Duration
		n     int
		last  delivery.TrackStatus
	}{
		{time.Hour, 0, ""},
		{2 * time.Hour, 1, delivery.TrackCollected},
		{10 * time.Hour, 2, delivery.TrackTransit},
		{20 * time.Hour, 3, delivery.TrackTransit},
		{26 * time.Hour, 4, delivery.TrackOut},
		{30 * time.Hour, 5, delivery.TrackSigned},
		{90 * 24 * time.Hour, 5, delivery.TrackSigned},
	}
	for _, st := range steps {
		c.Set(start.Add(st.after))
		evs, err := sim.Track(ctx, w)
		if err != nil || len(evs) != st.n {
			t.Fatalf("+%s: %d events, %v", st.after, len(evs), err)
		}
		if st.n > 0 && (evs[st.n-1].Status != st.last || evs[st.n-1].Seq != st.n || evs[0].At.Before(start)) {
			t.Fatalf("+%s: events %+v", st.after, evs)
		}
	}
	other := delivery.NewCourierSimulator(c) // another node answers the same waybill alike
	if evs, err := other.Track(ctx, w); err != nil || len(evs) != 5 {
		t.Fatalf("another simulator: %d, %v", len(evs), err)
	}
}

// TestCourierSimulatorRefuses: unknown waybills, incomplete shipments and
// an outage are errors.
func TestCourierSimulatorRefuses(t *testing.T) {
	ctx := context.Background()
	sim := delivery.NewCourierSimulator(clock.NewManual(start))
	for _, w := range []string{"", "SIM", "SF1234567890", "SIMabcdef1234"} {
		if _, err := sim.Track(ctx, w); err == nil {
			t.Errorf("Track(%q) succeeded", w)
		}
	}
	bad := parcel
	bad.Detail = ""
	if _, err := sim.CreateShipment(ctx, bad); err == nil {
		t.Error("an incomplete shipment was booked")
	}
	sim.SetDown(true)
	if _, err := sim.CreateShipment(ctx, parcel); err == nil {
		t.Error("booked while down")
	}
	sim.SetDown(false)
	if _, err := sim.CreateShipment(ctx, parcel); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}

package delivery

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// CourierSimulator is a local stand-in for an express company, for the
// demo and the tests; it makes no outside call. Its waybill numbers are
// "SIM" + the booking time in Unix seconds + four digits derived from the
// reference, so tracking needs no stored state and any node answers it:
// the events follow the booking time on the injected clock —
//
//	+2 h 已揽收 (南京栖霞营业部), +8 h 运输中 (南京转运中心),
//	+20 h 运输中 (到达收件省份), +26 h 派送中, +30 h 已签收.
//
// Bookings are remembered in memory per reference only to answer a
// repeated booking with the same waybill.
type CourierSimulator struct {
	clock clock.Clock
	mu    sync.Mutex
	refs  map[string]string
	down  bool
}

// simulatorPrefix starts the simulator's waybill numbers.
const simulatorPrefix = "SIM"

// simulatorSteps are the simulated events after booking.
var simulatorSteps = []struct {
	after  time.Duration
	status TrackStatus
	place  string
	note   string
}{
	{2 * time.Hour, TrackCollected, "南京栖霞营业部", "快递员已揽收"},
	{8 * time.Hour, TrackTransit, "南京转运中心", "已发往收件地"},
	{20 * time.Hour, TrackTransit, "", "已到达收件地转运中心"},
	{26 * time.Hour, TrackOut, "", "快递员正在派送，请保持电话畅通"},
	{30 * time.Hour, TrackSigned, "", "已签收，签收人：本人"},
}

// NewCourierSimulator returns a simulator on clock c.
func NewCourierSimulator(c clock.Clock) *CourierSimulator {
	return &CourierSimulator{clock: c, refs: map[string]string{}}
}

// Name names the simulator.
func (c *CourierSimulator) Name() string { return "模拟快递" }

// SetDown makes every later call fail (true) or succeed again (false), to
// try retries.
func (c *CourierSimulator) SetDown(down bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.down = down
}

// Bookings counts the distinct shipments booked.
func (c *CourierSimulator) Bookings() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.refs)
}

var errSimulatorDown = errors.New("delivery: courier simulator: service unavailable")

// CreateShipment books a shipment; the same reference gets the same
// waybill.
func (c *CourierSimulator) CreateShipment(_ context.Context, s Shipment) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.down {
		return "", errSimulatorDown
	}
	if s.Reference == "" || s.Name == "" || s.Phone == "" || s.Province == "" || s.Detail == "" {
		return "", errors.New("delivery: courier simulator: incomplete shipment")
	}
	if w, ok := c.refs[s.Reference]; ok {
		return w, nil
	}
	sum := gm.SM3([]byte(s.Reference))
	w := fmt.Sprintf("%s%d%04d", simulatorPrefix, c.clock.Now().Unix(), binary.BigEndian.Uint32(sum[:4])%10000)
	c.refs[s.Reference] = w
	return w, nil
}

// Track returns the events due by now for a waybill of the simulator.
func (c *CourierSimulator) Track(_ context.Context, waybill string) ([]TrackEvent, error) {
	c.mu.Lock()
	down := c.down
	c.mu.Unlock()
	if down {
		return nil, errSimulatorDown
	}
	booked, err := simulatedBooking(waybill)
	if err != nil {
		return nil, err
	}
	now := c.clock.Now()
	out := []TrackEvent{}
	for i, st := range simulatorSteps {
		at := booked.Add(st.after)
		if at.After(now) {
			break
		}
		out = append(out, TrackEvent{Seq: i + 1, Status: st.status, Place: st.place, Note: st.note, At: at})
	}
	return out, nil
}

// simulatedBooking reads the booking time out of a simulator waybill.
func simulatedBooking(waybill string) (time.Time, error) {
	digits, ok := strings.CutPrefix(waybill, simulatorPrefix)
	if !ok || len(digits) < 5 {
		return time.Time{}, fmt.Errorf("delivery: courier simulator: unknown waybill %q", waybill)
	}
	secs, err := strconv.ParseInt(digits[:len(digits)-4], 10, 64)
	if err != nil || secs <= 0 {
		return time.Time{}, fmt.Errorf("delivery: courier simulator: unknown waybill %q", waybill)
	}
	return time.Unix(secs, 0).UTC(), nil
}

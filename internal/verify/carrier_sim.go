package verify

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// CarrierSimulator is the local stand-in for a carrier real-name gateway,
// used by the demo and the tests. It is deterministic:
//
//   - a phone ending in 0000 is not in service: CarrierUnknownNumber;
//   - a phone ending in 9999 is registered to another person: CarrierMismatch;
//   - a phone registered with Register answers CarrierMatch only for the
//     name and ID number it was registered with, CarrierMismatch otherwise;
//   - every other valid phone is registered to whoever asks: CarrierMatch.
//
// So "13812345678" passes with any valid name and ID number,
// "13800009999" fails as a number of someone else and "13800000000" fails
// as unknown. The zero value is not usable; use NewCarrierSimulator.
type CarrierSimulator struct {
	subscribers map[string]subscriber
}

type subscriber struct{ name, idNumber string }

// CarrierSimulatorName is the simulator's provider name.
const CarrierSimulatorName = "carrier-sim"

// NewCarrierSimulator returns a simulator with no registered phones.
func NewCarrierSimulator() *CarrierSimulator {
	return &CarrierSimulator{subscribers: map[string]subscriber{}}
}

// Register records phone as registered to name and idNumber (normalised
// values), before the simulator is used; it is not safe to call
// concurrently with CheckCarrier.
func (c *CarrierSimulator) Register(phone, name, idNumber string) {
	c.subscribers[phone] = subscriber{name: name, idNumber: idNumber}
}

// Provider implements CarrierCheck.
func (c *CarrierSimulator) Provider() string { return CarrierSimulatorName }

// CheckCarrier implements CarrierCheck.
func (c *CarrierSimulator) CheckCarrier(ctx context.Context, q CarrierQuery) (CarrierResult, error) {
	if err := ctx.Err(); err != nil {
		return CarrierResult{}, err
	}
	phone := q.Phone.Reveal()
	ref := "sim-" + gm.SM3Hex([]byte("carrier\x00" + phone + "\x00" + q.IDNumber.Reveal()))[:16]
	res := CarrierResult{Outcome: CarrierMatch, Reference: ref}
	switch sub, ok := c.subscribers[phone]; {
	case strings.HasSuffix(phone, "0000"):
		res.Outcome = CarrierUnknownNumber
	case strings.HasSuffix(phone, "9999"):
		res.Outcome = CarrierMismatch
	case ok && (sub.name != q.Name.Reveal() || sub.idNumber != q.IDNumber.Reveal()):
		res.Outcome = CarrierMismatch
	}
	return res, nil
}

// String names the simulator without revealing its registrations.
func (c *CarrierSimulator) String() string {
	return fmt.Sprintf("%s (%d registered)", CarrierSimulatorName, len(c.subscribers))
}

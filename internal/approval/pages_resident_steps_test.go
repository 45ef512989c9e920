package approval

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// gateOnly is an identity gate that offers no steps to walk.
type gateOnly struct{}

func (gateOnly) Require(context.Context, int64, string, int) (Verified, error) {
	return Verified{}, nil
}
func (gateOnly) Consume(context.Context, *db.Tx, int64, string, string, int) (string, error) {
	return "", nil
}

// stepsStub is a set of identity steps that answer nothing.
type stepsStub struct{}

func (stepsStub) Start(context.Context, *authz.Actor, string) (verify.Verification, error) {
	return verify.Verification{}, nil
}
func (stepsStub) CheckCarrier(context.Context, *authz.Actor, string, verify.CarrierInput) (verify.Verification, error) {
	return verify.Verification{}, nil
}
func (stepsStub) SendCode(context.Context, *authz.Actor, string) (verify.Verification, error) {
	return verify.Verification{}, nil
}
func (stepsStub) CheckCode(context.Context, *authz.Actor, string, string) (verify.Verification, error) {
	return verify.Verification{}, nil
}
func (stepsStub) CheckFace(context.Context, *authz.Actor, string, []byte) (verify.Verification, error) {
	return verify.Verification{}, nil
}
func (stepsStub) Get(context.Context, *authz.Actor, string) (verify.Verification, error) {
	return verify.Verification{}, nil
}

// gateWithSteps is an identity gate that hands out its steps, as the
// app's adapter over the verify module does.
type gateWithSteps struct{ gateOnly }

func (gateWithSteps) Steps() IdentitySteps { return stepsStub{} }

// TestResidentStepsFromGate: the pages find the verification steps behind
// the identity gate, and say the service is unavailable when there are
// none rather than failing.
func TestResidentStepsFromGate(t *testing.T) {
	for _, c := range []struct {
		name string
		gate IdentityGate
		want apperr.Code
	}{
		{"a gate with steps", gateWithSteps{}, ""},
		{"a gate without steps", gateOnly{}, apperr.CodeUnavailable},
		{"no gate", nil, apperr.CodeUnavailable},
	} {
		h := &Handlers{svc: &Service{Deps: Deps{Gates: Gates{Identity: c.gate}}}}
		st, err := h.rSteps()
		ok := err == nil && st != nil
		if c.want != "" {
			ok = apperr.CodeOf(err) == c.want
		}
		if !ok {
			t.Errorf("%s: steps %v, error %v; want code %q", c.name, st, err, c.want)
		}
	}
}

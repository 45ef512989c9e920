package approval

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// IdentitySteps are the remote identity checks (身份核验) the resident pages
// walk the applicant through: the verify module's service serves them. The
// pages post plain forms, so they call the service directly rather than
// its JSON API.
type IdentitySteps interface {
	Start(ctx context.Context, actor *authz.Actor, purpose string) (verify.Verification, error)
	CheckCarrier(ctx context.Context, actor *authz.Actor, id string, in verify.CarrierInput) (verify.Verification, error)
	SendCode(ctx context.Context, actor *authz.Actor, id string) (verify.Verification, error)
	CheckCode(ctx context.Context, actor *authz.Actor, id, code string) (verify.Verification, error)
	CheckFace(ctx context.Context, actor *authz.Actor, id string, image []byte) (verify.Verification, error)
	Get(ctx context.Context, actor *authz.Actor, id string) (verify.Verification, error)
}

// StepsSource is an IdentityGate that can also hand out the steps behind
// it; the app's adapter over the verify module implements it.
type StepsSource interface {
	Steps() IdentitySteps
}

// rErrNoSteps answers a verification step when the identity gate offers no
// steps to walk (a wiring without the verify module).
var rErrNoSteps = apperr.New(apperr.CodeUnavailable, "身份核验服务暂不可用，请稍后再试")

// rSteps returns the identity steps behind the service's identity gate.
func (h *Handlers) rSteps() (IdentitySteps, error) {
	switch g := h.svc.Gates.Identity.(type) {
	case IdentitySteps:
		return g, nil
	case StepsSource:
		if st := g.Steps(); st != nil {
			return st, nil
		}
	}
	return nil, rErrNoSteps
}

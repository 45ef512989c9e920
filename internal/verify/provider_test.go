package verify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// stuckCarrier answers only when its context ends: a provider that hangs.
type stuckCarrier struct{}

func (stuckCarrier) Provider() string { return "carrier-stuck" }

func (stuckCarrier) CheckCarrier(ctx context.Context, _ verify.CarrierQuery) (verify.CarrierResult, error) {
	<-ctx.Done()
	return verify.CarrierResult{}, ctx.Err()
}

// stuckFace hangs like stuckCarrier.
type stuckFace struct{}

func (stuckFace) Provider() string { return "face-stuck" }

func (stuckFace) MatchFace(ctx context.Context, _ verify.FaceQuery) (verify.FaceResult, error) {
	<-ctx.Done()
	return verify.FaceResult{}, ctx.Err()
}

func TestProviderTimeoutNamesProvider(t *testing.T) {
	f := newFixture(t)
	s := f.service(t, stuckCarrier{}, stuckFace{}, func(c *verify.Config) { c.ProviderTimeout = time.Millisecond })
	a, v := f.started(t, phoneA, purpose)
	_, err := s.CheckCarrier(f.ctx, a, v.ID, verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phoneA})
	e := wantCode(t, err, apperr.CodeUnavailable, "")
	if !strings.Contains(e.Message, "carrier-stuck") || !strings.Contains(e.Message, "运营商") {
		t.Fatalf("message %q", e.Message)
	}
	got, _ := f.s.Get(f.ctx, a, v.ID)
	if got.CarrierAttempts != 0 || len(got.Checks) != 1 || got.Checks[0].Outcome != "error" {
		t.Fatalf("after provider failure %+v", got)
	}
	// The face provider fails the same way, after a carrier pass.
	f.l2(t, a, v, phoneA)
	_, err = s.CheckFace(f.ctx, a, v.ID, pngImage(t, ""))
	if e := wantCode(t, err, apperr.CodeUnavailable, ""); !strings.Contains(e.Message, "face-stuck") {
		t.Fatalf("message %q", e.Message)
	}
	if strings.Contains(f.logs.String(), idA) || strings.Contains(f.logs.String(), phoneA) {
		t.Fatal("personal data logged")
	}
}

package identity_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestPendingTOTPShowsTheStartedEnrolmentUntilConfirmed(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	if _, ok, err := f.s.PendingTOTP(f.ctx, admin); ok || err != nil {
		t.Fatalf("before start: %v %v", ok, err)
	}
	started, err := f.s.StartTOTP(f.ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	pending, ok, err := f.s.PendingTOTP(f.ctx, admin)
	if err != nil || !ok || pending != started {
		t.Fatalf("pending %+v (%v, %v), started %+v", pending, ok, err, started)
	}
	if err := f.s.ConfirmTOTP(f.ctx, admin, code(t, pending.Secret, f.clock.Now())); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := f.s.PendingTOTP(f.ctx, admin); ok || err != nil {
		t.Fatalf("after confirm: %v %v", ok, err)
	}
	resident, _ := f.resident(t, testPhone)
	_, _, err = f.s.PendingTOTP(f.ctx, resident)
	wantCode(t, err, apperr.CodeForbidden, "")
}

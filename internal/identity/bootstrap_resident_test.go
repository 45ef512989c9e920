package identity_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestBootstrapResidentCanSignInAtOnce(t *testing.T) {
	f := newFixture(t)
	id, err := f.s.BootstrapResident(f.ctx, district, testPhone)
	if err != nil {
		t.Fatal(err)
	}
	again, err := f.s.BootstrapResident(f.ctx, district, "+86 "+testPhone)
	if err != nil || again != id {
		t.Fatalf("second bootstrap = %d, %v; want the same account %d", again, err, id)
	}
	if len(f.sms.To(testPhone)) != 0 {
		t.Fatal("bootstrapping sent an SMS")
	}
	// No rate-limit state: the first real sign-in request goes through.
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP); err != nil {
		t.Fatalf("first code request after bootstrap: %v", err)
	}
	_, err = f.s.BootstrapResident(f.ctx, district, "1234")
	wantCode(t, err, apperr.CodeInvalid, "phone")
}

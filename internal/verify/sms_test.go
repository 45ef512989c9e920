package verify_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// otherCode is a 6-digit code that differs from code.
func otherCode(code string) string {
	if code == "000000" {
		return "000001"
	}
	return "000000"
}

// sent sends v's code and returns it as texted to phone.
func (f *fixture) sent(t testing.TB, a *authz.Actor, v verify.Verification, phone string) string {
	t.Helper()
	if _, err := f.s.SendCode(f.ctx, a, v.ID); err != nil {
		t.Fatalf("send code: %v", err)
	}
	code, ok := f.sms.LastCode(phone)
	if !ok {
		t.Fatal("no code texted")
	}
	return code
}

func TestSMSCodeText(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	code := f.sent(t, a, v, phoneA)
	msgs := f.sms.To(phoneA)
	text := msgs[len(msgs)-1].Text
	for _, want := range []string{"【善治】", "身份核验", code, "5分钟"} {
		if !strings.Contains(text, want) {
			t.Errorf("the text %q lacks %q", text, want)
		}
	}
	var stored string
	if err := f.d.QueryRow(f.ctx, `SELECT sms_code_hash FROM verifications WHERE id = ?`, v.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if stored == "" || strings.Contains(stored, code) {
		t.Fatalf("the code is stored as %q", stored)
	}
	if strings.Contains(f.logs.String(), code) || strings.Contains(f.logs.String(), phoneA) {
		t.Fatal("the code or the phone was logged")
	}
}

func TestSMSCodeBeforeCarrier(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	_, err := f.s.SendCode(f.ctx, a, v.ID)
	if e := wantCode(t, err, apperr.CodeConflict, ""); !strings.Contains(e.Message, "运营商") {
		t.Fatalf("send before carrier: %q", e.Message)
	}
	_, err = f.s.CheckCode(f.ctx, a, v.ID, "123456")
	wantCode(t, err, apperr.CodeConflict, "")
	if len(f.sms.To(phoneA)) != 1 { // the sign-in code only
		t.Fatalf("%d texts to the phone", len(f.sms.To(phoneA)))
	}
	if n := f.count(t, `SELECT sms_sends + sms_attempts FROM verifications WHERE id = ?`, v.ID); n != 0 {
		t.Fatalf("refusals counted: %d", n)
	}
}

func TestSMSCodeWrongThenRight(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	_, err := f.s.CheckCode(f.ctx, a, v.ID, "123456")
	if e := wantCode(t, err, apperr.CodeInvalid, "code"); e.Fields["code"] != "请先获取短信验证码" {
		t.Fatalf("no code sent: %q", e.Fields["code"])
	}
	code := f.sent(t, a, v, phoneA)
	for _, bad := range []string{"", "12345", "1234567", "12a456", "１２３４５６"} {
		_, err := f.s.CheckCode(f.ctx, a, v.ID, bad)
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	if n := f.count(t, `SELECT sms_attempts FROM verifications WHERE id = ?`, v.ID); n != 0 {
		t.Fatalf("malformed codes counted %d tries", n)
	}
	_, err = f.s.CheckCode(f.ctx, a, v.ID, otherCode(code))
	if e := wantCode(t, err, apperr.CodeInvalid, "code"); e.Fields["code"] != "验证码不正确，还可以尝试4次" {
		t.Fatalf("wrong code: %q", e.Fields["code"])
	}
	got, err := f.s.CheckCode(f.ctx, a, v.ID, " "+code+" ")
	if err != nil || got.Achieved() != verify.L2 || got.SMS.PassedAt == nil || got.NextStep() != "face" {
		t.Fatalf("right code: %+v, %v", got, err)
	}
	// The code works once; the step is done.
	_, err = f.s.CheckCode(f.ctx, a, v.ID, code)
	wantCode(t, err, apperr.CodeConflict, "")
	_, err = f.s.SendCode(f.ctx, a, v.ID)
	wantCode(t, err, apperr.CodeConflict, "")
}

func TestSMSCodeExpired(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	code := f.sent(t, a, v, phoneA)
	f.clock.Advance(5 * time.Minute)
	_, err := f.s.CheckCode(f.ctx, a, v.ID, code)
	if e := wantCode(t, err, apperr.CodeInvalid, "code"); !strings.Contains(e.Message, "已过期") {
		t.Fatalf("expired code: %q", e.Message)
	}
	// A new code works, the old one not.
	fresh := f.sent(t, a, v, phoneA)
	if fresh != code {
		_, err = f.s.CheckCode(f.ctx, a, v.ID, code)
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	if _, err := f.s.CheckCode(f.ctx, a, v.ID, fresh); err != nil {
		t.Fatalf("fresh code: %v", err)
	}
}

func TestSMSCodeTooManyTries(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	code := f.sent(t, a, v, phoneA)
	for i := 1; i <= 4; i++ {
		_, err := f.s.CheckCode(f.ctx, a, v.ID, otherCode(code))
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	_, err := f.s.CheckCode(f.ctx, a, v.ID, otherCode(code))
	if e := wantCode(t, err, apperr.CodeTooMany, ""); !strings.Contains(e.Message, "次数过多") {
		t.Fatalf("fifth wrong code: %q", e.Message)
	}
	// Burnt: even the right code no longer passes.
	_, err = f.s.CheckCode(f.ctx, a, v.ID, code)
	wantCode(t, err, apperr.CodeTooMany, "")
	if got, _ := f.s.Get(f.ctx, a, v.ID); got.SMS.Passed() || got.SMSAttempts != 5 {
		t.Fatalf("after five wrong codes %+v", got)
	}
	// A new code, after the gap, restarts the tries.
	f.clock.Advance(time.Minute)
	fresh := f.sent(t, a, v, phoneA)
	if got, err := f.s.CheckCode(f.ctx, a, v.ID, fresh); err != nil || got.Achieved() != verify.L2 {
		t.Fatalf("fresh code: %+v %v", got, err)
	}
}

func TestSMSCodeResendLimits(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	f.sent(t, a, v, phoneA)
	f.clock.Advance(59 * time.Second)
	_, err := f.s.SendCode(f.ctx, a, v.ID)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); !strings.Contains(e.Message, "1秒后") {
		t.Fatalf("resend too soon: %q", e.Message)
	}
	for range 4 {
		f.clock.Advance(time.Minute)
		f.sent(t, a, v, phoneA)
	}
	f.clock.Advance(time.Minute)
	_, err = f.s.SendCode(f.ctx, a, v.ID)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); !strings.Contains(e.Message, "上限") {
		t.Fatalf("sixth code: %q", e.Message)
	}
	if n := f.count(t, `SELECT sms_sends FROM verifications WHERE id = ?`, v.ID); n != 5 {
		t.Fatalf("%d codes counted", n)
	}
	if got := len(f.sms.To(phoneA)); got != 6 { // sign-in + 5
		t.Fatalf("%d texts", got)
	}
}

func TestSMSCodeSendFailureGivesTheSendBack(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	f.sms.Fail(errors.New("gateway down"))
	_, err := f.s.SendCode(f.ctx, a, v.ID)
	wantCode(t, err, apperr.CodeUnavailable, "")
	f.sms.Fail(nil)
	if n := f.count(t, `SELECT sms_sends FROM verifications WHERE id = ?`, v.ID); n != 0 {
		t.Fatalf("a failed send counted: %d", n)
	}
	_, err = f.s.CheckCode(f.ctx, a, v.ID, "123456")
	wantCode(t, err, apperr.CodeInvalid, "code")
	f.clock.Advance(time.Minute)
	code := f.sent(t, a, v, phoneA)
	if _, err := f.s.CheckCode(f.ctx, a, v.ID, code); err != nil {
		t.Fatal(err)
	}
}

// TestSMSCodeOfAnotherVerification: a code fits only its own
// verification, even of the same account and phone.
func TestSMSCodeOfAnotherVerification(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	w, err := f.s.Start(f.ctx, a, "application:2048")
	if err != nil {
		t.Fatal(err)
	}
	f.carrierOK(t, a, v, phoneA)
	f.carrierOK(t, a, w, phoneA)
	code := f.sent(t, a, v, phoneA)
	if _, err := f.s.SendCode(f.ctx, a, w.ID); err != nil {
		t.Fatal(err)
	}
	codeW, _ := f.sms.LastCode(phoneA)
	if code != codeW {
		_, err = f.s.CheckCode(f.ctx, a, w.ID, code)
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	if _, err := f.s.CheckCode(f.ctx, a, v.ID, code); err != nil {
		t.Fatalf("own code: %v", err)
	}
}

// TestLevelComputation: L2 needs the carrier check and the SMS code, L3
// the face match too; a step without those before it counts for nothing.
func TestLevelComputation(t *testing.T) {
	at := time.Now()
	for _, c := range []struct {
		carrier, sms, face bool
		want               verify.Level
		next               string
	}{
		{false, false, false, verify.L1, "carrier"},
		{true, false, false, verify.L1, "sms"},
		{false, true, false, verify.L1, "carrier"},
		{true, true, false, verify.L2, "face"},
		{true, false, true, verify.L1, "sms"},
		{true, true, true, verify.L3, ""},
	} {
		var v verify.Verification
		if c.carrier {
			v.Carrier.PassedAt = &at
		}
		if c.sms {
			v.SMS.PassedAt = &at
		}
		if c.face {
			v.Face.PassedAt = &at
		}
		if got := v.Achieved(); got != c.want || v.NextStep() != c.next {
			t.Errorf("carrier %v, sms %v, face %v: %v next %q; want %v next %q",
				c.carrier, c.sms, c.face, got, v.NextStep(), c.want, c.next)
		}
	}
}

// TestWithSMS: a copy of the service sends its codes by another sender
// (the demo's recorder); the original's sender gets none.
func TestWithSMS(t *testing.T) {
	f := newFixture(t)
	rec := notify.NewRecordingSMS()
	s := f.s.WithSMS(rec)
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	if _, err := s.SendCode(f.ctx, a, v.ID); err != nil {
		t.Fatal(err)
	}
	code, ok := rec.LastCode(phoneA)
	if !ok || len(f.sms.To(phoneA)) != 1 {
		t.Fatalf("the copy's code went to the original sender (recorded %v)", ok)
	}
	if got, err := f.s.CheckCode(f.ctx, a, v.ID, code); err != nil || got.Achieved() != verify.L2 {
		t.Fatalf("check: %+v %v", got, err)
	}
}

// TestSMSCodeWithoutSender: a service wired without an SMS sender says the
// step is unavailable and counts nothing.
func TestSMSCodeWithoutSender(t *testing.T) {
	f := newFixture(t)
	s := f.service(t, verify.NewCarrierSimulator(), verify.NewFaceSimulator(), func(c *verify.Config) { c.SMS = nil })
	a, v := f.started(t, phoneA, purpose)
	f.carrierOK(t, a, v, phoneA)
	_, err := s.SendCode(f.ctx, a, v.ID)
	wantCode(t, err, apperr.CodeUnavailable, "")
	if n := f.count(t, `SELECT sms_sends FROM verifications WHERE id = ?`, v.ID); n != 0 {
		t.Fatalf("%d sends counted", n)
	}
}

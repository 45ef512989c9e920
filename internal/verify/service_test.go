package verify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

const purpose = "application:1024"

func TestFullVerification(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	if v.ID == "" || v.Achieved() != verify.L1 || !v.ExpiresAt.Equal(start.Add(30*time.Minute)) {
		t.Fatalf("started %+v", v)
	}
	level := func(want verify.Level) {
		t.Helper()
		if got, err := f.s.Level(f.ctx, a, purpose); err != nil || got != want {
			t.Fatalf("level = %v, %v; want %v", got, err, want)
		}
	}
	level(verify.L1)
	v = f.carrierOK(t, a, v, "+86 138 1234 5678")
	if v.Achieved() != verify.L1 || v.NextStep() != "sms" {
		t.Fatalf("the carrier check alone reached %v, next %q", v.Achieved(), v.NextStep())
	}
	level(verify.L1)
	v = f.smsOK(t, a, v, phoneA)
	if v.Achieved() != verify.L2 || v.SMS.PassedAt == nil || v.Carrier.Provider != verify.CarrierSimulatorName || v.Carrier.PassedAt == nil ||
		v.Name.Masked() != "张*" || v.IDNumber.Masked() != "320113********"+idA[14:] || v.Phone.Masked() != "138****5678" {
		t.Fatalf("after carrier %+v", v)
	}
	level(verify.L2)
	v, err := f.s.CheckFace(f.ctx, a, v.ID, jpegImage(t))
	if err != nil || v.Achieved() != verify.L3 || v.FaceScore != 0.93 || len(v.Checks) != 2 ||
		v.Checks[0].Outcome != "match" || v.Checks[1].Outcome != "pass" {
		t.Fatalf("after face %+v, %v", v, err)
	}
	level(verify.L3)
	if _, err := f.s.Require(f.ctx, a, purpose, verify.L3); err != nil {
		t.Fatal(err)
	}
	// Personal data is encrypted at rest and never logged.
	var idEnc, nameEnc string
	if err := f.d.QueryRow(f.ctx, `SELECT id_number_enc, name_enc FROM verifications WHERE id = ?`, v.ID).Scan(&idEnc, &nameEnc); err != nil {
		t.Fatal(err)
	}
	code, _ := f.sms.LastCode(phoneA)
	for _, leak := range []string{idA, "张三", phoneA, code} {
		if strings.Contains(idEnc+nameEnc, leak) || strings.Contains(f.logs.String(), leak) {
			t.Fatalf("%s stored or logged in clear", leak)
		}
	}
}

func TestCarrierBadInputCountsNoAttempt(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	cases := []struct {
		name  string
		in    verify.CarrierInput
		field string
	}{
		{"wrong check digit", verify.CarrierInput{Name: "张三", IDNumber: idBadCheck, Phone: phoneA}, "id_number"},
		{"no name", verify.CarrierInput{Name: " ", IDNumber: idA, Phone: phoneA}, "name"},
		{"name with digits", verify.CarrierInput{Name: "张3", IDNumber: idA, Phone: phoneA}, "name"},
		{"bad phone", verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: "12345"}, "phone"},
		{"another phone than the sign-in one", verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phoneB}, "phone"},
	}
	for _, c := range cases {
		_, err := f.s.CheckCarrier(f.ctx, a, v.ID, c.in)
		e := wantCode(t, err, apperr.CodeInvalid, c.field)
		if c.name == "wrong check digit" && !strings.Contains(e.Message, "校验位") {
			t.Errorf("message %q", e.Message)
		}
	}
	if n := f.count(t, `SELECT carrier_attempts FROM verifications WHERE id = ?`, v.ID); n != 0 {
		t.Fatalf("attempts counted for bad input: %d", n)
	}
}

func TestCarrierFailuresAndExhaustion(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneTaken, purpose)
	for i := 1; i <= 5; i++ {
		_, err := f.s.CheckCarrier(f.ctx, a, v.ID, verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phoneTaken})
		e := wantCode(t, err, apperr.CodeInvalid, "")
		if i < 5 && !strings.Contains(e.Message, "还可尝试") {
			t.Fatalf("attempt %d: %q", i, e.Message)
		}
	}
	_, err := f.s.CheckCarrier(f.ctx, a, v.ID, verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phoneTaken})
	wantCode(t, err, apperr.CodeTooMany, "")
	got, _ := f.s.Get(f.ctx, a, v.ID)
	if got.CarrierAttempts != 5 || len(got.Checks) != 5 || got.Checks[0].Outcome != "mismatch" || got.Achieved() != verify.L1 {
		t.Fatalf("after failures %+v", got)
	}

	a2, v2 := f.started(t, phoneGone, purpose)
	_, err = f.s.CheckCarrier(f.ctx, a2, v2.ID, verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phoneGone})
	wantCode(t, err, apperr.CodeInvalid, "phone")
}

func TestFaceChecks(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	_, err := f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, ""))
	if e := wantCode(t, err, apperr.CodeConflict, ""); !strings.Contains(e.Message, "运营商") {
		t.Fatalf("face before carrier: %q", e.Message)
	}
	f.carrierOK(t, a, v, phoneA)
	_, err = f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, ""))
	if e := wantCode(t, err, apperr.CodeConflict, ""); !strings.Contains(e.Message, "短信验证码") {
		t.Fatalf("face before the SMS code: %q", e.Message)
	}
	f.smsOK(t, a, v, phoneA)
	// Bad images count no attempt.
	_, err = f.s.CheckFace(f.ctx, a, v.ID, []byte("not an image at all"))
	wantCode(t, err, apperr.CodeInvalid, "image")
	_, err = f.s.CheckFace(f.ctx, a, v.ID, append(pngImage(t, ""), make([]byte, 1<<20)...))
	if e := wantCode(t, err, apperr.CodeInvalid, "image"); !strings.Contains(e.Message, "1 MB") {
		t.Fatalf("oversize: %q", e.Message)
	}
	for i := 1; i <= 5; i++ {
		_, err = f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, verify.FaceMarkerFail))
		wantCode(t, err, apperr.CodeInvalid, "image")
	}
	_, err = f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, ""))
	wantCode(t, err, apperr.CodeTooMany, "")
	got, _ := f.s.Get(f.ctx, a, v.ID)
	if got.FaceAttempts != 5 || got.Achieved() != verify.L2 {
		t.Fatalf("after failures %+v", got)
	}
}

func TestFaceThresholdAndNoPhoto(t *testing.T) {
	f := newFixture(t, func(c *verify.Config) { c.FaceThreshold = 0.9 })
	a, v := f.started(t, phoneA, purpose)
	f.l2(t, a, v, phoneA)
	_, err := f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, verify.FaceMarkerScore+"0.89"))
	wantCode(t, err, apperr.CodeInvalid, "image")
	if got, err := f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, verify.FaceMarkerScore+"0.90")); err != nil || got.Achieved() != verify.L3 {
		t.Fatalf("at threshold: %+v, %v", got, err)
	}

	b, w := f.started(t, phoneB, purpose)
	if _, err := f.s.CheckCarrier(f.ctx, b, w.ID, verify.CarrierInput{Name: "王五", IDNumber: idNoPhoto, Phone: phoneB}); err != nil {
		t.Fatal(err)
	}
	f.smsOK(t, b, w, phoneB)
	_, err = f.s.CheckFace(f.ctx, b, w.ID, pngImage(t, ""))
	if e := wantCode(t, err, apperr.CodeInvalid, ""); !strings.Contains(e.Message, "照片") {
		t.Fatalf("no photo: %q", e.Message)
	}
}

func TestExpiredVerification(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.l2(t, a, v, phoneA)
	f.clock.Advance(30 * time.Minute)
	_, err := f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, ""))
	if e := wantCode(t, err, apperr.CodeConflict, ""); !strings.Contains(e.Message, "有效期") {
		t.Fatalf("expired face: %q", e.Message)
	}
	_, err = f.s.Require(f.ctx, a, purpose, verify.L2)
	if e := wantCode(t, err, apperr.CodeForbidden, "verification"); !strings.Contains(e.Message, "有效期") {
		t.Fatalf("expired require: %q", e.Message)
	}
	if l, _ := f.s.Level(f.ctx, a, purpose); l != verify.L1 {
		t.Fatalf("level after expiry %v", l)
	}
	err = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		_, err := f.s.Consume(f.ctx, tx, a, v.ID, purpose, verify.L2)
		return err
	})
	wantCode(t, err, apperr.CodeForbidden, "verification")
}

func TestRequireNamesMissingStep(t *testing.T) {
	f := newFixture(t)
	a, _ := f.resident(t, phoneA)
	_, err := f.s.Require(f.ctx, a, purpose, verify.L2)
	if e := wantCode(t, err, apperr.CodeForbidden, "verification"); !strings.Contains(e.Message, "请先完成身份核验") {
		t.Fatalf("none started: %q", e.Message)
	}
	v, _ := f.s.Start(f.ctx, a, purpose)
	if _, err := f.s.Require(f.ctx, a, purpose, verify.L1); err != nil {
		t.Fatalf("L1: %v", err)
	}
	_, err = f.s.Require(f.ctx, a, purpose, verify.L2)
	if e := wantCode(t, err, apperr.CodeForbidden, "verification"); !strings.Contains(e.Message, "运营商三要素") {
		t.Fatalf("missing carrier: %q", e.Message)
	}
	f.carrierOK(t, a, v, phoneA)
	for _, l := range []verify.Level{verify.L2, verify.L3} {
		_, err = f.s.Require(f.ctx, a, purpose, l)
		if e := wantCode(t, err, apperr.CodeForbidden, "verification"); !strings.Contains(e.Message, "短信验证码") {
			t.Fatalf("%v missing the SMS code: %q", l, e.Message)
		}
	}
	f.smsOK(t, a, v, phoneA)
	if _, err := f.s.Require(f.ctx, a, purpose, verify.L2); err != nil {
		t.Fatalf("L2 after carrier and code: %v", err)
	}
	_, err = f.s.Require(f.ctx, a, purpose, verify.L3)
	if e := wantCode(t, err, apperr.CodeForbidden, "verification"); !strings.Contains(e.Message, "人脸识别") {
		t.Fatalf("missing face: %q", e.Message)
	}
	_, err = f.s.Require(f.ctx, a, purpose, verify.Level(4))
	wantCode(t, err, apperr.CodeInvalid, "level")
}

func TestConsumeSingleUseForItsPurpose(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	f.l2(t, a, v, phoneA)
	consume := func(ref string) (verify.Verification, error) {
		var got verify.Verification
		err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
			var err error
			got, err = f.s.Consume(f.ctx, tx, a, v.ID, ref, verify.L2)
			return err
		})
		return got, err
	}
	_, err := consume("application:2048")
	if e := wantCode(t, err, apperr.CodeConflict, ""); !strings.Contains(e.Message, "其他事项") {
		t.Fatalf("other purpose: %q", e.Message)
	}
	_, err = f.s.Require(f.ctx, a, "application:2048", verify.L2)
	wantCode(t, err, apperr.CodeForbidden, "verification")
	got, err := consume(purpose)
	if err != nil || got.UsedAt == nil || got.IDNumber.Reveal() != idA {
		t.Fatalf("consume: %+v, %v", got, err)
	}
	_, err = consume(purpose)
	wantCode(t, err, apperr.CodeConflict, "")
	_, err = f.s.Require(f.ctx, a, purpose, verify.L2)
	wantCode(t, err, apperr.CodeForbidden, "verification")
	_, err = f.s.CheckFace(f.ctx, a, v.ID, pngImage(t, ""))
	wantCode(t, err, apperr.CodeConflict, "")
}

func TestStartBadPurpose(t *testing.T) {
	f := newFixture(t)
	a, _ := f.resident(t, phoneA)
	for _, p := range []string{"", "   ", strings.Repeat("长", 101), "a\x00b"} {
		_, err := f.s.Start(f.ctx, a, p)
		wantCode(t, err, apperr.CodeInvalid, "purpose")
	}
	if n := f.count(t, `SELECT COUNT(*) FROM verifications`); n != 0 {
		t.Fatalf("%d verifications written", n)
	}
}

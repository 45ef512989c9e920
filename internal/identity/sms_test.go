package identity_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestResidentSignsInBySMS(t *testing.T) {
	f := newFixture(t)
	if err := f.s.RequestSMSCode(f.ctx, district, "+86 138-1234-5678", testIP); err != nil {
		t.Fatal(err)
	}
	msgs := f.sms.To(testPhone)
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Text, "【善治】您的登录验证码为") || !strings.Contains(msgs[0].Text, "5分钟") {
		t.Fatalf("messages %+v", msgs)
	}
	code, _ := f.sms.LastCode(testPhone)
	// Only a keyed hash of the code is stored.
	var stored string
	if err := f.d.QueryRow(f.ctx, `SELECT code_hash FROM sms_codes`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "i1:") || len(stored) != len("i1:")+64 || stored == code {
		t.Fatalf("code stored as %q", stored)
	}
	sess, token, err := f.s.LoginResident(f.ctx, district, testPhone, code, testIP)
	if err != nil {
		t.Fatal(err)
	}
	actor := f.lookup(t, token)
	if actor.Kind != authz.KindResident || actor.AccountID != sess.AccountID || actor.Name != "138****5678" ||
		len(actor.Grants) != 1 || actor.Grants[0] != (authz.Grant{Role: authz.RoleResident, Scope: authz.Self(actor.AccountID)}) {
		t.Fatalf("actor %+v", actor)
	}
	// The code works once.
	_, _, err = f.s.LoginResident(f.ctx, district, testPhone, code, testIP)
	wantCode(t, err, apperr.CodeInvalid, "code")
	// The second sign-in finds the same account through the blind index.
	f.clock.Advance(time.Minute)
	again, _ := f.resident(t, testPhone)
	if again.AccountID != actor.AccountID {
		t.Fatalf("second sign-in made account %d, first %d", again.AccountID, actor.AccountID)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM accounts WHERE kind = 'resident'`); n != 1 {
		t.Fatalf("%d resident accounts", n)
	}
	if n := f.auditCount(t, "identity.resident.create"); n != 1 {
		t.Fatalf("%d creation audits", n)
	}
	if n := f.auditCount(t, "identity.session.create"); n != 2 {
		t.Fatalf("%d sign-in audits", n)
	}
}

func TestSMSCodeGuessingBurnsTheCode(t *testing.T) {
	f := newFixture(t)
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP); err != nil {
		t.Fatal(err)
	}
	good, _ := f.sms.LastCode(testPhone)
	bad := wrongCode(good)
	for left := 4; left >= 1; left-- {
		_, _, err := f.s.LoginResident(f.ctx, district, testPhone, bad, testIP)
		e := wantCode(t, err, apperr.CodeInvalid, "code")
		if want := fmt.Sprintf("验证码错误，还可尝试%d次", left); e.Message != want {
			t.Fatalf("message %q, want %q", e.Message, want)
		}
	}
	// The fifth wrong guess burns the code; another node sees it burnt.
	_, _, err := f.s.LoginResident(f.ctx, district, testPhone, bad, testIP)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); e.Message != "验证码错误次数过多，已失效，请重新获取" {
		t.Fatalf("burn message %q", e.Message)
	}
	_, _, err = f.service(t, nil).LoginResident(f.ctx, district, testPhone, good, testIP)
	wantCode(t, err, apperr.CodeTooMany, "")
	if n := f.count(t, `SELECT COUNT(*) FROM accounts`); n != 0 {
		t.Fatalf("%d accounts after a burnt code", n)
	}
	// A new code works again after the gap.
	f.clock.Advance(time.Minute)
	f.resident(t, testPhone)
}

func TestSMSCodeExpires(t *testing.T) {
	f := newFixture(t)
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP); err != nil {
		t.Fatal(err)
	}
	code, _ := f.sms.LastCode(testPhone)
	f.clock.Advance(5 * time.Minute)
	_, _, err := f.s.LoginResident(f.ctx, district, testPhone, code, testIP)
	if e := wantCode(t, err, apperr.CodeInvalid, "code"); e.Message != "验证码已失效，请重新获取" {
		t.Fatalf("message %q", e.Message)
	}
}

func TestNewCodeReplacesTheOldOne(t *testing.T) {
	f := newFixture(t)
	_ = f.s.RequestSMSCode(f.ctx, district, testPhone, testIP)
	first, _ := f.sms.LastCode(testPhone)
	f.clock.Advance(61 * time.Second)
	_ = f.s.RequestSMSCode(f.ctx, district, testPhone, testIP)
	second, _ := f.sms.LastCode(testPhone)
	if first != second {
		_, _, err := f.s.LoginResident(f.ctx, district, testPhone, first, testIP)
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	if _, _, err := f.s.LoginResident(f.ctx, district, testPhone, second, testIP); err != nil {
		t.Fatal(err)
	}
}

func TestSMSRequestsAreRateLimitedPerPhone(t *testing.T) {
	f := newFixture(t)
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(20 * time.Second)
	// Another node, another address: the phone's gap still holds.
	err := f.service(t, nil).RequestSMSCode(f.ctx, district, testPhone, otherIP)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); e.Message != "获取验证码过于频繁，请在40秒后重试" {
		t.Fatalf("gap message %q", e.Message)
	}
	if n := len(f.sms.To(testPhone)); n != 1 {
		t.Fatalf("%d messages sent", n)
	}
	// Ten a day: nine more after each gap, then refused until the window ends.
	for i := 2; i <= 10; i++ {
		f.clock.Advance(61 * time.Second)
		if err := f.s.RequestSMSCode(f.ctx, district, testPhone, fmt.Sprintf("10.0.0.%d", i)); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	f.clock.Advance(61 * time.Second)
	err = f.s.RequestSMSCode(f.ctx, district, testPhone, otherIP)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); !strings.HasPrefix(e.Message, "该手机号获取验证码次数已达上限，请于3月3日 09:00后再试") {
		t.Fatalf("daily message %q", e.Message)
	}
	f.clock.Set(start.Add(24 * time.Hour))
	if err := f.s.RequestSMSCode(f.ctx, district, testPhone, otherIP); err != nil {
		t.Fatalf("next day: %v", err)
	}
	// Other phones are not affected.
	if err := f.s.RequestSMSCode(f.ctx, district, otherPhone, otherIP); err != nil {
		t.Fatal(err)
	}
}

func TestSMSRequestsAreRateLimitedPerAddress(t *testing.T) {
	f := newFixture(t)
	nodes := []*identity.Service{f.s, f.service(t, nil)}
	for i := range 30 {
		phone := fmt.Sprintf("1390000%04d", i)
		if err := nodes[i%2].RequestSMSCode(f.ctx, district, phone, testIP); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	err := f.s.RequestSMSCode(f.ctx, district, "13900009999", testIP)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); e.Message != "当前网络获取验证码过于频繁，请稍后再试" {
		t.Fatalf("message %q", e.Message)
	}
	// A refused request counts nothing: the phone may still ask elsewhere.
	if err := f.s.RequestSMSCode(f.ctx, district, "13900009999", otherIP); err != nil {
		t.Fatalf("other address: %v", err)
	}
	f.clock.Advance(time.Hour)
	if err := f.s.RequestSMSCode(f.ctx, district, "13900009998", testIP); err != nil {
		t.Fatalf("after an hour: %v", err)
	}
}

func TestCodeChecksAreRateLimitedPerAddress(t *testing.T) {
	f := newFixture(t, func(c *identity.Config) { c.SMSVerifyIPHourly = 3 })
	_ = f.s.RequestSMSCode(f.ctx, district, testPhone, testIP)
	good, _ := f.sms.LastCode(testPhone)
	for range 3 {
		_, _, err := f.s.LoginResident(f.ctx, district, testPhone, wrongCode(good), testIP)
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	_, _, err := f.s.LoginResident(f.ctx, district, testPhone, good, testIP)
	if e := wantCode(t, err, apperr.CodeTooMany, ""); e.Message != "当前网络验证次数过多，请稍后再试" {
		t.Fatalf("message %q", e.Message)
	}
	if _, _, err := f.s.LoginResident(f.ctx, district, testPhone, good, otherIP); err != nil {
		t.Fatalf("other address: %v", err)
	}
}

func TestSMSBadInput(t *testing.T) {
	f := newFixture(t)
	for _, p := range []string{"", "12345678901", "1381234567", "phone", strings.Repeat("1", 40), "<script>"} {
		err := f.s.RequestSMSCode(f.ctx, district, p, testIP)
		wantCode(t, err, apperr.CodeInvalid, "phone")
	}
	err := f.s.RequestSMSCode(f.ctx, "3201", testPhone, testIP)
	wantCode(t, err, apperr.CodeInvalid, "district")
	for _, c := range []string{"", "12345", "1234567", "abcdef", "' OR 1=1"} {
		_, _, err := f.s.LoginResident(f.ctx, district, testPhone, c, testIP)
		wantCode(t, err, apperr.CodeInvalid, "code")
	}
	if len(f.sms.Messages()) != 0 {
		t.Fatal("a message was sent for bad input")
	}
}

func TestSMSGatewayFailure(t *testing.T) {
	f := newFixture(t)
	f.sms.Fail(errors.New("gateway down"))
	err := f.s.RequestSMSCode(f.ctx, district, testPhone, testIP)
	if e := wantCode(t, err, apperr.CodeUnavailable, ""); e.Message != "短信发送失败，请稍后重试" {
		t.Fatalf("message %q", e.Message)
	}
}

func TestDisabledResidentCannotSignIn(t *testing.T) {
	f := newFixture(t)
	admin := f.bootstrapAdmin(t)
	resident, token := f.resident(t, testPhone)
	if err := f.s.SetStatus(f.ctx, admin, resident.AccountID, identity.StatusDisabled); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.s.Lookup(f.ctx, token); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Fatalf("disabled session still valid: %v", err)
	}
	f.clock.Advance(time.Minute)
	_ = f.s.RequestSMSCode(f.ctx, district, testPhone, testIP)
	code, _ := f.sms.LastCode(testPhone)
	_, _, err := f.s.LoginResident(f.ctx, district, testPhone, code, testIP)
	wantCode(t, err, apperr.CodeForbidden, "")
}

func TestConcurrentCodeRequestsSendOne(t *testing.T) {
	f := newFixture(t)
	nodes := []*identity.Service{f.s, f.service(t, nil), f.service(t, nil)}
	const n = 9
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs <- nodes[i%len(nodes)].RequestSMSCode(f.ctx, district, testPhone, testIP) })
	}
	wg.Wait()
	close(errs)
	sent := 0
	for err := range errs {
		switch {
		case err == nil:
			sent++
		case apperr.CodeOf(err) != apperr.CodeTooMany:
			t.Fatalf("unexpected error: %v", err)
		}
	}
	if sent != 1 || len(f.sms.To(testPhone)) != 1 {
		t.Fatalf("%d requests succeeded, %d messages sent; want exactly one", sent, len(f.sms.To(testPhone)))
	}
}

package e2e

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app"
)

// lockedMessage is identity's lockout refusal, ending with the China-time
// minute the lock lifts.
var lockedMessage = regexp.MustCompile(`^密码错误次数过多，账号已锁定至 \d\d:\d\d$`)

// TestStaffLockedOutAfterFiveWrongPasswords types five wrong passwords
// for the leader: the first four say only that the credentials are wrong,
// the fifth locks the account, and the sixth try is refused with the lock
// message even with the right password.
func TestStaffLockedOutAfterFiveWrongPasswords(t *testing.T) {
	s := startSite(t)
	tb := newBrowser(t, s.URL, desktopScreen)

	for try := 1; try <= 5; try++ {
		tb.open("/console/login")
		status := signInStaff(tb, "leader", "Wrong-password-1")
		alert := tb.text(`[role="alert"]`)
		switch {
		case try < 5 && (status != http.StatusUnauthorized || alert != "用户名或密码错误"):
			t.Fatalf("wrong password %d: %d %q, want 401 用户名或密码错误", try, status, alert)
		case try == 5 && (status != http.StatusTooManyRequests || !lockedMessage.MatchString(alert)):
			t.Fatalf("wrong password %d: %d %q, want 429 and the lock message", try, status, alert)
		}
	}

	tb.open("/console/login")
	status := signInStaff(tb, "leader", app.DemoPassword)
	if alert := tb.text(`[role="alert"]`); status != http.StatusTooManyRequests || !lockedMessage.MatchString(alert) {
		t.Fatalf("the sixth try, with the right password: %d %q, want 429 and the lock message", status, alert)
	}
	if p := tb.path(); p != "/console/login" {
		t.Fatalf("the locked leader got to %s", p)
	}
	tb.screenshot("e2e-lockout")
}

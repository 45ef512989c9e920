package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// The demo items of the journeys: 个体工商户设立登记, whose guide offers it
// bundled (证照联办) with 食品经营许可（新办）, which allows 告知承诺.
const (
	itemSoleTrader = "012300100001-320113"
	itemFood       = "012300300001-320113"
)

// signInResident signs a resident in on tb by SMS, with the code the
// site's recording SMS adapter received, and expects /account.
func signInResident(tb *tab, s *site, phone string) {
	tb.t.Helper()
	tb.open("/login")
	tb.do("enter the phone number", chromedp.SendKeys(chromedp.CSS(`input[name="phone"]`), phone))
	if got := tb.follow("request the code", tap(`form[action="/login/sms-code"] button[type="submit"]`)); got != http.StatusOK {
		tb.failed("request the code", pageError{got, tb.texts(`[role="alert"]`)})
	}
	if _, ok := s.SMS.WaitFor(phone, func(m notify.SMS) bool { return strings.Contains(m.Text, "登录验证码") }, 5*time.Second); !ok {
		tb.t.Fatalf("no sign-in code was texted to %s", phone)
	}
	code, ok := s.SMS.LastCode(phone)
	if !ok {
		tb.t.Fatalf("no 6-digit code texted to %s", phone)
	}
	tb.do("enter the code", chromedp.SendKeys(chromedp.CSS(`input[name="code"]`), code))
	tb.follow("sign in", tap(`form[action="/login/resident"] button[type="submit"]`))
	if p := tb.path(); p != "/account" {
		tb.failed("sign in by SMS", unexpected("landed on "+p))
	}
}

// pageError is what a page showed when a step did not lead where it
// should: its HTTP status, when that matters, and its texts.
type pageError struct {
	status int64
	said   []string
}

func (e pageError) Error() string {
	msg := strings.Join(e.said, " / ")
	if e.status != 0 {
		msg = fmt.Sprintf("HTTP %d: %s", e.status, msg)
	}
	return msg
}

// unexpected is a pageError without a status.
func unexpected(said ...string) error { return pageError{said: said} }

// typeInto clears a text field and types text into it, key by key, as a
// person on a phone keyboard would (so the page's autosave sees input
// events).
func typeInto(selector, text string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(chromedp.Clear(chromedp.CSS(selector)), chromedp.SendKeys(chromedp.CSS(selector), text))
}

// pick taps the radio button or checkbox name=value.
func pick(name, value string) chromedp.Action[chromedp.Void] {
	return tap(`input[name="` + name + `"][value="` + value + `"]`)
}

// tap scrolls the element matching selector to the middle of the screen,
// as a person would before tapping it, and clicks it there. Clicking where
// the browser merely scrolls it into view can leave it under the phone
// page's fixed tab bar or the form's sticky buttons, which then take the
// click.
func tap(selector string) chromedp.Action[chromedp.Void] {
	quoted, _ := json.Marshal(selector)
	centre := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(e => !!e && (e.scrollIntoView({block: "center"}), true))(document.querySelector(`+
			string(quoted)+`))`)(ctx, t)
		return err
	})
	return chromedp.Steps(chromedp.WaitReady(chromedp.CSS(selector)), centre, chromedp.Click(chromedp.CSS(selector)))
}

// upload attaches a file on disk to the file input named name.
func upload(name, path string) chromedp.Action[chromedp.Void] {
	return chromedp.SetUploadFiles(chromedp.CSS(`input[type="file"][name="`+name+`"]`), []string{path})
}

// checked tells whether the radio button or checkbox name=value is ticked.
func checked(tb *tab, name, value string) bool {
	tb.t.Helper()
	got := tb.texts(`input[name="` + name + `"][value="` + value + `"]:checked`)
	return len(got) == 1
}

// saveFile writes data to a file named name in a test folder and returns
// its path, for the browser's file chooser.
func saveFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// smallPDF is a minimal file that is a PDF by its content, as the upload
// check sniffs it.
var smallPDF = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// facePhoto is a small PNG; the face simulator matches any image without
// its failure marker.
func facePhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for x := range 64 {
		for y := range 64 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 4), 128, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// personID is a valid ID number (GB 11643, right check digit) of a
// Qixia-born person.
func personID(seq int) string {
	return check.MakeIDNumber("320113", time.Date(1988, 5, 17, 0, 0, 0, 0, time.UTC), seq)
}

var appIDInEditPath = regexp.MustCompile(`^/my/applications/(\d+)/edit`)

// appIDFrom reads the application id from the edit page's address.
func appIDFrom(tb *tab) string {
	tb.t.Helper()
	p := tb.path()
	m := appIDInEditPath.FindStringSubmatch(p)
	if m == nil {
		tb.failed("read the application id", unexpected("not an edit page: "+p))
	}
	return m[1]
}

// verifyIdentity does the submit page's identity steps on tb: the
// carrier's real-name check of name, ID number and phone, the fresh SMS
// code (read from the site's recording SMS adapter, as the sign-in does),
// then the face match with the photo at facePath. It ends on the submit
// page with the verification done.
func verifyIdentity(tb *tab, s *site, name, idNumber, phone, facePath string) {
	tb.t.Helper()
	tb.follow("tap 开始身份核验", tap(`form[action$="/verify/start"] button[type="submit"]`))
	tb.do("fill in the real-name check",
		typeInto(`#v-name`, name), typeInto(`#v-id`, idNumber), typeInto(`#v-phone`, phone))
	tb.follow("tap 核验实名信息", tap(`form[action$="/verify/carrier"] button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"]`); len(alerts) > 0 {
		tb.failed("the real-name check", unexpected(alerts...))
	}
	verifyCode(tb, s, phone)
	tb.do("take the face photo", upload("image", facePath))
	tb.follow("tap 上传照片并比对", tap(`form[action$="/verify/face"] button[type="submit"]`))
	if done := tb.texts(`.alert-ok[role="status"]`); len(done) != 1 || !strings.HasPrefix(done[0], "身份核验已完成") {
		tb.failed("the face match", unexpected(append(done, tb.texts(`[role="alert"], .error`)...)...))
	}
}

// verifyCode does the SMS code step of the verification: asks for the
// code, reads it from the site's recording SMS adapter and enters it.
func verifyCode(tb *tab, s *site, phone string) {
	tb.t.Helper()
	before := len(s.SMS.To(phone))
	tb.follow("tap 获取短信验证码", tap(`form[action$="/verify/sms"] button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"]`); len(alerts) > 0 {
		tb.failed("ask for the verification code", unexpected(alerts...))
	}
	if len(s.SMS.To(phone)) != before+1 {
		tb.t.Fatalf("no verification code was texted to %s", phone)
	}
	msg, _ := s.SMS.WaitFor(phone, func(m notify.SMS) bool { return strings.Contains(m.Text, "身份核验") }, 5*time.Second)
	code, ok := s.SMS.LastCode(phone)
	if !ok || !strings.Contains(msg.Text, code) {
		tb.t.Fatalf("no 6-digit verification code texted to %s", phone)
	}
	tb.do("enter the verification code", typeInto(`#v-code`, code))
	tb.follow("tap 提交验证码", tap(`form[action$="/verify/code"] button[type="submit"]`))
	if alerts := tb.texts(`[role="alert"], .error`); len(alerts) > 0 {
		tb.failed("the verification code", unexpected(alerts...))
	}
}

// rowText is the cell beside the row header th in the page's tables ("" when
// there is no such row).
func rowText(tb *tab, th string) string {
	tb.t.Helper()
	for _, row := range tb.texts(`table tr`) {
		if rest, ok := strings.CutPrefix(row, th); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}

// factText is the definition beside the term dt in the console's facts
// list ("" when there is none).
func factText(tb *tab, dt string) string {
	tb.t.Helper()
	terms := tb.texts(`dl.k-facts > dt`)
	defs := tb.texts(`dl.k-facts > dd`)
	for i, term := range terms {
		if term == dt && i < len(defs) {
			return defs[i]
		}
	}
	return ""
}

// after is the text after the first sep in s, or "".
func after(s, sep string) string {
	_, rest, _ := strings.Cut(s, sep)
	return rest
}

// itoa formats a count.
func itoa(n int) string { return strconv.Itoa(n) }

// pickOption sets a select or a date field to value and fires the input
// and change events the browser fires when a person picks from its list
// or calendar (which chromedp.SetValue alone does not).
func pickOption(selector, value string) chromedp.Action[chromedp.Void] {
	sel, _ := json.Marshal(selector)
	val, _ := json.Marshal(value)
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		ok, err := chromedp.Evaluate[bool](`(e => { if (!e) return false; e.value = `+string(val)+`;
			e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true}));
			return e.value === `+string(val)+`; })(document.querySelector(`+string(sel)+`))`)(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("%s cannot be set to %q", selector, value)
		}
		return err
	})
}

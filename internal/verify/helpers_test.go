package verify_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/identity"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

const (
	district   = "320113"
	testIP     = "10.1.2.3"
	phoneA     = "13812345678" // passes the carrier simulator
	phoneB     = "13912345678"
	phoneTaken = "13800009999" // registered to someone else in the simulator
	phoneGone  = "13800000000" // not in service in the simulator
)

// start is 09:00 on a Monday in Nanjing (01:00 UTC).
var start = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

var (
	// idA is a valid ID number; idNoPhoto has the simulator's no-photo
	// sequence 999; idBadCheck is idA with a wrong check character.
	idA        = check.MakeIDNumber("320113", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 123)
	idNoPhoto  = check.MakeIDNumber("320113", time.Date(1985, 6, 1, 0, 0, 0, 0, time.UTC), 999)
	idBadCheck = idA[:17] + wrongCheck(idA[17])
)

func wrongCheck(c byte) string {
	if c == '0' {
		return "1"
	}
	return "0"
}

// fixture is a verification service over a fresh database, with identity
// for real resident sign-ins, a manual clock and a captured log.
type fixture struct {
	ctx   context.Context
	d     *db.DB
	clock *clock.Manual
	sms   *notify.RecordingSMS
	id    *identity.Service
	keys  *gm.Keyring
	index *gm.BlindIndexer
	s     *verify.Service
	logs  *syncBuffer
}

func newFixture(t testing.TB, tune ...func(*verify.Config)) *fixture {
	t.Helper()
	f := &fixture{ctx: context.Background(), clock: clock.NewManual(start), sms: notify.NewRecordingSMS(), logs: &syncBuffer{}}
	f.d = dbtest.Open(t, f.clock)
	var err error
	f.keys, f.index = gmtest.Keys(t)
	q, err := jobs.New(f.d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if f.id, err = identity.New(f.d, f.keys, f.sms, q, identity.Config{Index: f.index,
		Password: identity.PasswordParams{Memory: 64, Time: 1, Threads: 1}}, nil); err != nil {
		t.Fatal(err)
	}
	f.s = f.service(t, verify.NewCarrierSimulator(), verify.NewFaceSimulator(), tune...)
	return f
}

// service returns a verification service with the given providers.
func (f *fixture) service(t testing.TB, c verify.CarrierCheck, fm verify.FaceMatch, tune ...func(*verify.Config)) *verify.Service {
	t.Helper()
	cfg := verify.Config{Index: f.index, SMS: f.sms}
	for _, fn := range tune {
		fn(&cfg)
	}
	log := slog.New(slog.NewJSONHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := verify.New(f.d, f.keys, c, fm, cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// resident signs phone in by SMS and returns the session's actor and token.
func (f *fixture) resident(t testing.TB, phone string) (*authz.Actor, string) {
	t.Helper()
	if err := f.id.RequestSMSCode(f.ctx, district, phone, testIP); err != nil {
		t.Fatalf("request code: %v", err)
	}
	code, ok := f.sms.LastCode(phone)
	if !ok {
		t.Fatal("no code sent")
	}
	_, token, err := f.id.LoginResident(f.ctx, district, phone, code, testIP)
	if err != nil {
		t.Fatalf("login resident: %v", err)
	}
	a, _, err := f.id.Lookup(f.ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	return a, token
}

// started signs phone in and starts a verification for purpose.
func (f *fixture) started(t testing.TB, phone, purpose string) (*authz.Actor, verify.Verification) {
	t.Helper()
	a, _ := f.resident(t, phone)
	v, err := f.s.Start(f.ctx, a, purpose)
	if err != nil {
		t.Fatal(err)
	}
	return a, v
}

// carrierOK passes the carrier check of v.
func (f *fixture) carrierOK(t testing.TB, a *authz.Actor, v verify.Verification, phone string) verify.Verification {
	t.Helper()
	got, err := f.s.CheckCarrier(f.ctx, a, v.ID, verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phone})
	if err != nil {
		t.Fatalf("carrier check: %v", err)
	}
	return got
}

// smsOK sends the verification's SMS code to phone and enters it.
func (f *fixture) smsOK(t testing.TB, a *authz.Actor, v verify.Verification, phone string) verify.Verification {
	t.Helper()
	if _, err := f.s.SendCode(f.ctx, a, v.ID); err != nil {
		t.Fatalf("send code: %v", err)
	}
	code, ok := f.sms.LastCode(phone)
	if !ok {
		t.Fatal("no verification code texted")
	}
	got, err := f.s.CheckCode(f.ctx, a, v.ID, code)
	if err != nil {
		t.Fatalf("check code: %v", err)
	}
	return got
}

// l2 passes the carrier check and the SMS code of v: level L2.
func (f *fixture) l2(t testing.TB, a *authz.Actor, v verify.Verification, phone string) verify.Verification {
	t.Helper()
	f.carrierOK(t, a, v, phone)
	return f.smsOK(t, a, v, phone)
}

// wantCode fails unless err carries code (and, when field is set, names it).
func wantCode(t testing.TB, err error, code apperr.Code, field string) *apperr.Error {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
	if field != "" {
		if _, ok := e.Fields[field]; !ok {
			t.Fatalf("error %v does not name field %q (fields %v)", err, field, e.Fields)
		}
	}
	return e
}

func (f *fixture) count(t testing.TB, query string, args ...any) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(f.ctx, query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// pngImage is a 16×16 PNG; marker, when set, follows the image data, where
// decoders ignore it and the face simulator finds it.
func pngImage(t testing.TB, marker string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, testPicture()); err != nil {
		t.Fatal(err)
	}
	b.WriteString(marker)
	return b.Bytes()
}

func jpegImage(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, testPicture(), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func testPicture() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for x := range 16 {
		for y := range 16 {
			img.Set(x, y, color.RGBA{uint8(x * 16), uint8(y * 16), 128, 255})
		}
	}
	return img
}

// syncBuffer is a bytes.Buffer safe for concurrent log writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

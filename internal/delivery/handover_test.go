package delivery_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// waiting decides application 1 for alice and chooses pointA; it returns
// the delivery and its code.
func (f *fixture) waiting(t testing.TB) (delivery.Delivery, string) {
	t.Helper()
	d := f.decide(t, 1, alice, aliceID)
	c := f.pickup(t, alice, d, pointA)
	return c.Delivery, c.PickupCode
}

// wrongCode is a well-formed code other than code.
func wrongCode(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}

// TestHandover: the right code and the holder's ID hand the result over,
// recording the worker, the point and the time; the applicant is told.
func TestHandover(t *testing.T) {
	f := newFixture(t)
	d, code := f.waiting(t)
	desk, err := f.s.ForDesk(f.ctx, frontA, d.ID)
	if err != nil || desk.HolderName != "王*栖" || len(desk.Documents) != 1 {
		t.Fatalf("ForDesk = %+v, %v", desk, err)
	}
	f.clock.Advance(time.Hour)
	got, err := f.s.Handover(f.ctx, frontA, d.ID, delivery.HandoverInput{Code: " " + code + " ", IDNumber: strings.ToLower(aliceID)})
	if err != nil {
		t.Fatal(err)
	}
	if got.State != delivery.StateHandedOver || got.HandedPoint != pointA || !got.HandedAt.Equal(start.Add(time.Hour)) {
		t.Fatalf("handed over = %+v", got)
	}
	var by int64
	if err := f.d.QueryRow(f.ctx, `SELECT handed_by FROM deliveries WHERE id = ?`, d.ID).Scan(&by); err != nil || by != frontA.AccountID {
		t.Fatalf("handed_by = %d, %v", by, err)
	}
	if sms := f.notes.last(); sms.account != alice.AccountID || !strings.Contains(sms.text, "已于") {
		t.Fatalf("SMS = %+v", sms)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.handover'`); n != 1 {
		t.Fatalf("audit = %d", n)
	}
	_, err = f.s.Handover(f.ctx, frontA, d.ID, delivery.HandoverInput{Code: code, IDNumber: aliceID})
	wantCode(t, err, apperr.CodeConflict)
	_, err = f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: pointB, Revision: got.Revision})
	wantCode(t, err, apperr.CodeConflict)
	if rows, err := f.s.Waiting(f.ctx, frontA, ""); err != nil || len(rows) != 0 {
		t.Fatalf("still waiting: %+v, %v", rows, err)
	}
}

// TestHandoverRefusals: a wrong code, another person's ID or a malformed
// entry names the field and changes nothing but the count of tries.
func TestHandoverRefusals(t *testing.T) {
	f := newFixture(t)
	d, code := f.waiting(t)
	notices := f.notes.count()
	cases := []struct {
		in    delivery.HandoverInput
		field string
		says  string
	}{
		{delivery.HandoverInput{Code: wrongCode(code), IDNumber: aliceID}, "code", "取件码不正确，还可尝试4次"},
		{delivery.HandoverInput{Code: code, IDNumber: bobID}, "id_number", "持证人本人"},
		{delivery.HandoverInput{Code: "12345", IDNumber: aliceID}, "code", "6位数字"},
		{delivery.HandoverInput{Code: code, IDNumber: "320113198505120032"}, "id_number", "身份证号"},
		{delivery.HandoverInput{Code: code, IDNumber: ""}, "id_number", "身份证号"},
	}
	for _, c := range cases {
		_, err := f.s.Handover(f.ctx, frontA, d.ID, c.in)
		if msg := wantField(t, err, c.field); !strings.Contains(msg, c.says) {
			t.Errorf("%+v: %q, want %q", c.in, msg, c.says)
		}
	}
	got := f.get(t, alice, d.ID)
	if got.State != delivery.StatePickup || got.Revision != d.Revision || f.notes.count() != notices ||
		len(got.Events) != len(d.Events) {
		t.Fatalf("refusals changed the delivery: %+v", got)
	}
	if _, err := f.s.Handover(f.ctx, frontA, d.ID, delivery.HandoverInput{Code: code, IDNumber: aliceID}); err != nil {
		t.Fatalf("the right code and ID after refusals: %v", err)
	}
}

// TestHandoverLock: the fifth wrong try locks the delivery for 15 minutes,
// even against the right code; afterwards it is handed over.
func TestHandoverLock(t *testing.T) {
	f := newFixture(t)
	d, code := f.waiting(t)
	for i := 1; i <= delivery.MaxAttempts; i++ {
		_, err := f.s.Handover(f.ctx, frontA, d.ID, delivery.HandoverInput{Code: wrongCode(code), IDNumber: aliceID})
		msg := wantField(t, err, "code")
		if i == delivery.MaxAttempts && !strings.Contains(msg, "已锁定15分钟") {
			t.Fatalf("fifth try: %q", msg)
		}
	}
	right := delivery.HandoverInput{Code: code, IDNumber: aliceID}
	_, err := f.s.Handover(f.ctx, frontA, d.ID, right)
	wantCode(t, err, apperr.CodeTooMany)
	f.clock.Advance(delivery.LockFor - time.Second)
	_, err = f.s.Handover(f.ctx, frontA, d.ID, right)
	wantCode(t, err, apperr.CodeTooMany)
	if got := f.get(t, alice, d.ID); got.State != delivery.StatePickup || !got.Locked(f.clock.Now()) {
		t.Fatalf("locked = %+v", got)
	}
	f.clock.Advance(time.Second)
	if _, err := f.s.Handover(f.ctx, frontA, d.ID, right); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.handover_refused'`); n != delivery.MaxAttempts {
		t.Fatalf("refusals audited = %d", n)
	}
}

// TestHandoverElsewhere: the front desk of another point, or of a street
// without a point, cannot hand over; an applicant who switched to express
// is no longer waiting.
func TestHandoverElsewhere(t *testing.T) {
	f := newFixture(t)
	d, code := f.waiting(t)
	in := delivery.HandoverInput{Code: code, IDNumber: aliceID}
	_, err := f.s.Handover(f.ctx, frontB, d.ID, in)
	wantCode(t, err, apperr.CodeForbidden)
	_, err = f.s.Handover(f.ctx, frontSt, d.ID, in)
	wantCode(t, err, apperr.CodeForbidden)
	if rows, err := f.s.Waiting(f.ctx, frontB, ""); err != nil || len(rows) != 0 {
		t.Fatalf("frontB waiting = %+v, %v", rows, err)
	}
	rows, err := f.s.Waiting(f.ctx, frontA, "QX202603020001")
	if err != nil || len(rows) != 1 || rows[0].ID != d.ID {
		t.Fatalf("frontA waiting = %+v, %v", rows, err)
	}
	if rows, _ := f.s.Waiting(f.ctx, frontA, "营业执照"); len(rows) != 0 {
		t.Fatalf("search for another item = %+v", rows)
	}
	if _, err := f.s.ChooseExpress(f.ctx, alice, d.ID, goodAddress(d.Revision)); err != nil {
		t.Fatal(err)
	}
	_, err = f.s.Handover(f.ctx, frontA, d.ID, in)
	wantCode(t, err, apperr.CodeNotFound)
}

package delivery_test

import (
	"strings"
	"sync"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// TestChoosePickup: the code is sent by SMS and returned once; only its
// hash is stored; choosing again makes a new code and drops the old.
func TestChoosePickup(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	c := f.pickup(t, alice, d, pointA)
	if len(c.PickupCode) != 6 || strings.Trim(c.PickupCode, "0123456789") != "" {
		t.Fatalf("code = %q", c.PickupCode)
	}
	got := c.Delivery
	if got.State != delivery.StatePickup || got.Point != pointA || !strings.Contains(got.PointName, "政务服务中心") ||
		got.Revision != 2 || got.Recipient != nil || len(got.Events) != 2 {
		t.Fatalf("delivery = %+v", got)
	}
	if sms := f.notes.last(); codeIn(sms.text) != c.PickupCode || !strings.Contains(sms.text, got.PointName) {
		t.Fatalf("SMS = %q, code %s", sms.text, c.PickupCode)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM deliveries WHERE code_hash LIKE ?`, "%"+c.PickupCode+"%"); n != 0 {
		t.Fatal("the pickup code is stored in clear")
	}
	again := f.pickup(t, alice, got, pointB)
	if again.Delivery.Point != pointB || again.Delivery.Revision != 3 {
		t.Fatalf("changed = %+v", again.Delivery)
	}
	_, err := f.s.Handover(f.ctx, frontB, d.ID, delivery.HandoverInput{Code: c.PickupCode, IDNumber: aliceID})
	if c.PickupCode != again.PickupCode {
		wantField(t, err, "code") // the old code no longer works
	}
}

// TestChoosePickupBadPoint: a point that does not hand out licences, or
// none, is a field error and changes nothing.
func TestChoosePickupBadPoint(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	for _, p := range []string{"", pointSub, "320199001P01", "'; DROP TABLE deliveries; --"} {
		_, err := f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: p, Revision: d.Revision})
		wantField(t, err, "point")
	}
	_, err := f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: pointA})
	wantField(t, err, "revision")
	if got := f.get(t, alice, d.ID); got.State != delivery.StateAwaiting || got.Revision != 1 || f.notes.count() != 1 {
		t.Fatalf("after bad choices: %+v, notices %d", got, f.notes.count())
	}
}

// TestChooseExpress: the address is stored encrypted, shown masked, and a
// ship job is queued for the new revision.
func TestChooseExpress(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	got, err := f.s.ChooseExpress(f.ctx, alice, d.ID, goodAddress(d.Revision))
	if err != nil {
		t.Fatal(err)
	}
	r := got.Recipient
	if got.State != delivery.StateExpress || got.Revision != 2 || r == nil || r.Name != "王*栖" ||
		r.Phone != "138****0001" || r.Province != "江苏省" || r.Detail != "南京市栖霞区文苑路9号" || r.Postcode != "210023" {
		t.Fatalf("delivery = %+v, recipient %+v", got, r)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM deliveries WHERE recipient_name LIKE ? OR recipient_phone LIKE ?
		OR address_detail LIKE ?`, "%王小栖%", "%13800000001%", "%文苑路%"); n != 0 {
		t.Fatal("personal data stored in clear")
	}
	jobs := f.shipJobs(t)
	if len(jobs) != 1 || jobs[0] != (delivery.ShipArgs{District: district, DeliveryID: d.ID, Revision: 2}) {
		t.Fatalf("ship jobs = %+v", jobs)
	}
	back := f.pickup(t, alice, got, pointA)
	if back.Delivery.Recipient != nil {
		t.Fatalf("switching to pickup kept the address: %+v", back.Delivery.Recipient)
	}
}

// TestExpressBadInput: each bad field is named, in Chinese, and nothing
// is written or queued.
func TestExpressBadInput(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	long := strings.Repeat("栖", 121)
	cases := []struct {
		name   string
		change func(*delivery.ExpressInput)
		field  string
		says   string
	}{
		{"empty address", func(in *delivery.ExpressInput) { in.Detail = "  " }, "detail", "详细地址"},
		{"short address", func(in *delivery.ExpressInput) { in.Detail = "栖霞区" }, "detail", "至少5个字"},
		{"long address", func(in *delivery.ExpressInput) { in.Detail = long }, "detail", "120"},
		{"control characters", func(in *delivery.ExpressInput) { in.Detail = "南京市栖霞区\x00文苑路9号" }, "detail", "不允许"},
		{"line break", func(in *delivery.ExpressInput) { in.Detail = "南京市栖霞区\n文苑路9号" }, "detail", "不允许"},
		{"direction override", func(in *delivery.ExpressInput) { in.Detail = "南京市栖霞区\u202e文苑路9号" }, "detail", "不允许"},
		{"markup", func(in *delivery.ExpressInput) { in.Detail = "南京市<script>文苑路" }, "detail", "不允许"},
		{"abroad in the detail", func(in *delivery.ExpressInput) { in.Detail = "1600 Amphitheatre Pkwy, CA" }, "detail", "境外"},
		{"no province", func(in *delivery.ExpressInput) { in.Province = "" }, "province", "省份"},
		{"abroad", func(in *delivery.ExpressInput) { in.Province = "美国" }, "province", "境外"},
		{"Hong Kong", func(in *delivery.ExpressInput) { in.Province = "香港特别行政区" }, "province", "港澳台"},
		{"Taiwan", func(in *delivery.ExpressInput) { in.Province = "台湾省" }, "province", "港澳台"},
		{"no name", func(in *delivery.ExpressInput) { in.Name = "" }, "name", "收件人姓名"},
		{"long name", func(in *delivery.ExpressInput) { in.Name = strings.Repeat("王", 31) }, "name", "30"},
		{"bad phone", func(in *delivery.ExpressInput) { in.Phone = "025-85412345" }, "phone", "手机号码"},
		{"short phone", func(in *delivery.ExpressInput) { in.Phone = "1380000" }, "phone", "11位"},
		{"bad postcode", func(in *delivery.ExpressInput) { in.Postcode = "21002A" }, "postcode", "邮政编码"},
		{"short postcode", func(in *delivery.ExpressInput) { in.Postcode = "2100" }, "postcode", "邮政编码"},
	}
	for _, c := range cases {
		in := goodAddress(d.Revision)
		c.change(&in)
		_, err := f.s.ChooseExpress(f.ctx, alice, d.ID, in)
		if msg := wantField(t, err, c.field); !strings.Contains(msg, c.says) {
			t.Errorf("%s: %s says %q, want %q", c.name, c.field, msg, c.says)
		}
	}
	in := goodAddress(d.Revision)
	in.Name, in.Phone, in.Postcode = "", "", "x"
	_, err := f.s.ChooseExpress(f.ctx, alice, d.ID, in)
	if e := wantCode(t, err, apperr.CodeInvalid); len(e.Fields) != 3 {
		t.Fatalf("every bad field at once: %v", e.Fields)
	}
	if got := f.get(t, alice, d.ID); got.State != delivery.StateAwaiting || got.Revision != 1 || len(f.shipJobs(t)) != 0 {
		t.Fatalf("after bad input: %+v", got)
	}
	ok := goodAddress(d.Revision)
	ok.Province, ok.Postcode = "新疆维吾尔自治区", ""
	if _, err := f.s.ChooseExpress(f.ctx, alice, d.ID, ok); err != nil {
		t.Fatalf("a full province name without postcode: %v", err)
	}
}

// TestDuplicateSubmit: the same form sent twice (the same revision) makes
// one change; the second is a conflict and changes nothing.
func TestDuplicateSubmit(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	if _, err := f.s.ChooseExpress(f.ctx, alice, d.ID, goodAddress(d.Revision)); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.ChooseExpress(f.ctx, alice, d.ID, goodAddress(d.Revision))
	wantCode(t, err, apperr.CodeConflict)
	_, err = f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: pointA, Revision: d.Revision})
	wantCode(t, err, apperr.CodeConflict)
	if got := f.get(t, alice, d.ID); got.Revision != 2 || got.State != delivery.StateExpress || len(f.shipJobs(t)) != 1 ||
		f.notes.count() != 1 {
		t.Fatalf("after duplicates: %+v, jobs %d", got, len(f.shipJobs(t)))
	}
}

// TestConcurrentChoice: many choices made at once on one revision: one
// wins, the others are conflicts, one ship job is queued, and running
// every queued job books one shipment.
func TestConcurrentChoice(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	const n = 6
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				_, errs[i] = f.s.ChooseExpress(f.ctx, alice, d.ID, goodAddress(d.Revision))
			} else {
				_, errs[i] = f.s.ChoosePickup(f.ctx, alice, d.ID, delivery.PickupInput{Point: pointA, Revision: d.Revision})
			}
		}()
	}
	wg.Wait()
	won := 0
	for _, err := range errs {
		if err == nil {
			won++
		} else if apperr.CodeOf(err) != apperr.CodeConflict {
			t.Fatalf("unexpected error: %v", err)
		}
	}
	got := f.get(t, alice, d.ID)
	if won != 1 || got.Revision != 2 {
		t.Fatalf("%d choices won, revision %d", won, got.Revision)
	}
	for _, a := range f.shipJobs(t) {
		if _, err := f.s.Ship(f.ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if want := map[bool]int{true: 1, false: 0}[got.State == delivery.StateExpress]; f.courier.Bookings() != want {
		t.Fatalf("bookings = %d, want %d (state %s)", f.courier.Bookings(), want, got.State)
	}
}

// TestOthersDeliveries: another applicant neither sees nor changes a
// delivery; it is not found.
func TestOthersDeliveries(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	_, err := f.s.Get(f.ctx, bob, d.ID)
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.ChoosePickup(f.ctx, bob, d.ID, delivery.PickupInput{Point: pointA, Revision: 1})
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.ChooseExpress(f.ctx, bob, d.ID, goodAddress(1))
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.Get(f.ctx, alice, 999)
	wantCode(t, err, apperr.CodeNotFound)
}

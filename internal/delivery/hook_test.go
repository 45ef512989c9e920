package delivery_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// TestApprovalOpensDelivery: an approval opens one delivery awaiting the
// applicant's choice, with one SMS and an audit record, in the decision's
// transaction; a second run of the hook changes nothing.
func TestApprovalOpensDelivery(t *testing.T) {
	f := newFixture(t)
	d := f.decide(t, 1, alice, aliceID)
	if d.State != delivery.StateAwaiting || d.Revision != 1 || d.ApplicationNo != "QX202603020001" ||
		d.ItemName != "食品经营许可" || !d.CreatedAt.Equal(start) || len(d.Events) != 1 {
		t.Fatalf("delivery = %+v", d)
	}
	sms := f.notes.last()
	if f.notes.count() != 1 || sms.account != alice.AccountID || !strings.Contains(sms.text, "QX202603020001") ||
		!strings.Contains(sms.text, "同城取件") || !strings.Contains(sms.text, "快递") {
		t.Fatalf("notices = %+v", f.notes.sent)
	}
	if n := f.count(t, `SELECT COUNT(*) FROM audit_log WHERE action = 'delivery.open'`); n != 1 {
		t.Fatalf("audit records = %d", n)
	}
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		return f.s.OpenDelivery(f.ctx, tx, approval.Decided{Application: decidedApp(1, alice, "approved")})
	})
	if err != nil || f.notes.count() != 1 || f.count(t, `SELECT COUNT(*) FROM deliveries`) != 1 {
		t.Fatalf("second hook run: %v, notices %d", err, f.notes.count())
	}
}

// TestRefusalOpensNothing: refusals (and anything not approved) deliver
// nothing and send nothing.
func TestRefusalOpensNothing(t *testing.T) {
	f := newFixture(t)
	for i, decision := range []string{"refused", ""} {
		err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
			return f.s.OpenDelivery(f.ctx, tx, approval.Decided{Application: decidedApp(int64(i+1), alice, decision)})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.count(t, `SELECT COUNT(*) FROM deliveries`); n != 0 || f.notes.count() != 0 {
		t.Fatalf("deliveries = %d, notices = %d", n, f.notes.count())
	}
	if ds, err := f.s.Mine(f.ctx, alice); err != nil || len(ds) != 0 {
		t.Fatalf("Mine = %+v, %v", ds, err)
	}
}

// TestHookFailureLeavesNothing: when the SMS cannot be queued the decision
// fails and no delivery is left behind.
func TestHookFailureLeavesNothing(t *testing.T) {
	f := newFixture(t)
	f.notes.fail = true
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		return f.s.OpenDelivery(f.ctx, tx, approval.Decided{Application: decidedApp(3, alice, "approved")})
	})
	if err == nil {
		t.Fatal("a decision with a failing notifier succeeded")
	}
	if n := f.count(t, `SELECT COUNT(*) FROM deliveries`); n != 0 {
		t.Fatalf("deliveries = %d", n)
	}
}

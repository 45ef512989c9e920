package verify_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// UsedFor returns only a consumed verification, of that account and
// purpose, with the verified identity.
func TestUsedFor(t *testing.T) {
	f := newFixture(t)
	a, v := f.started(t, phoneA, purpose)
	other, _ := f.resident(t, phoneB)
	f.carrierOK(t, a, v, phoneA)
	f.smsOK(t, a, v, phoneA)
	if _, err := f.s.UsedFor(f.ctx, a.AccountID, purpose); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("before use: %v", err)
	}
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		_, err := verify.Gate{S: f.s}.Consume(f.ctx, tx, a.AccountID, v.ID, purpose, 2)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.s.UsedFor(f.ctx, a.AccountID, purpose)
	if err != nil || got.ID != v.ID || got.Name.Reveal() != "张三" || len(got.IDNumber.Reveal()) != 18 {
		t.Fatalf("used: %+v %v", got, err)
	}
	if _, err := f.s.UsedFor(f.ctx, other.AccountID, purpose); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("another account: %v", err)
	}
	if _, err := f.s.UsedFor(f.ctx, a.AccountID, "application:999"); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Fatalf("another purpose: %v", err)
	}
}

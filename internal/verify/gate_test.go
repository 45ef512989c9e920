package verify_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

func TestGate(t *testing.T) {
	f := newFixture(t)
	g := verify.Gate{S: f.s}
	a, v := f.started(t, phoneA, purpose)
	other, _ := f.resident(t, phoneB)
	if _, err := g.Require(f.ctx, a.AccountID, purpose, 2); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("before carrier: %v", err)
	}
	f.carrierOK(t, a, v, phoneA)
	if _, err := g.Require(f.ctx, a.AccountID, purpose, 2); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("before the SMS code: %v", err)
	}
	f.smsOK(t, a, v, phoneA)
	id, err := g.Require(f.ctx, a.AccountID, purpose, 2)
	if err != nil || id != v.ID {
		t.Fatalf("require: %q %v", id, err)
	}
	if _, err := g.Require(f.ctx, other.AccountID, purpose, 2); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("another account: %v", err)
	}
	consume := func(account int64) (verify.Verification, error) {
		var got verify.Verification
		err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
			var err error
			got, err = g.Consume(f.ctx, tx, account, id, purpose, 2)
			return err
		})
		return got, err
	}
	if _, err := consume(other.AccountID); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("consume by another account: %v", err)
	}
	got, err := consume(a.AccountID)
	if err != nil || got.Name.Reveal() != "张三" || got.UsedAt == nil {
		t.Fatalf("consume: %+v %v", got, err)
	}
	if _, err := consume(a.AccountID); apperr.CodeOf(err) != apperr.CodeConflict {
		t.Fatalf("second consume: %v", err)
	}
}

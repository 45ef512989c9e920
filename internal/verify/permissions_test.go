package verify_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// TestPermissionOwn covers verify.own: the account itself may act on its
// verification; another resident, staff and anonymous callers may not.
func TestPermissionOwn(t *testing.T) {
	f := newFixture(t)
	owner, v := f.started(t, phoneA, purpose) // may: Start
	other, _ := f.resident(t, phoneB)
	staff := &authz.Actor{AccountID: 99, Kind: authz.KindStaff, District: district,
		Grants: []authz.Grant{{Role: authz.RoleAdmin, Scope: authz.District(district)}}}

	if _, err := f.s.Get(f.ctx, owner, v.ID); err != nil {
		t.Fatalf("owner may read: %v", err)
	}
	if _, err := f.s.Get(f.ctx, other, v.ID); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Fatalf("other resident reads: %v", err)
	}
	_, err := f.s.CheckCarrier(f.ctx, other, v.ID, verify.CarrierInput{Name: "张三", IDNumber: idA, Phone: phoneB})
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.CheckFace(f.ctx, other, v.ID, pngImage(t, ""))
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.SendCode(f.ctx, other, v.ID)
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.CheckCode(f.ctx, other, v.ID, "123456")
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.SendCode(f.ctx, staff, v.ID)
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.CheckCode(f.ctx, nil, v.ID, "123456")
	wantCode(t, err, apperr.CodeUnauthorized, "")
	err = f.d.InTx(f.ctx, func(tx *db.Tx) error {
		_, err := f.s.Consume(f.ctx, tx, other, v.ID, purpose, verify.L1)
		return err
	})
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.Start(f.ctx, staff, purpose)
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.Get(f.ctx, staff, v.ID)
	wantCode(t, err, apperr.CodeForbidden, "")
	_, err = f.s.Start(f.ctx, nil, purpose)
	wantCode(t, err, apperr.CodeUnauthorized, "")
	if l, err := f.s.Level(f.ctx, staff, purpose); l != verify.L0 || err != nil {
		t.Fatalf("staff level %v %v", l, err)
	}
	// may: the owner's code step, once the carrier check passed.
	f.l2(t, owner, v, phoneA)
	if n := f.count(t, `SELECT carrier_attempts + face_attempts + sms_attempts FROM verifications WHERE id = ?`, v.ID); n != 1 {
		t.Fatalf("refused calls counted attempts: %d besides the owner's carrier check", n-1)
	}
}

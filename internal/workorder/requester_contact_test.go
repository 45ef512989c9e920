package workorder

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestResidentsAccountIsTheContact checks that a resident who files from
// their account without typing a phone can still be called back: the
// handler sees the account's phone masked and may reveal it (audited),
// the leader sees nobody, and a typed phone wins over the account's.
func TestResidentsAccountIsTheContact(t *testing.T) {
	r := newRig(t)
	asked := 0
	r.s.Contacts = func(_ context.Context, id int64) (string, string, error) {
		asked++
		if id != 7 {
			return "", "", apperr.NotFound("no such account")
		}
		return "王小栖", "13800000001", nil
	}
	xh := r.communities["仙鹤社区"].Code
	in := r.parkingRequest("仙鹤社区")
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	gridWorker := staff(21, authz.RoleGridWorker, communityScope(xh))
	v, err := r.s.Get(r.ctx, gridWorker, f.Order.Number)
	if err != nil || v.Requester.Phone != "138****0001" || v.Requester.Name != "王*栖" || !v.Requester.Resident {
		t.Fatalf("handler sees %+v (%v), want the account's masked contact", v.Requester, err)
	}
	if phone, err := r.s.RevealPhone(r.ctx, gridWorker, f.Order.Number); err != nil || phone != "13800000001" {
		t.Errorf("reveal = %q %v", phone, err)
	}
	leader := staff(23, authz.RoleLeader, authz.District(district))
	if v, err := r.s.Get(r.ctx, leader, f.Order.Number); err != nil || !v.Requester.Hidden || v.Requester.Phone != "" {
		t.Errorf("leader sees %+v (%v)", v.Requester, err)
	}
	in.Requester = RequesterInput{Name: "王先生", Phone: "13900002222"}
	typed, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	before := asked
	if v, err := r.s.Get(r.ctx, gridWorker, typed.Order.Number); err != nil || v.Requester.Phone != "139****2222" {
		t.Errorf("typed contact shows %+v (%v)", v.Requester, err)
	}
	if asked != before {
		t.Error("the account was asked although the requester typed a name and phone")
	}
}

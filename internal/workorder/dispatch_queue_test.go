package workorder

import (
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// TestQueues: each unit's staff see what was sent to their unit, as lead
// or co-unit, and nobody else's; a team narrows a street to its
// inspectors; department staff read the orders sent to them.
func TestQueues(t *testing.T) {
	r := newDispatchRig(t, true)
	xh := r.communities["仙鹤社区"]
	gas := r.file(t, "AQ-02", "仙鹤社区")  // 区住建局 leads, the street assists
	city := r.file(t, "CG-01", "仙鹤社区") // the street's enforcement team
	lift := r.file(t, "WY-02", "仙鹤社区") // property leads, the community assists
	zjj := staff(60, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: r.dept(t, "区住建局")})
	other := staff(61, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: r.dept(t, "区市场监管局")})
	for _, c := range []struct {
		name  string
		actor *authz.Actor
		want  []string // "number/role"
	}{
		{"区住建局 approver", zjj, []string{gas.Number + "/lead"}},
		{"another department", other, nil},
		{"street inspector", staff(50, authz.RoleInspector, streetScope(xh.StreetCode)), []string{gas.Number + "/assist", city.Number + "/lead"}},
		{"street desk (not the team)", streetDesk(40, xh.StreetCode), []string{gas.Number + "/assist", lift.Number + "/assist"}},
		{"community grid worker", staff(21, authz.RoleGridWorker, communityScope(xh.Code)), []string{lift.Number + "/assist"}},
		{"property staff", staff(101, authz.RoleProperty, communityScope(xh.Code)), []string{lift.Number + "/lead"}},
		{"another street's inspector", staff(51, authz.RoleInspector, streetScope(r.streets["尧化街道"])), nil},
	} {
		q, err := r.s.Queue(r.ctx, c.actor)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, it := range q.Assigned {
			got = append(got, it.Number+"/"+string(it.Role))
		}
		slices.Sort(got)
		slices.Sort(c.want)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s sees %v, want %v", c.name, got, c.want)
		}
	}
	// The department reads the order's hops and signs; the other one
	// does not even see it.
	if _, err := r.s.Hops(r.ctx, zjj, gas.Number); err != nil {
		t.Errorf("区住建局 reads the hops: %v", err)
	}
	if _, err := r.s.Hops(r.ctx, other, gas.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another department reads the hops: %v", err)
	}
	if _, err := r.s.Accept(r.ctx, other, gas.Number); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another department signs: %v", err)
	}
	if v, err := r.s.Accept(r.ctx, zjj, gas.Number); err != nil || v.State != StateHandling {
		t.Errorf("区住建局 signs: %v", err)
	}
	// A co-unit cannot sign or return for the lead.
	if _, err := r.s.Accept(r.ctx, staff(21, authz.RoleGridWorker, communityScope(xh.Code)), lift.Number); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("the co-unit signs: %v", err)
	}
	for _, a := range []*authz.Actor{resident(7), staff(23, authz.RoleLeader, authz.District(district)), admin} {
		if _, err := r.s.Queue(r.ctx, a); apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%v has a queue: %v", a.Roles(), err)
		}
	}
}

package supervision

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestInspectorsSeeTheirStreetSupervisorsSeeAll(t *testing.T) {
	f := newFixture(t)
	xl := f.commitmentTask(t, 1, "仙林街道")
	lt := f.commitmentTask(t, 2, "龙潭街道")
	mine := inspector(7, f.streets["仙林街道"])
	list, err := f.s.MyTasks(f.ctx, mine, Position{})
	if err != nil || len(list) != 1 || list[0].ID != xl.ID {
		t.Fatalf("inspector sees %+v, %v", list, err)
	}
	if _, err := f.s.GetTask(f.ctx, mine, lt.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("inspector opened another street's task: %v", err)
	}
	for _, who := range []*authz.Actor{staff(9, authz.RoleLeader), staff(10, authz.RoleAdmin), staff(12, authz.RoleInspector)} {
		list, err := f.s.MyTasks(f.ctx, who, Position{})
		if err != nil || len(list) != 2 {
			t.Errorf("%v sees %d tasks, %v", who.Roles(), len(list), err)
		}
		if _, err := f.s.GetTask(f.ctx, who, lt.ID); err != nil {
			t.Errorf("%v: %v", who.Roles(), err)
		}
	}
	for _, who := range []*authz.Actor{staff(11, authz.RoleApprover), nil} {
		if _, err := f.s.MyTasks(f.ctx, who, Position{}); err == nil {
			t.Errorf("%v listed tasks", who)
		}
	}
}

func TestTasksOrderedByDueDateThenDistance(t *testing.T) {
	f := newFixture(t)
	far := f.commitmentTask(t, 1, "龙潭街道")
	near := f.commitmentTask(t, 2, "迈皋桥街道")
	f.clock.Advance(24 * time.Hour) // a later decision, due a day later
	later := f.commitmentTask(t, 3, "迈皋桥街道")
	leader := staff(9, authz.RoleLeader)
	// Standing at 迈皋桥: same due date, the nearer street first.
	list, err := f.s.MyTasks(f.ctx, leader, Position{Lat: 32.108, Lng: 118.812, Known: true})
	if err != nil || len(list) != 3 || list[0].ID != near.ID || list[1].ID != far.ID || list[2].ID != later.ID {
		t.Fatalf("order %+v, %v", ids(list), err)
	}
	if list[0].DistanceKM < 0 || list[0].DistanceKM > list[1].DistanceKM {
		t.Errorf("distances %v %v", list[0].DistanceKM, list[1].DistanceKM)
	}
	// Without a position: due date, then id.
	list, _ = f.s.MyTasks(f.ctx, leader, Position{})
	if list[0].ID != far.ID || list[0].DistanceKM != -1 {
		t.Errorf("no position: %v", ids(list))
	}
}

func ids(ts []Task) []int64 {
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func TestOverviewCountsByStreet(t *testing.T) {
	f := newFixture(t)
	a := f.commitmentTask(t, 1, "仙林街道")
	f.commitmentTask(t, 2, "仙林街道")
	f.commitmentTask(t, 3, "龙潭街道")
	if _, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), a.ID, compliant(a)); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(testNow.AddDate(0, 1, 0)) // all open tasks now overdue
	o, err := f.s.Overview(f.ctx, staff(9, authz.RoleLeader))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]StreetStats{}
	for _, s := range o.Streets {
		byName[s.Name] = s
	}
	xl := byName["仙林街道"]
	if xl.Total != 2 || xl.Done != 1 || xl.Overdue != 1 || xl.Rate() != 50 || byName["龙潭街道"].Overdue != 1 ||
		o.Total.Total != 3 || len(o.Overdue) != 2 {
		t.Fatalf("overview %+v", o)
	}
	if _, err := f.s.Overview(f.ctx, inspector(7, f.streets["仙林街道"])); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("inspector saw the overview: %v", err)
	}
}

func TestPermissions(t *testing.T) {
	xl := authz.Scope{Kind: authz.ScopeStreet, Code: "320113005"}
	other := authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"}
	tests := []struct {
		name  string
		who   *authz.Actor
		act   *authz.Action
		scope authz.Scope
		may   bool
	}{
		{"inspector inspects own street", inspector(1, xl.Code), actInspect, xl, true},
		{"inspector may not inspect another street", inspector(1, xl.Code), actInspect, other, false},
		{"approver may not inspect", staff(2, authz.RoleApprover), actInspect, xl, false},
		{"leader oversees", staff(3, authz.RoleLeader), actOversee, authz.District(district), true},
		{"admin oversees", staff(4, authz.RoleAdmin), actOversee, authz.District(district), true},
		{"inspector may not oversee", inspector(1, xl.Code), actOversee, authz.District(district), false},
	}
	for _, tt := range tests {
		if got := tt.who.May(tt.act, tt.scope); got != tt.may {
			t.Errorf("%s: may = %v", tt.name, got)
		}
	}
}

func TestQixiaBox(t *testing.T) {
	for _, p := range []struct {
		name     string
		lat, lng float64
		in       bool
	}{
		{"仙林", 32.10, 118.92, true}, {"龙潭", 32.17, 119.05, true}, {"八卦洲", 32.19, 118.83, true},
		{"上海", 31.23, 121.47, false}, {"江宁南部", 31.85, 118.85, false}, {"zero", 0, 0, false},
	} {
		if QixiaBox.Contains(p.lat, p.lng) != p.in {
			t.Errorf("%s: contains = %v", p.name, !p.in)
		}
	}
}

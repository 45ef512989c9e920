package workorder

import (
	"fmt"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestMeasuresPermissions(t *testing.T) {
	m := newMeasured(t)
	gridScope := authz.Scope{Kind: authz.ScopeGrid, Code: m.xh + "001"}
	cases := []struct {
		name     string
		who      *authz.Actor
		q        MeasureQuery
		code     apperr.Code // "" when allowed
		received int
	}{
		{"an administrator may, district-wide", admin, MeasureQuery{}, "", 5},
		{"a district leader may", staff(30, authz.RoleLeader, authz.District(district)), MeasureQuery{}, "", 5},
		{"a street leader may, for the street", staff(31, authz.RoleLeader, streetScope(m.xs)), MeasureQuery{}, "", 4},
		{"a street leader may filter a community of the street", staff(31, authz.RoleLeader, streetScope(m.xs)),
			MeasureQuery{Community: m.xh}, "", 4},
		{"a community leader may, for the community", staff(32, authz.RoleLeader, communityScope(m.yh)), MeasureQuery{}, "", 1},
		{"马群's leader may filter 东阳, reattached to 马群", staff(36, authz.RoleLeader, streetScope("320113002")),
			MeasureQuery{Community: "320113401001"}, "", 0},
		{"a street leader may not ask for another street", staff(31, authz.RoleLeader, streetScope(m.xs)),
			MeasureQuery{Street: m.ys}, apperr.CodeForbidden, 0},
		{"a street leader may not ask for another street's community", staff(31, authz.RoleLeader, streetScope(m.xs)),
			MeasureQuery{Community: m.yh}, apperr.CodeForbidden, 0},
		{"a grid leader may not: measures stop at communities", staff(33, authz.RoleLeader, gridScope), MeasureQuery{},
			apperr.CodeForbidden, 0},
		{"a front desk worker may not", staff(34, authz.RoleFrontDesk, authz.District(district)), MeasureQuery{},
			apperr.CodeForbidden, 0},
		{"a grid worker may not", staff(35, authz.RoleGridWorker, communityScope(m.xh)), MeasureQuery{}, apperr.CodeForbidden, 0},
		{"a resident may not", resident(7), MeasureQuery{}, apperr.CodeForbidden, 0},
		{"nobody may not", &authz.Actor{District: district}, MeasureQuery{}, apperr.CodeUnauthorized, 0},
	}
	for _, c := range cases {
		c.q.By, c.q.From, c.q.To = ByStreet, day, day
		got, err := m.s.Measures(m.ctx, c.who, c.q)
		if apperr.CodeOf(err) != c.code && !(c.code == "" && err == nil) {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if err == nil && got.Total.Received != c.received {
			t.Errorf("%s: saw %d orders, want %d", c.name, got.Total.Received, c.received)
		}
	}
}

func TestMeasuresRefuseBadQueries(t *testing.T) {
	m := newMeasured(t)
	cases := []struct {
		q      MeasureQuery
		field  string
		reason Reason
	}{
		{MeasureQuery{By: "everything"}, "by", ReasonInvalid},
		{MeasureQuery{From: "2026-13-01"}, "from", ReasonInvalid},
		{MeasureQuery{From: "yesterday", To: "2026-03-02"}, "from", ReasonInvalid},
		{MeasureQuery{To: "3/2/2026"}, "to", ReasonInvalid},
		{MeasureQuery{From: "2026-03-02", To: "2026-03-01"}, "to", ReasonInvalid},
		{MeasureQuery{From: "2025-03-01", To: "2026-03-02"}, "from", ReasonInvalid},
		{MeasureQuery{Category: "ZZ-99"}, "category", ReasonUnknownCategory},
	}
	for _, c := range cases {
		_, err := m.s.Measures(m.ctx, admin, c.q)
		if apperr.CodeOf(err) != apperr.CodeInvalid || ReasonsOf(err)[c.field] != c.reason {
			t.Errorf("%+v: %v %v, want %s on %s", c.q, err, ReasonsOf(err), c.reason, c.field)
		}
	}
	// A year and a day is the most; the defaults are the last 30 days.
	if _, err := m.s.Measures(m.ctx, admin, MeasureQuery{From: "2025-03-02", To: "2026-03-02"}); err != nil {
		t.Errorf("a year: %v", err)
	}
	got, err := m.s.Measures(m.ctx, admin, MeasureQuery{})
	if err != nil || got.Query.By != ByStreet || got.Query.To != "2026-03-05" || got.Query.From != "2026-02-04" ||
		got.Total.Received != 5 {
		t.Errorf("defaults: %+v %v", got.Query, err)
	}
}

func TestBoardShowsOverdueAndWarnedOrdersInScope(t *testing.T) {
	m := newMeasured(t)
	m.play(t, "F", "仙鹤社区", 74*time.Hour, step{after: time.Hour, kind: EventDispatched, unit: m.unit})
	m.play(t, "G", "尧化社区", 10*time.Hour) // never dispatched, overdue
	m.clock.Set(testNow.Add(72 * time.Hour))
	if m.communities["文澜社区"].Code == "" {
		t.Fatal("文澜社区 is not seeded")
	}
	cases := []struct {
		name  string
		who   *authz.Actor
		only  string
		want  []string // numbers, most overdue first
		code  apperr.Code
		count [2]int // overdue, warning
	}{
		{"a district leader sees all", staff(30, authz.RoleLeader, authz.District(district)), "", []string{"G", "D", "F"}, "", [2]int{2, 1}},
		{"only overdue", staff(30, authz.RoleLeader, authz.District(district)), "overdue", []string{"G", "D"}, "", [2]int{2, 1}},
		{"only warned", admin, "warning", []string{"F"}, "", [2]int{2, 1}},
		{"a grid worker of 仙鹤 sees 仙鹤's", staff(21, authz.RoleGridWorker, communityScope(m.xh)), "", []string{"D", "F"}, "", [2]int{1, 1}},
		{"a front desk of 尧化's street sees 尧化's", staff(22, authz.RoleFrontDesk, streetScope(m.ys)), "", []string{"G"}, "", [2]int{1, 0}},
		{"property staff of 尧化 see 尧化's only", staff(24, authz.RoleProperty, communityScope(m.yh)), "", []string{"G"}, "", [2]int{1, 0}},
		{"a grid worker of another community sees none", staff(26, authz.RoleGridWorker, communityScope(m.communities["文澜社区"].Code)), "", nil, "", [2]int{0, 0}},
		{"a resident may not", resident(7), "", nil, apperr.CodeForbidden, [2]int{}},
		{"an approver may not", staff(25, authz.RoleApprover, authz.District(district)), "", nil, apperr.CodeForbidden, [2]int{}},
		{"an API key may not", &authz.Actor{AccountID: 1, Kind: KindAPIKey, District: district}, "", nil, apperr.CodeForbidden, [2]int{}},
		{"nobody may not", nil, "", nil, apperr.CodeUnauthorized, [2]int{}},
		{"a bad filter", admin, "late", nil, apperr.CodeInvalid, [2]int{}},
	}
	for _, c := range cases {
		b, err := m.s.Board(m.ctx, c.who, BoardFilter{Only: c.only})
		if c.code != "" {
			if apperr.CodeOf(err) != c.code {
				t.Errorf("%s: %v, want %s", c.name, err, c.code)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, it := range b.Items {
			for k, n := range m.numbers {
				if n == it.Number {
					got = append(got, k)
				}
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) || b.Overdue != c.count[0] || b.Warning != c.count[1] {
			t.Errorf("%s: %v (%d overdue, %d warned), want %v %v", c.name, got, b.Overdue, b.Warning, c.want, c.count)
		}
	}
	b, err := m.s.Board(m.ctx, admin, BoardFilter{})
	if err != nil {
		t.Fatal(err)
	}
	d := b.Items[1]
	if d.Number != m.numbers["D"] || !d.Overdue || d.Span() != "2天0小时" || d.ClockName != "办结" ||
		d.UnitName != "仙鹤社区" || d.CommunityName != "仙鹤社区" || d.CategoryName != "停车管理" || d.StateName != "处理中" {
		t.Errorf("D on the board: %+v %s", d, d.Span())
	}
	if f := b.Items[2]; f.Overdue || f.Span() != "2小时0分钟" {
		t.Errorf("F on the board: %+v", f)
	}
}

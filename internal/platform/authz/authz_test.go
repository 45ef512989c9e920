package authz

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestScopeCovers(t *testing.T) {
	cases := []struct {
		grant, target Scope
		want          bool
	}{
		{District("320113"), Scope{Kind: ScopeStreet, Code: "320113001"}, true},
		{District("320113"), Scope{Kind: ScopeDepartment, Code: "320113D01"}, true},
		{District("320113"), Scope{Kind: ScopeStreet, Code: "320102002"}, false},
		{Scope{Kind: ScopeStreet, Code: "320113001"}, Scope{Kind: ScopeGrid, Code: "320113001002003"}, true},
		{Scope{Kind: ScopeStreet, Code: "320113001"}, Scope{Kind: ScopeStreet, Code: "320113002"}, false},
		{Scope{Kind: ScopeCommunity, Code: "320113001002"}, Scope{Kind: ScopeStreet, Code: "320113001"}, false},
		{Scope{Kind: ScopeDepartment, Code: "320113D01"}, Scope{Kind: ScopeDepartment, Code: "320113D02"}, false},
		{Self(7), Self(7), true},
		{Self(7), Self(8), false},
		{District("320113"), Self(7), false},
		{Scope{}, District("320113"), false},
		// A reattached community: official code under the development zone,
		// attached to 马群街道.
		{Scope{Kind: ScopeStreet, Code: "320113002"}, Scope{Kind: ScopeCommunity, Code: "320113401001"}.WithUnder("320113002"), true},
		{Scope{Kind: ScopeStreet, Code: "320113007"}, Scope{Kind: ScopeCommunity, Code: "320113401001"}.WithUnder("320113002"), false},
		{Scope{Kind: ScopeCommunity, Code: "320113401001"}, Scope{Kind: ScopeGrid, Code: "320113401001002"}.WithUnder("320113002"), true},
	}
	for _, c := range cases {
		if got := c.grant.Covers(c.target); got != c.want {
			t.Errorf("%v covers %v = %v, want %v", c.grant, c.target, got, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	act := &Action{Name: "test.view", Title: "查看测试", Roles: []Role{RoleAdmin}}
	admin := &Actor{AccountID: 1, Kind: KindStaff, Grants: []Grant{{RoleAdmin, Scope{Kind: ScopeStreet, Code: "320113001"}}}}
	worker := &Actor{AccountID: 2, Kind: KindStaff, Grants: []Grant{{RoleGridWorker, District("320113")}}}
	if err := Check(admin, act, Scope{Kind: ScopeCommunity, Code: "320113001001"}); err != nil {
		t.Errorf("admin in scope: %v", err)
	}
	if err := Check(admin, act, Scope{Kind: ScopeCommunity, Code: "320113002001"}); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("admin out of scope: %v", err)
	}
	if err := Check(worker, act, Scope{}); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("wrong role: %v", err)
	}
	if err := Check(nil, act, Scope{}); apperr.CodeOf(err) != apperr.CodeUnauthorized {
		t.Errorf("anonymous: %v", err)
	}
	if err := Check(System("320113"), act, Scope{Kind: ScopeStreet, Code: "320113001"}); err != nil {
		t.Errorf("system: %v", err)
	}
}

func TestParseScopeRoundTrip(t *testing.T) {
	for _, s := range []Scope{District("320113"), {Kind: ScopeGrid, Code: "320113001002003"}, Self(9)} {
		got, ok := ParseScope(s.String())
		if !ok || got != s {
			t.Errorf("ParseScope(%q) = %v, %v", s.String(), got, ok)
		}
	}
	for _, bad := range []string{"", "district", "planet:1", "street:"} {
		if _, ok := ParseScope(bad); ok {
			t.Errorf("ParseScope(%q) accepted", bad)
		}
	}
}

package identity_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestDisplayNamesStaysInTheDistrict(t *testing.T) {
	f := newFixture(t)
	_, id := f.staff(t, authz.RoleGridWorker, authz.Scope{Kind: authz.ScopeCommunity, Code: "320113001001"})
	names, err := f.s.DisplayNames(f.ctx, district, []int64{id, 999999})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[id] == "" {
		t.Fatalf("names = %v", names)
	}
	other, err := f.s.DisplayNames(f.ctx, "320102", []int64{id})
	if err != nil || len(other) != 0 {
		t.Fatalf("another district sees %v, %v", other, err)
	}
}

package catalog

import (
	"context"
	"slices"
	"testing"
)

func TestNamesOfFallsBackToTheAccountID(t *testing.T) {
	vs := []Version{{CreatedBy: 12, PublishedBy: 7}, {CreatedBy: 12}, {CreatedBy: 0}}
	var asked []int64
	h := &Handlers{staffNames: func(_ context.Context, ids []int64) map[int64]string {
		asked = append(asked, ids...)
		return map[int64]string{7: "张三"}
	}}
	names := h.namesOf(context.Background(), vs)
	slices.Sort(asked)
	if !slices.Equal(asked, []int64{7, 12}) {
		t.Errorf("asked for %v, want each account once", asked)
	}
	for id, want := range map[int64]string{7: "张三", 12: "账号 #12", 0: ""} {
		if got := names.Of(id); got != want {
			t.Errorf("Of(%d) = %q, want %q", id, got, want)
		}
	}

	// Without StaffNames (package tests, tools) every account shows its id.
	if got := (&Handlers{}).namesOf(context.Background(), vs).Of(7); got != "账号 #7" {
		t.Errorf("without StaffNames: %q", got)
	}
}

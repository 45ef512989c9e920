package workorder

import (
	"context"
	"errors"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func TestGazetteer(t *testing.T) {
	r := newRig(t)
	sts, err := r.s.Gazetteer(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	if len(sts) != 9 {
		t.Fatalf("%d streets", len(sts))
	}
	g, _ := r.s.gazetteer(r.ctx, district)
	seen := map[Point]string{}
	total := 0
	for _, st := range sts {
		for _, c := range st.Communities {
			total++
			if d := distanceKM(st.Centre, c.Centre); d > spreadKM+0.01 {
				t.Errorf("%s is %.2f km from %s's centre", c.Name, d, st.Name)
			}
			if !QixiaBox.Contains(c.Centre) {
				t.Errorf("%s's centre is outside the district", c.Name)
			}
			if other, dup := seen[c.Centre]; dup {
				t.Errorf("%s and %s share a centre", c.Name, other)
			}
			seen[c.Centre] = c.Name
			// A position on a community's centre resolves to it.
			if got, ok := g.nearest(c.Centre); !ok || got.Code != c.Code {
				t.Errorf("nearest to %s's centre is %s", c.Name, got.Name)
			}
		}
	}
	if total < 120 {
		t.Errorf("%d communities placed", total)
	}
	// The spread is deterministic: a fresh load gives the same centres.
	again, err := r.s.loadGazetteer(r.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	for code, c := range g.byCode {
		if again.byCode[code].Centre != c.Centre {
			t.Errorf("%s moved", c.Name)
		}
	}
}

func TestByAddress(t *testing.T) {
	r := newRig(t)
	g, _ := r.s.gazetteer(r.ctx, district)
	cases := []struct{ addr, want string }{
		{"栖霞区仙林街道仙鹤社区某小区", "仙鹤社区"},
		{"仙林街道仙鹤门附近", "仙鹤社区"},      // the stem, with the street named
		{"仙鹤门附近", ""},              // a stem alone is not enough
		{"南京市鼓楼区中山路1号", ""},        // nothing named
		{"尧化街道尧化新村社区3栋", "尧化新村社区"}, // the longer name wins over 尧化社区
	}
	for _, c := range cases {
		got, ok := g.byAddress(c.addr)
		if ok != (c.want != "") || ok && got.Name != c.want {
			t.Errorf("%s: %q %v, want %q", c.addr, got.Name, ok, c.want)
		}
	}
}

func TestFiledHooks(t *testing.T) {
	r := newRig(t)
	var seen []string
	r.s.OnFiled(func(_ context.Context, tx *db.Tx, o Order) error {
		seen = append(seen, o.Number)
		if o.CategoryCode == "CG-05" {
			return errors.New("dispatch failed")
		}
		return nil
	})
	f, err := r.s.File(r.ctx, resident(7), r.parkingRequest("仙鹤社区"))
	if err != nil || len(seen) != 1 || seen[0] != f.Order.Number {
		t.Fatalf("hook saw %v (%v)", seen, err)
	}
	in := FileInput{Category: "CG-05", Description: "小广告", Community: r.communities["仙鹤社区"].Code}
	if _, err := r.s.File(r.ctx, resident(7), in); err == nil {
		t.Fatal("a failing hook did not fail the filing")
	}
	if n := r.count(t, `SELECT COUNT(*) FROM workorders`); n != 1 {
		t.Errorf("%d orders after a failed hook", n)
	}
}

package catalog

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// catalogue publishes three items: a 许可 at district and street level
// without visits, a 公共服务 at community level needing one visit with
// door-to-door service, and a draft-only 确认.
func catalogue(t *testing.T) *Service {
	t.Helper()
	s, _, _ := newService(t)
	a := validItem("A-320113")
	b := validItem("B-320113")
	b.Name, b.ItemType, b.Department = "居家养老服务补贴申领", TypePublicService, "区民政局"
	b.ExerciseLevels, b.Visits, b.Online, b.Agent, b.DoorToDoor = []Level{LevelCommunity}, 1, false, false, true
	c := validItem("C-320113")
	c.Name, c.ItemType = "100%_纯草稿", TypeConfirmation
	mustPublish(t, s, a)
	mustPublish(t, s, b)
	if _, err := s.SaveDraft(context.Background(), admin(), c); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestList(t *testing.T) {
	s := catalogue(t)
	yes, no := true, false
	cases := []struct {
		f    Filter
		want []string
	}{
		{Filter{}, []string{"A-320113", "B-320113", "C-320113"}},
		{Filter{Type: TypePublicService}, []string{"B-320113"}},
		{Filter{Department: "区民政局"}, []string{"B-320113"}},
		{Filter{Level: LevelStreet}, []string{"A-320113", "C-320113"}},
		{Filter{Online: &no}, []string{"B-320113"}},
		{Filter{Online: &yes, Status: StatePublished}, []string{"A-320113"}},
		{Filter{Status: StateDraft}, []string{"C-320113"}},
		{Filter{Q: "养老"}, []string{"B-320113"}},
		{Filter{Q: "%"}, []string{"C-320113"}},
		{Filter{Q: "_"}, []string{"C-320113"}},
		{Filter{Q: "' OR 1=1 --"}, nil},
	}
	for _, c := range cases {
		got, err := s.List(context.Background(), admin(), c.f, Page{})
		if err != nil {
			t.Fatalf("%+v: %v", c.f, err)
		}
		var codes []string
		for _, it := range got.Items {
			codes = append(codes, it.ImplCode)
		}
		if len(codes) != len(c.want) || got.Total != len(c.want) || (len(codes) > 0 && codes[0] != c.want[0]) {
			t.Errorf("%+v = %v (total %d), want %v", c.f, codes, got.Total, c.want)
		}
	}
	page, _ := s.List(context.Background(), admin(), Filter{}, Page{Limit: 1, Offset: 1})
	if len(page.Items) != 1 || page.Items[0].ImplCode != "B-320113" || page.Total != 3 {
		t.Errorf("page 2 = %+v", page)
	}
	for _, bad := range []Filter{{Type: "99"}, {Level: "city"}, {Status: "lost"}, {Q: string(make([]rune, 51))}} {
		if _, err := s.List(context.Background(), admin(), bad, Page{}); apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("filter %+v: %v", bad, err)
		}
	}
}

func TestCounts(t *testing.T) {
	s := catalogue(t)
	ctx := context.Background()
	c, err := s.Counts(ctx, admin(), district)
	if err != nil {
		t.Fatal(err)
	}
	if c.Total != 2 || c.ByType[TypeLicence] != 1 || c.ByType[TypePublicService] != 1 || c.ByType[TypeConfirmation] != 0 {
		t.Errorf("by type: %+v", c)
	}
	if c.Contactless != 1 || c.Agent != 1 || c.DoorToDoor != 1 {
		t.Errorf("by channel: %+v", c)
	}
	if c.ByLevel[LevelDistrict] != 1 || c.ByLevel[LevelStreet] != 1 || c.ByLevel[LevelCommunity] != 1 {
		t.Errorf("by level: %+v", c.ByLevel)
	}
	// A version scheduled for later does not count yet; a withdrawn item not at all.
	b := validItem("B-320113")
	if _, err := s.SaveDraft(ctx, admin(), b); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, admin(), "B-320113", testNow.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Withdraw(ctx, admin(), "A-320113"); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Counts(ctx, admin(), district)
	if c.Total != 1 || c.DoorToDoor != 1 || c.Contactless != 0 {
		t.Errorf("after schedule and withdrawal: %+v", c)
	}
}

package catalog

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

func findCodes(t *testing.T, s *Searcher, q Query) []string {
	t.Helper()
	res, err := s.Find(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.Item.ImplCode)
	}
	return out
}

// TestSearcherFollowsTheCatalogue checks that the index sees a publication,
// a withdrawal and a version taking effect later, within the recheck time.
func TestSearcherFollowsTheCatalogue(t *testing.T) {
	ctx := context.Background()
	svc, _, clk := newService(t)
	s := svc.NewSearcher(district)
	if got := findCodes(t, s, Query{Q: "食品经营"}); len(got) != 0 {
		t.Fatalf("empty catalogue found %v", got)
	}
	it := validItem("A-320113")
	if _, err := svc.SaveDraft(ctx, admin(), it); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Publish(ctx, admin(), it.ImplCode, clk.Now()); err != nil {
		t.Fatal(err)
	}
	if got := findCodes(t, s, Query{Q: "食品经营"}); len(got) != 0 {
		t.Fatalf("index refreshed before the recheck time: %v", got)
	}
	clk.Advance(recheckEvery)
	if got := findCodes(t, s, Query{Q: "食品经营"}); len(got) != 1 || got[0] != it.ImplCode {
		t.Fatalf("after publication: %v", got)
	}

	// A second version renamed, effective tomorrow: today's name stays
	// until the effective date passes, then the new one is found at once.
	it.Name = "居住证办理"
	if _, err := svc.SaveDraft(ctx, admin(), it); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Publish(ctx, admin(), it.ImplCode, clk.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	clk.Advance(recheckEvery)
	if got := findCodes(t, s, Query{Q: "居住证办理"}); len(got) != 0 {
		t.Fatalf("future version found early: %v", got)
	}
	clk.Advance(24 * time.Hour)
	if got := findCodes(t, s, Query{Q: "居住证办理"}); len(got) != 1 {
		t.Fatalf("version in force not found: %v", got)
	}

	if err := svc.Withdraw(ctx, admin(), it.ImplCode); err != nil {
		t.Fatal(err)
	}
	clk.Advance(recheckEvery)
	if got := findCodes(t, s, Query{}); len(got) != 0 {
		t.Fatalf("withdrawn item still listed: %v", got)
	}
}

func TestSearcherBrowsesAndRefusesBadQueries(t *testing.T) {
	ctx := context.Background()
	svc, _, clk := newService(t)
	items, err := DemoItems()
	if err != nil {
		t.Fatal(err)
	}
	var mine []Item
	for _, it := range items {
		if testDepts[it.Department] && len(it.Bundle) == 0 {
			mine = append(mine, it)
		}
	}
	if _, err := svc.Seed(ctx, admin(), mine, clk.Now()); err != nil {
		t.Fatal(err)
	}
	s := svc.NewSearcher(district)
	res, err := s.Find(ctx, Query{LifeEvent: "婚育", Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < 3 || len(res.Hits) != 2 {
		t.Fatalf("browse 婚育: %d of %d", len(res.Hits), res.Total)
	}
	for _, h := range res.Hits {
		if len(h.Matched) != 0 || h.Item.LifeEvents == nil {
			t.Errorf("browse hit %s: %+v", h.Item.Name, h.Matched)
		}
	}
	res, err = s.Find(ctx, Query{Q: "生二胎", Department: "区卫健委"})
	if err != nil || len(res.Hits) == 0 || res.Hits[0].Item.ImplCode != "201900300000-320113" {
		t.Fatalf("生二胎 in 区卫健委: %v %+v", err, res.Hits)
	}
	for _, h := range res.Hits {
		if h.Item.Department != "区卫健委" {
			t.Errorf("department filter let %s of %s through", h.Item.Name, h.Item.Department)
		}
	}
	// Concurrent searches while the index is due for a check all answer.
	clk.Advance(recheckEvery)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			if res, err := s.Find(ctx, Query{Q: "结婚"}); err != nil || res.Total == 0 {
				errs <- fmt.Errorf("concurrent search: %v, %d hits", err, res.Total)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := findCodes(t, s, Query{Q: "？！"}); len(got) != 0 {
		t.Errorf("punctuation alone found %v", got)
	}
	if got := findCodes(t, s, Query{Q: "  ", Limit: 5}); len(got) != 5 {
		t.Errorf("a blank query should browse, got %v", got)
	}
	if _, err := s.Find(ctx, Query{Q: string(make([]rune, MaxSearchRunes+1))}); err == nil {
		t.Error("an over-long query was accepted")
	}
}

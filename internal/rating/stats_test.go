package rating_test

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestStats: satisfaction = top three levels / all rated; rectification =
// closed cases / bad ratings; invitations not yet rated do not count.
func TestStats(t *testing.T) {
	f := newFixture(t)
	levels := []rating.Level{5, 4, 3, 3, 2, 1}
	for i, l := range levels {
		id := int64(i + 1)
		f.decide(t, id, alice, deptA)
		f.rate(t, alice, id, rating.Input{Level: l})
	}
	f.decide(t, 7, alice, deptB) // invited, not rated
	xs, err := f.s.ListRectifications(f.ctx, admin, rating.Filter{})
	if err != nil || len(xs) != 2 {
		t.Fatalf("cases = %+v, %v", xs, err)
	}
	if _, err := f.s.AddCallback(f.ctx, approverA, xs[0].ID, rating.CallbackInput{Note: "已回访", Reached: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Submit(f.ctx, approverA, xs[0].ID, rating.SubmitInput{Measures: "已整改"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Review(f.ctx, leader, xs[0].ID, rating.ReviewInput{Outcome: rating.Accepted}); err != nil {
		t.Fatal(err)
	}
	st, err := f.s.Stats(f.ctx, district)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total.Rated != 6 || st.Total.Good != 4 || st.Total.Bad != 2 || st.Total.Rectified != 1 ||
		st.Total.SatisfactionRate != 66.7 || st.Total.RectificationRate != 50 {
		t.Fatalf("total = %+v", st.Total)
	}
	if len(st.Departments) != 1 || st.Departments[0].Code != deptA || st.Departments[0].Name != "区市场监管局" ||
		st.Departments[0].Rated != 6 {
		t.Fatalf("departments = %+v", st.Departments)
	}
	if len(st.Points) != 1 || st.Points[0].Name != "尧化街道为民服务中心" || st.Points[0].SatisfactionRate != 66.7 {
		t.Fatalf("points = %+v", st.Points)
	}
	empty, err := f.s.Stats(f.ctx, "320114")
	if err != nil || empty.Total.Rated != 0 || empty.Total.SatisfactionRate != 0 || empty.Total.RectificationRate != 100 {
		t.Fatalf("empty district = %+v, %v", empty, err)
	}
}

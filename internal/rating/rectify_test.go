package rating_test

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestBadRatingOpensCase: 不满意 and 非常不满意 open a case due at the end
// of the fifth working day; 基本满意 does not.
func TestBadRatingOpensCase(t *testing.T) {
	f := newFixture(t)
	x := f.badCase(t, 1)
	// Monday 2026-03-02 + 5 working days = Monday 2026-03-09, 24:00 CST.
	due := time.Date(2026, 3, 9, 16, 0, 0, 0, time.UTC)
	if x.State != rating.StateOpen || !x.DueAt.Equal(due) || x.Department != deptA || x.Point != pointA ||
		x.Rating.Level != rating.VeryDissatisfied || x.Overdue {
		t.Fatalf("case = %+v", x)
	}
	f.decide(t, 2, alice, deptA)
	f.rate(t, alice, 2, rating.Input{Level: rating.Fair})
	f.decide(t, 3, alice, deptA)
	f.rate(t, alice, 3, rating.Input{Level: rating.Dissatisfied, Tags: []string{"等待时间长"}})
	xs, err := f.s.ListRectifications(f.ctx, admin, rating.Filter{})
	if err != nil || len(xs) != 2 {
		t.Fatalf("cases = %+v, %v", xs, err)
	}
	f.clock.Set(due.Add(time.Second))
	if x, _ = f.s.GetRectification(f.ctx, admin, x.ID); !x.Overdue {
		t.Fatalf("case past its deadline not overdue: %+v", x)
	}
}

// TestRectifyDaysConfigurable: the deadline follows the configured days.
func TestRectifyDaysConfigurable(t *testing.T) {
	f := newFixture(t)
	s, err := rating.New(rating.Deps{DB: f.d, Notify: f.notes, Calendar: calendarDefault(), RectifyDays: 2})
	if err != nil {
		t.Fatal(err)
	}
	f.s = s
	x := f.badCase(t, 1)
	if want := time.Date(2026, 3, 4, 16, 0, 0, 0, time.UTC); !x.DueAt.Equal(want) {
		t.Fatalf("due = %v, want %v", x.DueAt, want)
	}
	_, err = rating.New(rating.Deps{DB: f.d, Notify: f.notes, Calendar: calendarDefault(), RectifyDays: -1})
	if err == nil {
		t.Fatal("negative days accepted")
	}
}

// TestRectificationLifecycle: callback, submit, return, callback again,
// submit, accept; each step recorded with who and when.
func TestRectificationLifecycle(t *testing.T) {
	f := newFixture(t)
	x := f.badCase(t, 1)
	_, err := f.s.Submit(f.ctx, approverA, x.ID, rating.SubmitInput{Measures: "已简化材料"})
	wantCode(t, err, apperr.CodeInvalid) // no callback yet
	f.clock.Set(start.Add(2 * time.Hour))
	x, err = f.s.AddCallback(f.ctx, frontA, x.ID, rating.CallbackInput{CalledAt: start.Add(time.Hour), Reached: true, Note: "已致歉并说明材料要求"})
	if err != nil || len(x.Callbacks) != 1 || x.Callbacks[0].CalledBy != frontA.AccountID || !x.Callbacks[0].CalledAt.Equal(start.Add(time.Hour)) {
		t.Fatalf("callback: %+v, %v", x, err)
	}
	if x, err = f.s.Submit(f.ctx, approverA, x.ID, rating.SubmitInput{Measures: "已简化材料清单"}); err != nil ||
		x.State != rating.StateSubmitted || x.SubmittedBy != approverA.AccountID || x.Measures != "已简化材料清单" {
		t.Fatalf("submit: %+v, %v", x, err)
	}
	_, err = f.s.AddCallback(f.ctx, frontA, x.ID, rating.CallbackInput{Note: "再次回访"})
	wantCode(t, err, apperr.CodeConflict)
	if x, err = f.s.Review(f.ctx, leader, x.ID, rating.ReviewInput{Outcome: rating.Returned, Note: "措施不具体"}); err != nil ||
		x.State != rating.StateOpen || x.Returns != 1 || x.ReviewNote != "措施不具体" {
		t.Fatalf("return: %+v, %v", x, err)
	}
	_, err = f.s.Review(f.ctx, leader, x.ID, rating.ReviewInput{Outcome: rating.Accepted})
	wantCode(t, err, apperr.CodeConflict) // not submitted
	if _, err = f.s.AddCallback(f.ctx, approverA, x.ID, rating.CallbackInput{Reached: true, Note: "告知整改措施"}); err != nil {
		t.Fatal(err)
	}
	if _, err = f.s.Submit(f.ctx, approverA, x.ID, rating.SubmitInput{Measures: "一次告知清单上墙"}); err != nil {
		t.Fatal(err)
	}
	if x, err = f.s.Review(f.ctx, admin, x.ID, rating.ReviewInput{Outcome: rating.Accepted}); err != nil ||
		x.State != rating.StateClosed || x.ReviewedBy != admin.AccountID || len(x.Callbacks) != 2 {
		t.Fatalf("accept: %+v, %v", x, err)
	}
	_, err = f.s.Review(f.ctx, admin, x.ID, rating.ReviewInput{Outcome: rating.Returned, Note: "再看看"})
	wantCode(t, err, apperr.CodeConflict)
}

// TestRectificationBadInput: each bad input names its field and changes
// nothing.
func TestRectificationBadInput(t *testing.T) {
	f := newFixture(t)
	x := f.badCase(t, 1)
	long := repeat("长", 1001)
	checks := []struct {
		name  string
		err   error
		field string
	}{
		{"empty note", second(f.s.AddCallback(f.ctx, frontA, x.ID, rating.CallbackInput{Note: "  "})), "note"},
		{"long note", second(f.s.AddCallback(f.ctx, frontA, x.ID, rating.CallbackInput{Note: long})), "note"},
		{"call in the future", second(f.s.AddCallback(f.ctx, frontA, x.ID, rating.CallbackInput{Note: "x", CalledAt: start.Add(time.Hour)})), "called_at"},
		{"call before the rating", second(f.s.AddCallback(f.ctx, frontA, x.ID, rating.CallbackInput{Note: "x", CalledAt: start.Add(-time.Hour)})), "called_at"},
		{"empty measures", second(f.s.Submit(f.ctx, approverA, x.ID, rating.SubmitInput{})), "measures"},
		{"no outcome", second(f.s.Review(f.ctx, leader, x.ID, rating.ReviewInput{})), "outcome"},
		{"return without a note", second(f.s.Review(f.ctx, leader, x.ID, rating.ReviewInput{Outcome: rating.Returned})), "note"},
	}
	for _, c := range checks {
		wantCode(t, c.err, apperr.CodeInvalid)
		if e, _ := apperr.As(c.err); e.Fields[c.field] == "" {
			t.Errorf("%s: %v does not name %s", c.name, c.err, c.field)
		}
	}
	_, err := f.s.GetRectification(f.ctx, admin, 999)
	wantCode(t, err, apperr.CodeNotFound)
	_, err = f.s.ListRectifications(f.ctx, admin, rating.Filter{State: "lost"})
	wantCode(t, err, apperr.CodeInvalid)
	if got, _ := f.s.GetRectification(f.ctx, admin, x.ID); len(got.Callbacks) != 0 || got.State != rating.StateOpen {
		t.Fatalf("case changed: %+v", got)
	}
}

func second[T any](_ T, err error) error { return err }

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

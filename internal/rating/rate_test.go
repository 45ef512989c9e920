package rating_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestRateOnce: the applicant rates once; the rating is stored with its
// tags in list order; a second rating is a conflict and changes nothing.
func TestRateOnce(t *testing.T) {
	f := newFixture(t)
	f.decide(t, 1, alice, deptA)
	r := f.rate(t, alice, 1, rating.Input{Level: rating.VerySatisfied, Tags: []string{"一次办成", "办事快捷", "一次办成"}, Comment: "  很快 "})
	if r.Level != rating.VerySatisfied || r.LevelName != "非常满意" || strings.Join(r.Tags, ",") != "办事快捷,一次办成" ||
		r.Comment != "很快" || !r.RatedAt.Equal(start) {
		t.Fatalf("rating = %+v", r)
	}
	_, err := f.s.Rate(f.ctx, alice, rating.CaseApplication, 1, rating.Input{Level: rating.VeryDissatisfied})
	wantCode(t, err, apperr.CodeConflict)
	got, err := f.s.Get(f.ctx, alice, rating.CaseApplication, 1)
	if err != nil || got.Level != rating.VerySatisfied || got.Comment != "很快" || len(got.Tags) != 2 {
		t.Fatalf("after second rating: %+v, %v", got, err)
	}
	if xs, _ := f.s.ListRectifications(f.ctx, admin, rating.Filter{}); len(xs) != 0 {
		t.Fatalf("a good rating opened %+v", xs)
	}
}

// TestRateBadInput: each bad input is a clear error naming the field, and
// leaves the case unrated.
func TestRateBadInput(t *testing.T) {
	f := newFixture(t)
	f.decide(t, 1, alice, deptA)
	f.cases[2] = alice.AccountID // alice's application, not yet decided
	cases := []struct {
		name  string
		who   int64
		kind  rating.CaseKind
		id    int64
		in    rating.Input
		code  apperr.Code
		field string
	}{
		{"level 0", 10, rating.CaseApplication, 1, rating.Input{}, apperr.CodeInvalid, "level"},
		{"level 6", 10, rating.CaseApplication, 1, rating.Input{Level: 6}, apperr.CodeInvalid, "level"},
		{"text too long", 10, rating.CaseApplication, 1, rating.Input{Level: 4, Comment: strings.Repeat("好", 501)}, apperr.CodeInvalid, "comment"},
		{"control character", 10, rating.CaseApplication, 1, rating.Input{Level: 4, Comment: "a\x00b"}, apperr.CodeInvalid, "comment"},
		{"unknown tag", 10, rating.CaseApplication, 1, rating.Input{Level: 4, Tags: []string{"价格便宜"}}, apperr.CodeInvalid, "tags"},
		{"tag of another level", 10, rating.CaseApplication, 1, rating.Input{Level: 5, Tags: []string{"多次跑腿"}}, apperr.CodeInvalid, "tags"},
		{"unknown kind", 10, "permit", 1, rating.Input{Level: 4}, apperr.CodeInvalid, "kind"},
		{"someone else's case", 11, rating.CaseApplication, 1, rating.Input{Level: 1}, apperr.CodeNotFound, ""},
		{"unknown case", 10, rating.CaseApplication, 99, rating.Input{Level: 4}, apperr.CodeNotFound, ""},
		{"before the decision", 10, rating.CaseApplication, 2, rating.Input{Level: 4}, apperr.CodeConflict, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.s.Rate(f.ctx, person(c.who), c.kind, c.id, c.in)
			wantCode(t, err, c.code)
			if e, _ := apperr.As(err); c.field != "" && e.Fields[c.field] == "" {
				t.Fatalf("error %v does not name %s", err, c.field)
			}
		})
	}
	got, err := f.s.Get(f.ctx, alice, rating.CaseApplication, 1)
	if err != nil || got.Rated() {
		t.Fatalf("case after bad inputs: %+v, %v", got, err)
	}
	_, err = f.s.Get(f.ctx, bob, rating.CaseApplication, 1)
	wantCode(t, err, apperr.CodeNotFound)
}

// TestTagsPerLevel: the good levels offer praise, the bad ones complaints.
func TestTagsPerLevel(t *testing.T) {
	for _, l := range rating.Levels {
		tags := l.Tags()
		if len(tags) == 0 {
			t.Fatalf("%s has no tags", l.Name())
		}
		if l.Bad() != (tags[0] == "材料要求多") {
			t.Fatalf("%s offers %v", l.Name(), tags)
		}
	}
	if rating.Level(0).Tags() != nil || rating.Level(0).Bad() || rating.Level(0).Name() != "未评价" {
		t.Fatal("level 0 is not a level")
	}
}

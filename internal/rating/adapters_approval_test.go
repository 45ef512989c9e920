package rating_test

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm/gmtest"
	"github.com/shanzhi-gov/shanzhi/internal/rating"
)

// TestApprovalCases: with the approval module's real applications, the
// applicant rating a draft learns it is not decided yet (409), another
// resident learns nothing (404); once the hook has run, the applicant
// rates it.
func TestApprovalCases(t *testing.T) {
	ctx := context.Background()
	c := clock.NewManual(start.Add(-24 * time.Hour))
	d := dbtest.Open(t, c)
	if _, err := org.ImportDivisions(ctx, d, district, org.EmbeddedSource()); err != nil {
		t.Fatal(err)
	}
	if _, err := org.SeedQixia(ctx, d); err != nil {
		t.Fatal(err)
	}
	o := org.New(d)
	cat := catalog.New(d, catalog.OrgDepartments{Org: o})
	if _, err := cat.SeedDemo(ctx, district); err != nil {
		t.Fatal(err)
	}
	c.Set(start)
	keys, idx := gmtest.Keys(t)
	ap := approval.New(approval.Deps{DB: d, Keys: keys, Index: idx, Catalog: cat, Org: o, Calendar: calendar.Default()})
	s, err := rating.New(rating.Deps{DB: d, Notify: &notifier{}, Calendar: calendar.Default(), Cases: rating.ApprovalCases{Approval: ap}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := ap.CreateDraft(ctx, alice, "012300100001-320113", false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Rate(ctx, alice, rating.CaseApplication, f.ID, rating.Input{Level: rating.Satisfied})
	wantCode(t, err, apperr.CodeConflict)
	_, err = s.Rate(ctx, bob, rating.CaseApplication, f.ID, rating.Input{Level: rating.Satisfied})
	wantCode(t, err, apperr.CodeNotFound)
	_, err = s.Get(ctx, alice, rating.CaseInspection, f.ID)
	wantCode(t, err, apperr.CodeNotFound)
	err = d.InTx(ctx, func(tx *db.Tx) error {
		return s.OpenRating(ctx, tx, approval.Decided{Application: f.Application})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Rate(ctx, alice, rating.CaseApplication, f.ID, rating.Input{Level: rating.Satisfied}); err != nil {
		t.Fatal(err)
	}
}

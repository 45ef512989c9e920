package supervision

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestEntityPageListsApprovalsAndResults(t *testing.T) {
	f := newFixture(t)
	task := f.commitmentTask(t, 1, "仙林街道")
	code := foodShop("")["credit_code"].(string)
	e, err := f.s.Entity(f.ctx, "q", code)
	if err != nil || e.Name != "栖霞小厨餐饮店" || len(e.Approvals) != 1 || len(e.Inspections) != 0 ||
		e.Approvals[0].DecisionNo != "栖许1" || e.Approvals[0].DecidedOn != "2026-03-02" {
		t.Fatalf("before the visit: %+v, %v", e, err)
	}
	in := compliant(task)
	in.Outcome, in.RectifyBy = OutcomeRectify, "2026-03-20"
	if _, err := f.s.RecordVisit(f.ctx, inspector(7, f.streets["仙林街道"]), task.ID, in); err != nil {
		t.Fatal(err)
	}
	e, err = f.s.Entity(f.ctx, "q", " "+code+" ")
	if err != nil || len(e.Inspections) != 1 {
		t.Fatalf("after the visit: %+v, %v", e, err)
	}
	got := e.Inspections[0]
	if got.Street != "仙林街道" || got.Outcome != OutcomeRectify || got.OutcomeName != "责令整改" ||
		got.RectifyBy != "2026-03-20" || got.VisitedOn != "2026-03-02" || got.Kind != "告知承诺核查" {
		t.Fatalf("published %+v", got)
	}
}

func TestNaturalPersonsAreNeverPublished(t *testing.T) {
	f := newFixture(t)
	// A person's application: no credit code, a person as the applicant.
	a := f.decided(t, 1, map[string]any{"shop_name": "小店", "premises": "栖霞区仙林街道1号"}, itemTrade)
	a.Parties = []approval.Party{{Role: approval.PartyApplicant, SubjectKind: "person", Name: "王小栖", Code: goodID}}
	f.apps[1] = a
	// A sole trader whose shop bears its operator's name.
	b := f.decided(t, 2, map[string]any{"shop_name": "栖霞区王小栖小吃店", "premises": "栖霞区仙林街道2号",
		"credit_code": credit.MakeEntityCode(43), "legal_rep": "王小栖"}, itemTrade)
	f.apps[2] = b
	for _, id := range []int64{1, 2} {
		if _, err := f.s.Push(f.ctx, PushArgs{ApplicationID: id, District: district}); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM supervision_approvals`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("public rows = %d, %v", n, err)
	}
	e, err := f.s.Entity(f.ctx, "code", credit.MakeEntityCode(43))
	if err != nil || e.Name != "栖霞区***小吃店" {
		t.Fatalf("sole trader published as %+v, %v", e, err)
	}
}

func TestEntityLookupRefusesBadCodes(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name, code string
		want       apperr.Code
	}{
		{"empty", "", apperr.CodeInvalid},
		{"too short", "91320113", apperr.CodeInvalid},
		{"an ID number", goodID, apperr.CodeInvalid},
		{"valid but nothing published", credit.MakeEntityCode(99), apperr.CodeNotFound},
	}
	for _, tt := range tests {
		_, err := f.s.Entity(f.ctx, "q", tt.code)
		e, _ := apperr.As(err)
		if apperr.CodeOf(err) != tt.want || (tt.want == apperr.CodeInvalid && e.Fields["q"] == "") {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}

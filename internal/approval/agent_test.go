package approval

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestAgentFilesForTheApplicant(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Another resident, a front desk without the assignment, nobody before
	// authorisation: all refused.
	ag, err := f.svc.RequestAgent(ctx, resident(11), itemSoleTrader, "请帮我办理个体户登记")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.AssignAgent(ctx, resident(11), ag.ID, frontDesk.AccountID); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("resident assigned the agent: %v", err)
	}
	if err := f.svc.AssignAgent(ctx, frontDesk, ag.ID, frontDesk.AccountID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.CreateDraftFor(ctx, frontDesk, ag.ID, true); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("agent filed before authorisation: %v", err)
	}
	if _, err := f.svc.Authorise(ctx, resident(12), ag.ID); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another resident authorised: %v", err)
	}
	if _, err := f.svc.Authorise(ctx, resident(11), ag.ID); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("authorised without the real-name check: %v", err)
	}
	f.ident.levels[11] = LevelCarrier
	if _, err := f.svc.Authorise(ctx, resident(11), ag.ID); err != nil {
		t.Fatal(err)
	}
	if f.signer.docs[len(f.signer.docs)-1].Kind != "authorization" {
		t.Error("authorisation letter not signed")
	}
	app, err := f.svc.CreateDraftFor(ctx, frontDesk, ag.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	if app.ApplicantID != 11 || app.AgentID != frontDesk.AccountID {
		t.Fatalf("draft applicant %d agent %d", app.ApplicantID, app.AgentID)
	}
	if _, err := f.svc.CreateDraftFor(ctx, frontDesk2, ag.ID, true); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("another front desk filed under the authorisation: %v", err)
	}
	// The agent fills, uploads and submits without the applicant's face
	// check: the signed authorisation stands for it.
	d := Draft{Form: fillForm(app.Items), Parties: []Party{{Role: PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: goodID}}}
	var ups []Upload
	for _, fd := range MergedForm(app.Items) {
		if fd.Required && fd.Type == catalog.FieldFile {
			ups = append(ups, Upload{Field: fd.Name, Name: "x.pdf", Data: pdfBytes})
		}
	}
	saved, err := f.svc.SaveDraftFiles(ctx, frontDesk, app.ID, app.Revision, d, ups)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range app.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := f.svc.AttachMaterial(ctx, frontDesk, app.ID, v.ImplCode, i, "x.pdf", pdfBytes); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	sub, err := f.svc.Submit(ctx, frontDesk, app.ID, saved.Revision)
	if err != nil {
		t.Fatal(err)
	}
	if sub.State != StateSubmitted {
		t.Fatalf("state = %s", sub.State)
	}
	// Both see it; the applicant in their list, the agent in theirs.
	if mine, _ := f.svc.Mine(ctx, resident(11), Page{}); len(mine) != 1 {
		t.Errorf("applicant lists %d", len(mine))
	}
	if filing, _ := f.svc.Filing(ctx, frontDesk, Page{}); len(filing) != 1 {
		t.Errorf("agent lists %d", len(filing))
	}
	// Revoked: the agent can no longer edit a returned application.
	if err := f.svc.Revoke(ctx, resident(11), ag.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Claim(ctx, frontDesk2, app.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.ReturnForCorrection(ctx, frontDesk2, app.ID, []Defect{{Target: "申请书", Reason: "未签字", Fix: "重新签署"}}); err != nil {
		t.Fatal(err)
	}
	back, _ := f.svc.Get(ctx, resident(11), app.ID)
	if _, err := f.svc.SaveDraft(ctx, frontDesk, app.ID, back.Revision, d); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("revoked agent edited: %v", err)
	}
}

func TestAgentOnlyForItemsOfferingIt(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// 个体工商户变更登记 offers no 代办 in the demo catalogue.
	if _, err := f.svc.RequestAgent(ctx, resident(11), "012300100002-320113", ""); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("agent for an item without 代办: %v", err)
	}
	if _, err := f.svc.RequestAgent(ctx, resident(11), "bogus-code", ""); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("unknown item: %v", err)
	}
	if _, err := f.svc.RequestAgent(ctx, frontDesk, itemSoleTrader, ""); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("front desk requested an agent for itself: %v", err)
	}
}

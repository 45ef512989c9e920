package approvaltest

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// PDF is the smallest file the approval service takes as a PDF upload.
var PDF = []byte("%PDF-1.4\n%%EOF\n")

// Filing is an application to file and accept.
type Filing struct {
	Applicant     *authz.Actor // the resident who files
	FrontDesk     *authz.Actor // the front desk that claims and accepts it
	Item          string       // the implementation code of the item filed
	UseCommitment bool         // file on a commitment (告知承诺) where the bundle allows
	Person        Person       // the legal representative and the ID number answered
}

// FileAndAccept files f with every required answer, upload and material,
// submits it, and has the front desk claim and accept it. It returns the
// application's id.
func FileAndAccept(ctx context.Context, a *approval.Service, f Filing) (int64, error) {
	app, err := a.CreateDraft(ctx, f.Applicant, f.Item, f.UseCommitment)
	if err != nil {
		return 0, fmt.Errorf("approvaltest: draft: %w", err)
	}
	d := approval.Draft{Form: Answers(app.Items, f.Person.IDNumber), UseCommitment: f.UseCommitment,
		Parties: []approval.Party{{Role: approval.PartyLegalRep, SubjectKind: "person", Name: f.Person.Name, Code: f.Person.IDNumber}}}
	var ups []approval.Upload
	for _, fd := range approval.MergedForm(app.Items) {
		if fd.Required && fd.Type == catalog.FieldFile {
			ups = append(ups, approval.Upload{Field: fd.Name, Name: fd.Label + ".pdf", Data: PDF})
		}
	}
	saved, err := a.SaveDraftFiles(ctx, f.Applicant, app.ID, app.Revision, d, ups)
	if err != nil {
		return 0, fmt.Errorf("approvaltest: save draft: %w", err)
	}
	for _, v := range app.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := a.AttachMaterial(ctx, f.Applicant, app.ID, v.ImplCode, i, m.Name+".pdf", PDF); err != nil {
					return 0, fmt.Errorf("approvaltest: material %s: %w", m.Name, err)
				}
			}
		}
	}
	if _, err := a.Submit(ctx, f.Applicant, app.ID, saved.Revision); err != nil {
		return 0, fmt.Errorf("approvaltest: submit: %w", err)
	}
	if _, err := a.Claim(ctx, f.FrontDesk, app.ID); err != nil {
		return 0, fmt.Errorf("approvaltest: claim: %w", err)
	}
	if _, err := a.Accept(ctx, f.FrontDesk, app.ID); err != nil {
		return 0, fmt.Errorf("approvaltest: accept: %w", err)
	}
	return app.ID, nil
}

// Answers fills every required, non-file field of the items' form validly:
// idNumber for ID numbers, premises in 仙林街道, the first option of each
// choice.
func Answers(items []catalog.Version, idNumber string) map[string]any {
	out := map[string]any{}
	for _, fd := range approval.MergedForm(items) {
		if !fd.Required || fd.Type == catalog.FieldFile {
			continue
		}
		switch fd.Type {
		case catalog.FieldIDNumber:
			out[fd.Name] = idNumber
		case catalog.FieldPhone:
			out[fd.Name] = "13800000001"
		case catalog.FieldAddress:
			out[fd.Name] = "栖霞区仙林街道文苑路9号"
		case catalog.FieldNumber:
			out[fd.Name] = "10"
		case catalog.FieldDate:
			out[fd.Name] = "2026-03-01"
		case catalog.FieldChoice:
			out[fd.Name] = fd.Options[0]
		case catalog.FieldMultiChoice:
			out[fd.Name] = []any{fd.Options[0]}
		default:
			out[fd.Name] = "栖霞小馆"
		}
	}
	return out
}

// Decide completes every task of application id, each by whichever of the
// approvers may claim it (a review by one, a check by another, as the
// department's rules want), with outcome and opinion. A step that does
// not allow outcome (a refusal where only approval is possible) is
// approved instead, so that the application reaches its decision.
func Decide(ctx context.Context, a *approval.Service, id int64, outcome approval.Outcome, opinion string,
	approvers ...*authz.Actor) error {
	for range 10 {
		done := true
		for _, who := range approvers {
			entries, err := a.Inbox(ctx, who)
			if err != nil {
				return fmt.Errorf("approvaltest: inbox: %w", err)
			}
			for _, e := range entries {
				if e.Task.ApplicationID != id {
					continue
				}
				done = false
				if _, err := a.ClaimTask(ctx, who, e.Task.ID); err != nil {
					continue // another approver must take it
				}
				if err := complete(ctx, a, who, e.Task.ID, outcome, opinion); err != nil {
					return err
				}
			}
		}
		if done {
			return nil
		}
	}
	return fmt.Errorf("approvaltest: application %d still has tasks after 10 rounds", id)
}

// complete completes a task with outcome, falling back to approval when
// outcome is something else and the step refuses it.
func complete(ctx context.Context, a *approval.Service, who *authz.Actor, task int64, outcome approval.Outcome, opinion string) error {
	_, err := a.CompleteTask(ctx, who, task, outcome, opinion)
	if err != nil && outcome != approval.OutcomeApprove {
		_, err = a.CompleteTask(ctx, who, task, approval.OutcomeApprove, "同意")
	}
	if err != nil {
		return fmt.Errorf("approvaltest: complete task %d: %w", task, err)
	}
	return nil
}

package supervision

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// The gates below stand in for the verify, credit and esign modules so
// that the real approval service can decide applications here; the app's
// tests run the real ones together.

const goodID = "320113198505120031"

type passIdentity struct{}

func (passIdentity) Require(_ context.Context, _ int64, purpose string, _ int) (approval.Verified, error) {
	return approval.Verified{ID: "ver-" + purpose, Name: "王小栖", IDNumber: goodID}, nil
}

func (passIdentity) Consume(context.Context, *db.Tx, int64, string, string, int) (string, error) {
	return "王小栖", nil
}

type passCredit struct{}

func (passCredit) Admit(context.Context, approval.CreditRequest) (approval.CreditResult, error) {
	res := approval.CreditResult{Outcome: approval.CreditPass}
	res.Decision, _ = json.Marshal(res)
	return res, nil
}

type nopSigner struct{}

func (nopSigner) Sign(context.Context, *db.Tx, approval.SignDoc) (string, error) { return "sig", nil }

// Staff of the approval rig.
var (
	frontDesk = &authz.Actor{AccountID: 21, Kind: authz.KindStaff, Name: "窗口", District: district,
		Grants: []authz.Grant{{Role: authz.RoleFrontDesk, Scope: authz.Scope{Kind: authz.ScopeServicePoint, Code: "320113001P01"}}}}
	reviewer = approver(31)
	checker  = approver(32)
)

func approver(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindStaff, Name: "审批", District: district,
		Grants: []authz.Grant{{Role: authz.RoleApprover, Scope: authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D23"}}}}
}

func applicant(id int64) *authz.Actor {
	return &authz.Actor{AccountID: id, Kind: authz.KindResident, Name: "王*", District: district,
		Grants: []authz.Grant{{Role: authz.RoleResident, Scope: authz.Self(id)}}}
}

// withApproval adds a real approval service to the fixture, with
// QueueInspection hooked to its decisions, and makes it the source of
// applications.
func (f *fixture) withApproval(t testing.TB) *approval.Service {
	t.Helper()
	keys, _ := gm.NewKeyring("k1", map[string][]byte{"k1": randomKey(gm.KeySize)})
	idx, _ := gm.NewBlindIndexer("i1", map[string][]byte{"i1": randomKey(32)})
	a := approval.New(approval.Deps{DB: f.d, Keys: keys, Index: idx, Catalog: f.cat, Org: org.New(f.d),
		Files: files.New(f.d, keys), Jobs: f.s.Jobs, Calendar: calendar.Default(),
		Gates: approval.Gates{Identity: passIdentity{}, Credit: passCredit{}, Signer: nopSigner{},
			Shared: approval.SharedDataSimulator{}}})
	a.OnDecided(f.s.QueueInspection)
	f.s.Applications = a
	return a
}

var pdfBytes = []byte("%PDF-1.4\n%%EOF\n")

// fileAndAccept files the sole-trader bundle (with the food licence on a
// commitment) for a resident at premises in 仙林街道, and accepts it.
func fileAndAccept(ctx context.Context, a *approval.Service, who int64) (int64, error) {
	app, err := a.CreateDraft(ctx, applicant(who), itemTrade, true)
	if err != nil {
		return 0, err
	}
	d := approval.Draft{Form: answers(app.Items), UseCommitment: true,
		Parties: []approval.Party{{Role: approval.PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: goodID}}}
	var ups []approval.Upload
	for _, fd := range approval.MergedForm(app.Items) {
		if fd.Required && fd.Type == catalog.FieldFile {
			ups = append(ups, approval.Upload{Field: fd.Name, Name: fd.Label + ".pdf", Data: pdfBytes})
		}
	}
	saved, err := a.SaveDraftFiles(ctx, applicant(who), app.ID, app.Revision, d, ups)
	if err != nil {
		return 0, err
	}
	for _, v := range app.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := a.AttachMaterial(ctx, applicant(who), app.ID, v.ImplCode, i, m.Name+".pdf", pdfBytes); err != nil {
					return 0, err
				}
			}
		}
	}
	if _, err := a.Submit(ctx, applicant(who), app.ID, saved.Revision); err != nil {
		return 0, err
	}
	if _, err := a.Claim(ctx, frontDesk, app.ID); err != nil {
		return 0, err
	}
	_, err = a.Accept(ctx, frontDesk, app.ID)
	return app.ID, err
}

// answers fills every required, non-file field.
func answers(items []catalog.Version) map[string]any {
	out := map[string]any{}
	for _, fd := range approval.MergedForm(items) {
		if !fd.Required || fd.Type == catalog.FieldFile {
			continue
		}
		switch fd.Type {
		case catalog.FieldIDNumber:
			out[fd.Name] = goodID
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

// approve completes every task of the application: reviews by one
// approver, checks by another, as the department's rules want.
func approve(ctx context.Context, a *approval.Service, id int64) error {
	for round := 0; round < 10; round++ {
		done := true
		for _, who := range []*authz.Actor{reviewer, checker} {
			entries, err := a.Inbox(ctx, who)
			if err != nil {
				return err
			}
			for _, e := range entries {
				if e.Task.ApplicationID != id {
					continue
				}
				done = false
				if _, err := a.ClaimTask(ctx, who, e.Task.ID); err != nil {
					continue // the other approver must take it
				}
				if _, err := a.CompleteTask(ctx, who, e.Task.ID, approval.OutcomeApprove, "同意"); err != nil {
					return err
				}
			}
		}
		if done {
			return nil
		}
	}
	return nil
}

// queuedPush reads the push job the decision queued.
func queuedPush(t testing.TB, d *db.DB, appID int64) PushArgs {
	t.Helper()
	col := "json(args)" // SQLite keeps River's args as JSONB
	if d.Engine == db.Postgres {
		col = "args::text"
	}
	rows, err := d.Query(context.Background(), `SELECT `+col+` FROM river_job WHERE kind = ?`, PushArgs{}.Kind())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var raw []byte
		var args PushArgs
		if err := rows.Scan(&raw); err != nil || json.Unmarshal(raw, &args) != nil {
			t.Fatalf("push args %q: %v", raw, err)
		}
		if args.ApplicationID == appID {
			return args
		}
	}
	t.Fatalf("no push queued for application %d", appID)
	return PushArgs{}
}

package delivery_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/delivery"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// The gates below stand in for the verify, credit and esign modules so
// that the real approval service decides applications here.

type passIdentity struct{}

func (passIdentity) Require(_ context.Context, _ int64, purpose string, _ int) (approval.Verified, error) {
	return approval.Verified{ID: "ver-" + purpose, Name: "王小栖", IDNumber: aliceID}, nil
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

// itemTrade is the demo catalogue's 个体工商户设立登记.
const itemTrade = "012300100001-320113"

var (
	reviewer = staff(31, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D23"})
	checker  = staff(32, authz.RoleApprover, authz.Scope{Kind: authz.ScopeDepartment, Code: "320113D23"})
)

// TestDecisionThroughApproval: with the hook registered on the real
// approval service, deciding an application opens its delivery with the
// application's and the decision's numbers.
func TestDecisionThroughApproval(t *testing.T) {
	f := newFixture(t)
	a := f.approval(t)
	id := f.fileAndAccept(t, a)
	f.decideAll(t, a, id, approval.OutcomeApprove)
	got, err := a.Get(f.ctx, alice, id)
	if err != nil || got.Decision != "approved" {
		t.Fatalf("application %s %q, %v", got.State, got.Decision, err)
	}
	d := f.byApp(t, alice, id)
	if d.State != delivery.StateAwaiting || d.ApplicationNo != got.Number || d.DecisionNo != got.DecisionNo ||
		d.DecisionNo == "" || d.ItemName != got.ItemName {
		t.Fatalf("delivery = %+v, application %+v", d, got.Application)
	}
	refused := f.fileAndAccept(t, a)
	f.decideAll(t, a, refused, approval.OutcomeRefuse)
	if got, err := a.Get(f.ctx, alice, refused); err != nil || got.Decision != "refused" {
		t.Fatalf("application %s %q, %v", got.State, got.Decision, err)
	}
	if ds, err := f.s.Mine(f.ctx, alice); err != nil || len(ds) != 1 {
		t.Fatalf("deliveries after a refusal: %+v, %v", ds, err)
	}
}

// approval returns a real approval service on the fixture's database
// with OpenDelivery registered, and the demo catalogue.
func (f *fixture) approval(t testing.TB) *approval.Service {
	t.Helper()
	o := org.New(f.d)
	cat := catalog.New(f.d, catalog.OrgDepartments{Org: o})
	f.clock.Set(start.Add(-24 * time.Hour))
	if _, err := cat.SeedDemo(f.ctx, district); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(start)
	keys, _ := gm.NewKeyring("k1", map[string][]byte{"k1": randomKey(gm.KeySize)})
	idx, _ := gm.NewBlindIndexer("i1", map[string][]byte{"i1": randomKey(32)})
	a := approval.New(approval.Deps{DB: f.d, Keys: keys, Index: idx, Catalog: cat, Org: o, Files: files.New(f.d, keys),
		Jobs: f.s.Jobs, Calendar: calendar.Default(), Gates: approval.Gates{Identity: passIdentity{}, Credit: passCredit{},
			Signer: nopSigner{}, Shared: approval.SharedDataSimulator{}}})
	a.OnDecided(f.s.OpenDelivery)
	return a
}

var pdfBytes = []byte("%PDF-1.4\n%%EOF\n")

// fileAndAccept files a sole trader's registration for alice and accepts
// it at pointA.
func (f *fixture) fileAndAccept(t testing.TB, a *approval.Service) int64 {
	t.Helper()
	app, err := a.CreateDraft(f.ctx, alice, itemTrade, false)
	if err != nil {
		t.Fatal(err)
	}
	d := approval.Draft{Form: answers(app.Items),
		Parties: []approval.Party{{Role: approval.PartyLegalRep, SubjectKind: "person", Name: "王小栖", Code: aliceID}}}
	var ups []approval.Upload
	for _, fd := range approval.MergedForm(app.Items) {
		if fd.Required && fd.Type == catalog.FieldFile {
			ups = append(ups, approval.Upload{Field: fd.Name, Name: fd.Label + ".pdf", Data: pdfBytes})
		}
	}
	saved, err := a.SaveDraftFiles(f.ctx, alice, app.ID, app.Revision, d, ups)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range app.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required {
				if _, err := a.AttachMaterial(f.ctx, alice, app.ID, v.ImplCode, i, m.Name+".pdf", pdfBytes); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if _, err := a.Submit(f.ctx, alice, app.ID, saved.Revision); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Claim(f.ctx, frontA, app.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Accept(f.ctx, frontA, app.ID); err != nil {
		t.Fatal(err)
	}
	return app.ID
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
			out[fd.Name] = aliceID
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

// decideAll completes every task of the application, reviews by one
// approver and checks by the other, with outcome where the step allows
// it and approval elsewhere.
func (f *fixture) decideAll(t testing.TB, a *approval.Service, id int64, outcome approval.Outcome) {
	t.Helper()
	for range 10 {
		done := true
		for _, who := range []*authz.Actor{reviewer, checker} {
			entries, err := a.Inbox(f.ctx, who)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.Task.ApplicationID != id {
					continue
				}
				done = false
				if _, err := a.ClaimTask(f.ctx, who, e.Task.ID); err != nil {
					continue // the other approver must take it
				}
				if _, err := a.CompleteTask(f.ctx, who, e.Task.ID, outcome, "不符合《个体工商户登记管理办法》第八条"); err == nil {
					continue
				}
				if _, err := a.CompleteTask(f.ctx, who, e.Task.ID, approval.OutcomeApprove, "同意"); err != nil {
					t.Fatal(err)
				}
			}
		}
		if done {
			return
		}
	}
}

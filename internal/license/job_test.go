package license_test

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/approval"
	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// fakeApps serves one filed application.
type fakeApps struct{ f approval.Filed }

func (a fakeApps) Get(_ context.Context, actor *authz.Actor, id int64) (approval.Filed, error) {
	if actor == nil || actor.Kind != authz.KindSystem || id != a.f.ID {
		return approval.Filed{}, apperr.NotFound("办件不存在")
	}
	return a.f, nil
}

type fakeHolders struct{}

func (fakeHolders) Holder(_ context.Context, a approval.Application) (license.Holder, error) {
	return license.Holder{Name: "张三", Code: personID, CodeType: license.HolderIDNumber, Account: a.ApplicantID}, nil
}

type fakeIssuers struct{}

func (fakeIssuers) IssuerFor(_ context.Context, _ string, item catalog.Item) (license.Issuer, error) {
	if item.Department != "市场监管局" {
		return license.Issuer{}, apperr.NotFound("部门不存在")
	}
	return license.Issuer{Department: deptA, Name: "南京市栖霞区市场监督管理局", CreditCode: issuerCode}, nil
}

// filed is an approved application of three items: two produce the same
// licence type, one none.
func filed() approval.Filed {
	form := catalog.Form{{Name: "shop", Label: "店名", Type: catalog.FieldText}, {Name: "id", Label: "身份证", Type: catalog.FieldIDNumber},
		{Name: "kinds", Label: "经营项目", Type: catalog.FieldMultiChoice}}
	item := func(code, typ string) catalog.Version {
		return catalog.Version{ImplCode: code, Number: 1, Item: catalog.Item{ImplCode: code, Name: "食品经营许可",
			Department: "市场监管局", LicenceType: typ, Form: form}}
	}
	return approval.Filed{Application: approval.Application{ID: 9, District: district, ApplicantID: holder.AccountID,
		Decision: "approved", DecisionNo: "栖市监许〔2026〕9号", DecidedAt: time.Date(2026, 3, 2, 17, 0, 0, 0, time.UTC),
		Form: map[string]any{"shop": "小张面馆", "id": personID, "kinds": []any{"热食类", "冷食类"}}},
		Items: []catalog.Version{item("A1", "SPJY"), item("A2", ""), item("A3", "SPJY"), item("A4", "GTGSH")}}
}

func TestIssueWorker(t *testing.T) {
	f := newFixture(t)
	w := &license.IssueWorker{Licences: f.s, Apps: fakeApps{filed()}, Holders: fakeHolders{}, Issuers: fakeIssuers{}}
	args := license.IssueArgs{District: district, ApplicationID: 9}
	first, err := w.IssueFor(f.ctx, args)
	if err != nil || len(first) != 2 {
		t.Fatalf("issued %+v, %v; want 2 (one per licence type)", first, err)
	}
	l := first[0]
	if l.ItemCode != "A1" || l.Meta.Number != l.Serial || l.Meta.Data["许可决定文号"] != "栖市监许〔2026〕9号" || l.Meta.ValidFrom != "2026-03-03" ||
		l.Meta.Data["店名"] != "小张面馆" || l.Meta.Data["经营项目"] != "热食类、冷食类" || l.Meta.Data["身份证"] != "" {
		t.Fatalf("licence = %+v", l.Meta)
	}
	again, err := w.IssueFor(f.ctx, args)
	if err != nil || len(again) != 2 || again[0].ID != first[0].ID || again[1].ID != first[1].ID {
		t.Fatalf("second run = %+v, %v; want the same licences", again, err)
	}
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM licences`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("licences = %d, %v", n, err)
	}
	refused := filed()
	refused.Decision = "refused"
	w.Apps = fakeApps{refused}
	if none, err := w.IssueFor(f.ctx, args); err != nil || len(none) != 0 {
		t.Fatalf("refused application issued %+v, %v", none, err)
	}
}

func TestQueueIssueHook(t *testing.T) {
	f := newFixture(t)
	q, err := jobs.New(f.d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hook := license.QueueIssue(q)
	for _, decision := range []string{"approved", "refused"} {
		err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
			return hook(f.ctx, tx, approval.Decided{Application: approval.Application{ID: 9, District: district, Decision: decision}})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'license.issue'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("jobs = %d, %v; want 1 (the approval only)", n, err)
	}
}

package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/notify"
	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// The demo's approved application gets its licences from the job, sealed
// by the market-supervision bureau under the district root CA, held by the
// applicant as verified, and they verify as genuine and current.
func TestApprovalIssuesSealedLicences(t *testing.T) {
	srv := apptest.Start(t)
	a := srv.App
	ctx := context.Background()
	if err := a.StartJobs(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Jobs.Stop(context.Background()) })
	issued := func(s notify.SMS) bool { return strings.Contains(s.Text, "电子证照") }
	if _, ok := srv.SMS.WaitFor("13800000001", issued, 30*time.Second); !ok {
		t.Fatal("no licence notice reached the demo resident")
	}
	var ids []string
	deadline := time.Now().Add(10 * time.Second)
	for len(ids) < 2 && time.Now().Before(deadline) {
		ids = licenceIdentifiers(t, a)
		time.Sleep(50 * time.Millisecond)
	}
	if len(ids) != 2 {
		t.Fatalf("licences issued: %v, want the business licence and the food licence", ids)
	}
	market := departmentNamed(t, a, "区市场监管局")
	for _, id := range ids {
		v, err := a.License.Verify(ctx, id)
		if err != nil || !v.Genuine || v.Verdict != license.VerdictCurrent {
			t.Fatalf("verify %s: %+v %v", id, v, err)
		}
		m := v.Licence.Meta
		if m.IssuerCode != market.CreditCode || m.IssuerCode != org.DemoCreditCode("320113", market.Code) ||
			!strings.Contains(id, m.IssuerCode) {
			t.Errorf("%s: issuer %s %s, want the bureau's demo code %s", id, m.IssuerName, m.IssuerCode, market.CreditCode)
		}
		if m.HolderName != "王*栖" && m.HolderName != "王小栖" {
			t.Errorf("%s: holder %q, want the verified applicant", id, m.HolderName)
		}
		if m.Name != "营业执照" && m.Name != "食品经营许可证" {
			t.Errorf("%s: licence name %q, want the document's name", id, m.Name)
		}
		if m.HolderCodeType != license.HolderIDNumber {
			t.Errorf("%s: holder code type %s", id, m.HolderCodeType)
		}
	}
}

// licenceIdentifiers lists the identifiers of every licence issued.
func licenceIdentifiers(t *testing.T, a *app.App) []string {
	t.Helper()
	rows, err := a.DB.Query(context.Background(), `SELECT identifier FROM licences ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	return out
}

// departmentNamed is the demo department with that short name.
func departmentNamed(t testing.TB, a *app.App, short string) org.Department {
	t.Helper()
	l, err := a.Org.ListDepartments(context.Background(), nil, "320113", org.Page{Limit: org.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range l.Items {
		if d.ShortName == short {
			return d
		}
	}
	t.Fatalf("no department %s", short)
	return org.Department{}
}

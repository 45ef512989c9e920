package app_test

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app"
	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The licence figures of the whole node: the real seal module (SM2 under
// the district CA), the real store and the real PDF (seal mark, QR code,
// embedded CJK font), on the engine under test. Baselines in the same run:
// reading one licence row by identifier (BenchmarkLicenceRead), and issuing
// without the PDF (BenchmarkLicenceIssue).
//
//	go test -run '^$' -bench Licence -benchtime 200x -count 2 ./internal/app/

// benchLicences is a seeded node and an input to issue with.
type benchLicences struct {
	a   *app.App
	sys *authz.Actor
	in  license.IssueInput
}

func newBenchLicences(b *testing.B) benchLicences {
	b.Helper()
	srv := apptest.Start(b)
	market := departmentNamed(b, srv.App, "区市场监管局")
	in := license.IssueInput{Department: market.Code, IssuerName: market.Name, IssuerCode: market.CreditCode,
		TypeCode: "SPJYXKZ", Name: "食品经营许可证", ValidFrom: "2026-03-02", ValidUntil: "2031-03-01",
		HolderName: "王小栖", HolderCode: app.DemoResidentIDNumber(), HolderCodeType: license.HolderIDNumber,
		Territory: "320113", Data: map[string]string{"经营场所": "栖霞区尧佳路8号", "主体业态": "食品销售经营者",
			"经营项目": "散装食品销售"}}
	return benchLicences{a: srv.App, sys: authz.System("320113"), in: in}
}

func (f benchLicences) issue(b *testing.B) license.Licence {
	l, err := f.a.License.Issue(context.Background(), f.sys, f.in)
	if err != nil {
		b.Fatal(err)
	}
	return l
}

func BenchmarkLicenceIssue(b *testing.B) {
	f := newBenchLicences(b)
	for b.Loop() {
		f.issue(b)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "licences/s")
}

func BenchmarkLicenceIssueAndPDF(b *testing.B) {
	f := newBenchLicences(b)
	size := 0
	for b.Loop() {
		l := f.issue(b)
		pdf, err := f.a.License.PDF(context.Background(), f.sys, l.ID)
		if err != nil {
			b.Fatal(err)
		}
		size = len(pdf.Bytes)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "licences/s")
	b.ReportMetric(float64(size), "pdf-bytes")
}

func BenchmarkLicenceVerify(b *testing.B) {
	f := newBenchLicences(b)
	id := f.issue(b).Meta.Identifier
	for b.Loop() {
		v, err := f.a.License.Verify(context.Background(), id)
		if err != nil || !v.Genuine {
			b.Fatalf("%+v %v", v, err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "verifications/s")
}

func BenchmarkLicenceRead(b *testing.B) {
	f := newBenchLicences(b)
	id := f.issue(b).Meta.Identifier
	ctx := context.Background()
	for b.Loop() {
		var n int64
		if err := f.a.DB.QueryRow(ctx, `SELECT id FROM licences WHERE identifier = ?`, id).Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "reads/s")
}

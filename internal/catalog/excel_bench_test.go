package catalog

import (
	"bytes"
	"context"
	"slices"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// BenchmarkImport3132 times the import of the generated 3,132-item
// catalogue from an .xlsx: reading and checking the workbook, then saving
// and publishing every item in one transaction (goal: under 10 s).
func BenchmarkImport3132(b *testing.B) { benchImport(b, ImportOptions{Publish: true}) }

// BenchmarkImportDrafts3132 times the same import saving drafts only.
func BenchmarkImportDrafts3132(b *testing.B) { benchImport(b, ImportOptions{}) }

func benchImport(b *testing.B, opt ImportOptions) {
	depts, _ := xlDemoDepts(b)
	items := Generate(3132, 1, xlDeptList(depts))
	raw := xlExportBytes(b, items)
	b.ReportMetric(float64(len(raw))/1e6, "MB-xlsx")
	for b.Loop() {
		b.StopTimer()
		svc := New(dbtest.Open(b, clock.NewManual(testNow)), depts)
		b.StartTimer()
		rep, err := svc.ImportWorkbook(context.Background(), admin(), bytes.NewReader(raw), int64(len(raw)), opt)
		if err != nil {
			b.Fatalf("import: %v\n%s", err, xlReportText(rep))
		}
		if rep.Items != 3132 {
			b.Fatalf("imported %d items", rep.Items)
		}
	}
}

// BenchmarkParse3132 times Import alone (no database).
func BenchmarkParse3132(b *testing.B) {
	depts, _ := xlDemoDepts(b)
	raw := xlExportBytes(b, Generate(3132, 1, xlDeptList(depts)))
	for b.Loop() {
		if _, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts); err != nil {
			b.Fatalf("import: %v\n%s", err, xlReportText(rep))
		}
	}
}

// BenchmarkSave3132 times the database part alone: saving and publishing
// the 3,132 items already read, in one transaction, as an import does.
func BenchmarkSave3132(b *testing.B) {
	depts, _ := xlDemoDepts(b)
	items := Generate(3132, 1, xlDeptList(depts))
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		d := dbtest.Open(b, clock.NewManual(testNow))
		its := slices.Clone(items)
		b.StartTimer()
		err := d.InTx(ctx, func(tx *db.Tx) error { return saveAll(ctx, tx, admin(), its, true, time.Time{}, depts) })
		if err != nil {
			b.Fatal(err)
		}
	}
}

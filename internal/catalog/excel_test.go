package catalog

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

func TestExcelRoundTripDemo(t *testing.T) {
	depts, items := xlDemoDepts(t)
	raw := xlExportBytes(t, items)
	got, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, xlReportText(rep))
	}
	if rep.Items != len(items) || len(got) != 72 {
		t.Fatalf("imported %d items (report %d), want 72", len(got), rep.Items)
	}
	for i := range items {
		if !reflect.DeepEqual(items[i], got[i]) {
			t.Errorf("item %s changed in the round trip:\nwant %s\ngot  %s", items[i].ImplCode, mustJSON(t, items[i]), mustJSON(t, got[i]))
		}
	}
}

func TestExcelRoundTripGeneratedAndAwkwardLists(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	items := Generate(300, 7, xlDeptList(depts))
	// Lists whose elements contain the separators, or look like JSON,
	// must survive as well.
	items[0].Keywords = []string{"a；b", "c;d", "[x]"}
	items[1].Conditions = []string{"第一行\n第二行", "申请人年满18周岁"}
	items[2].Form[0].Help = "  前后空格  "
	items[3].Fee = Fee{Charged: true, AmountFen: 1005, Basis: "依据"}
	raw := xlExportBytes(t, items)
	got, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, xlReportText(rep))
	}
	if !reflect.DeepEqual(items, got) {
		for i := range items {
			if !reflect.DeepEqual(items[i], got[i]) {
				t.Fatalf("item %d changed:\nwant %s\ngot  %s", i, mustJSON(t, items[i]), mustJSON(t, got[i]))
			}
		}
	}
}

// xlDemoService returns a service whose departments are the demo's.
func xlDemoService(t testing.TB) (*Service, staticDepts, []Item, func() string) {
	t.Helper()
	depts, items := xlDemoDepts(t)
	d := dbtest.Open(t, clock.NewManual(testNow))
	return New(d, depts), depts, items, func() string { return snapshot(t, d) }
}

func TestImportWorkbookSavesDraftsInOneGo(t *testing.T) {
	svc, _, items, snap := xlDemoService(t)
	raw := xlExportBytes(t, items)
	ctx := context.Background()
	rep, err := svc.ImportWorkbook(ctx, admin(), bytes.NewReader(raw), int64(len(raw)), ImportOptions{})
	if err != nil {
		t.Fatalf("import: %v\n%s", err, xlReportText(rep))
	}
	if want := "items=72 versions=72 published=0 audit=72"; snap() != want {
		t.Fatalf("after import: %s, want %s", snap(), want)
	}
	v, err := svc.GetVersion(ctx, admin(), items[5].ImplCode, 1)
	if err != nil || v.State != StateDraft || !reflect.DeepEqual(v.Item, items[5]) {
		t.Fatalf("draft = %+v, %v", v.State, err)
	}
}

// TestExportFilterReimportsIntoTheCatalogue exports part of a published
// catalogue and imports it back: bundles and parents outside the part are
// found in the catalogue, and each item gets a new draft equal to it.
func TestExportFilterReimportsIntoTheCatalogue(t *testing.T) {
	svc, depts, items, snap := xlDemoService(t)
	ctx := context.Background()
	raw := xlExportBytes(t, items)
	if _, err := svc.ImportWorkbook(ctx, admin(), bytes.NewReader(raw), int64(len(raw)), ImportOptions{Publish: true}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	// 食品经营许可（新办） hangs under a 主项 and bundles with 个体工商户设立登记,
	// neither of which the filter selects.
	if err := svc.ExportFilter(ctx, admin(), Filter{Type: TypeLicence, Q: "新办"}, &buf); err != nil {
		t.Fatal(err)
	}
	part, rep, err := Import(bytes.NewReader(buf.Bytes()), int64(buf.Len()), depts)
	outside := 0
	for _, p := range rep.Problems {
		if !strings.Contains(p.Reason, "不在清单中") && !strings.Contains(p.Reason, "不存在") {
			t.Errorf("unexpected problem %s", p)
		}
		outside++
	}
	if err == nil || outside < 2 || part != nil {
		t.Fatalf("plain Import of the part: err = %v with %d problems", err, outside)
	}
	before := snap()
	rep, err = svc.ImportWorkbook(ctx, admin(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), ImportOptions{})
	if err != nil {
		t.Fatalf("re-import of a filtered export: %v\n%s", err, xlReportText(rep))
	}
	if rep.Items == 0 || rep.Items >= len(items) || len(rep.Problems) != 0 {
		t.Fatalf("filtered export held %d items", rep.Items)
	}
	if snap() == before {
		t.Fatal("re-import wrote nothing")
	}
	for _, it := range items {
		if it.ItemType != TypeLicence || !strings.Contains(it.Name, "新办") {
			continue
		}
		v, err := svc.GetVersion(ctx, admin(), it.ImplCode, 2)
		if err != nil || v.State != StateDraft || !reflect.DeepEqual(v.Item, it) {
			t.Errorf("%s: draft 2 = %v, %v", it.ImplCode, v.State, err)
		}
	}
	t.Logf("filtered export: %d items, %d references outside it", rep.Items, outside)
}

func TestImportWorkbookPublishes(t *testing.T) {
	svc, _, items, snap := xlDemoService(t)
	raw := xlExportBytes(t, items)
	eff := testNow.Add(48 * time.Hour)
	rep, err := svc.ImportWorkbook(context.Background(), admin(), bytes.NewReader(raw), int64(len(raw)),
		ImportOptions{Publish: true, EffectiveFrom: eff})
	if err != nil {
		t.Fatalf("import: %v\n%s", err, xlReportText(rep))
	}
	if want := "items=72 versions=72 published=72 audit=144"; snap() != want {
		t.Fatalf("after import: %s, want %s", snap(), want)
	}
	v, err := svc.GetVersion(context.Background(), admin(), items[0].ImplCode, 1)
	if err != nil || !v.EffectiveFrom.Equal(eff) {
		t.Fatalf("effective from %v, %v; want %v", v.EffectiveFrom, err, eff)
	}
}

func TestImportWorkbookPermissions(t *testing.T) {
	svc, _, items, snap := xlDemoService(t)
	raw := xlExportBytes(t, items)
	for _, role := range authz.AllRoles {
		if role == authz.RoleAdmin {
			continue // allowed: the tests above import as the admin
		}
		for _, publish := range []bool{false, true} {
			actor := actorWith(2, role, authz.District(district))
			_, err := svc.ImportWorkbook(context.Background(), actor, bytes.NewReader(raw), int64(len(raw)), ImportOptions{Publish: publish})
			wantCode(t, err, apperr.CodeForbidden)
		}
	}
	out := actorWith(3, authz.RoleAdmin, authz.District("320114"))
	out.District = district
	_, err := svc.ImportWorkbook(context.Background(), out, bytes.NewReader(raw), int64(len(raw)), ImportOptions{})
	wantCode(t, err, apperr.CodeForbidden)
	_, err = svc.ImportWorkbook(context.Background(), nil, bytes.NewReader(raw), int64(len(raw)), ImportOptions{})
	if err == nil {
		t.Fatal("anonymous import allowed")
	}
	if snap() != "items=0 versions=0 published=0 audit=0" {
		t.Fatalf("refused imports wrote: %s", snap())
	}
}

func TestKnownItemsExcuseOnlyWhatTheCatalogueHolds(t *testing.T) {
	k := &xlKnown{codes: map[string]bool{"A-1": true, "B-1": true}, kinds: map[string]LevelKind{"M": KindMain, "H": KindHandling}}
	items := []Item{{ImplCode: "B-1", LevelKind: KindHandling, ParentBasicCode: "M", Bundle: []string{"A-1", "Z-9", "B-1"}},
		{ImplCode: "C-1", LevelKind: KindHandling, ParentBasicCode: "H"}, {ImplCode: "D-1", LevelKind: KindSub, ParentBasicCode: "Q"}}
	for path, want := range map[string]bool{
		"items[0].bundle[0]": true, "items[0].bundle[1]": false, "items[0].bundle[2]": false,
		"items[0].parent_basic_code": true, "items[1].parent_basic_code": false, "items[2].parent_basic_code": false,
		"items[0].name": false,
	} {
		if got := k.excuses(items, path); got != want {
			t.Errorf("excuses(%s) = %v, want %v", path, got, want)
		}
	}
	if (*xlKnown)(nil).excuses(items, "items[0].bundle[0]") {
		t.Error("plain Import excused a bundle")
	}
}

// TestImportWithoutKeyRow reads a workbook whose key row staff deleted:
// columns are found by their Chinese headers and row 2 is data.
func TestImportWithoutKeyRow(t *testing.T) {
	depts, all := xlDemoDepts(t)
	var items []Item
	for _, it := range all {
		if it.LevelKind == KindMain && len(it.Bundle) == 0 && len(items) < 3 {
			items = append(items, it)
		}
	}
	raw := xlEditWorkbook(t, xlExportBytes(t, items), func(f *excelize.File) error {
		for _, sheet := range xlSheetOrder {
			if err := f.RemoveRow(sheet, 2); err != nil {
				return err
			}
		}
		return nil
	})
	got, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, xlReportText(rep))
	}
	if !reflect.DeepEqual(got, items) {
		t.Fatalf("items changed without the key row: %d items", len(got))
	}
}

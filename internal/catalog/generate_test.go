package catalog

import (
	"reflect"
	"strings"
	"testing"
)

func TestGenerateRealisticValidCatalogue(t *testing.T) {
	depts, _ := xlDemoDepts(t)
	items := Generate(3132, 42, xlDeptList(depts))
	if len(items) != 3132 {
		t.Fatalf("generated %d items, want 3132", len(items))
	}
	if err := CheckAll(items, depts); err != nil {
		t.Fatalf("generated catalogue invalid: %v", err)
	}
	byType := map[ItemType]int{}
	kinds := map[LevelKind]int{}
	names := map[string]bool{}
	bundles, tables, online := 0, 0, 0
	for _, it := range items {
		byType[it.ItemType]++
		kinds[it.LevelKind]++
		names[it.Name] = true
		if len(it.Bundle) > 0 {
			bundles++
		}
		if it.Online {
			online++
		}
		for _, f := range it.Form {
			if f.Type == FieldTable {
				tables++
			}
		}
	}
	if byType[TypeLicence] != 448 {
		t.Errorf("licences = %d, want 448", byType[TypeLicence])
	}
	for _, typ := range ItemTypes {
		if byType[typ] == 0 {
			t.Errorf("no item of type %s", typ.Name())
		}
	}
	if kinds[KindMain] == 0 || kinds[KindSub] == 0 || kinds[KindHandling] == 0 {
		t.Errorf("structure levels = %v", kinds)
	}
	if len(names) < 500 || bundles == 0 || tables == 0 || online == 0 || online == len(items) {
		t.Errorf("too uniform: %d names, %d bundles, %d tables, %d online", len(names), bundles, tables, online)
	}
	again := Generate(3132, 42, xlDeptList(depts))
	if !reflect.DeepEqual(items, again) {
		t.Error("same seed gave a different catalogue")
	}
	if other := Generate(3132, 43, xlDeptList(depts)); reflect.DeepEqual(items, other) {
		t.Error("another seed gave the same catalogue")
	}
	for _, n := range []int{1, 2, 17} {
		small := Generate(n, 1, []string{"区政务办"})
		if len(small) != n {
			t.Errorf("Generate(%d) gave %d items", n, len(small))
		}
		if err := CheckAll(small, map[string]bool{"区政务办": true}); err != nil {
			t.Errorf("Generate(%d) invalid: %v", n, err)
		}
	}
	if Generate(10, 1, nil) != nil || Generate(0, 1, []string{"区政务办"}) != nil {
		t.Error("no departments or no items should give nil")
	}
	if !strings.HasPrefix(items[0].ImplCode, "9") {
		t.Errorf("generated code %s may collide with the demo's", items[0].ImplCode)
	}
}

// TestGenerateLabelsDemoValuesAndCitesLicenceLimits: every generated item
// is marked as demonstration data; licences cite 行政许可法 Art. 42 for their
// 20 days, other items cite nothing (no statute sets their limit).
func TestGenerateLabelsDemoValuesAndCitesLicenceLimits(t *testing.T) {
	items := Generate(400, 3, []string{"区政务办", "区民政局"})
	licences := 0
	for _, it := range items {
		if !it.DemoValues {
			t.Fatalf("%s not marked as demo values", it.ImplCode)
		}
		switch {
		case it.ItemType == TypeLicence:
			licences++
			if it.LegalDays != 20 || it.LegalDaysBasis != genLicenceDaysBasis {
				t.Errorf("licence %s: %d days, basis %q", it.ImplCode, it.LegalDays, it.LegalDaysBasis)
			}
		case it.LegalDaysBasis != "":
			t.Errorf("%s (type %s) cites %q", it.ImplCode, it.ItemType, it.LegalDaysBasis)
		}
	}
	if licences == 0 {
		t.Fatal("no licence generated")
	}
}

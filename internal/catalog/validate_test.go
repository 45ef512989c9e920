package catalog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestValidItemPasses(t *testing.T) {
	it := validItem("000105002000-320113")
	if err := it.Validate(testDepts); err != nil {
		t.Fatalf("Validate: %v", err)
	}
}

func TestValidateRules(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Item)
		path   string
	}{
		{"no impl code", func(it *Item) { it.ImplCode = "" }, "impl_code"},
		{"non-ASCII code", func(it *Item) { it.BasicCode = "编码" }, "basic_code"},
		{"code too long", func(it *Item) { it.ImplCode = strings.Repeat("1", 65) }, "impl_code"},
		{"no name", func(it *Item) { it.Name = " " }, "name"},
		{"long name", func(it *Item) { it.Name = strings.Repeat("许", 101) }, "name"},
		{"bad level kind", func(it *Item) { it.LevelKind = "leaf" }, "level_kind"},
		{"main with parent", func(it *Item) { it.ParentBasicCode = "000105000000" }, "parent_basic_code"},
		{"sub without parent", func(it *Item) { it.LevelKind = KindSub }, "parent_basic_code"},
		{"handling without kind", func(it *Item) { it.LevelKind, it.ParentBasicCode = KindHandling, "000105002000" }, "handling_kind"},
		{"main with handling kind", func(it *Item) { it.HandlingKind = HandlingNew }, "handling_kind"},
		{"bad type", func(it *Item) { it.ItemType = "11" }, "item_type"},
		{"unknown department", func(it *Item) { it.Department = "区外星局" }, "department"},
		{"no legal basis", func(it *Item) { it.LegalBasis = nil }, "legal_basis"},
		{"no levels", func(it *Item) { it.ExerciseLevels = nil }, "exercise_levels"},
		{"bad level", func(it *Item) { it.ExerciseLevels[1] = "city" }, "exercise_levels[1]"},
		{"bad object", func(it *Item) { it.ServiceObjects[0] = "alien" }, "service_objects[0]"},
		{"catch-all 其他条件", func(it *Item) { it.Conditions = append(it.Conditions, "其他条件") }, "conditions[1]"},
		{"catch-all 其他", func(it *Item) { it.Conditions[0] = "其他" }, "conditions[0]"},
		{"catch-all 等", func(it *Item) { it.Conditions[0] = "符合法律法规规定等。" }, "conditions[0]"},
		{"promised over legal", func(it *Item) { it.PromisedDays = 21 }, "promised_days"},
		{"instant with promise", func(it *Item) { it.Instant = true }, "promised_days"},
		{"negative promise", func(it *Item) { it.PromisedDays = -1 }, "promised_days"},
		{"long legal days basis", func(it *Item) { it.LegalDaysBasis = strings.Repeat("法", 201) }, "legal_days_basis"},
		{"blank legal days basis", func(it *Item) { it.LegalDaysBasis = "  " }, "legal_days_basis"},
		{"broken legal days basis", func(it *Item) { it.LegalDaysBasis = "\xff" }, "legal_days_basis"},
		{"bad source", func(it *Item) { it.Materials[1].Source = "internet" }, "materials[1].source"},
		{"reuse without licence", func(it *Item) { it.Materials[1].LicenceType = "" }, "materials[1].licence_type"},
		{"bad original", func(it *Item) { it.Materials[0].Original = "" }, "materials[0].original"},
		{"bad format", func(it *Item) { it.Materials[0].Format = "fax" }, "materials[0].format"},
		{"no steps", func(it *Item) { it.Steps = nil }, "steps"},
		{"step unknown department", func(it *Item) { it.Steps[0].Department = "区外星局" }, "steps[0].department"},
		{"step bad role", func(it *Item) { it.Steps[3].Role = "stamp" }, "steps[3].role"},
		{"lonely parallel group", func(it *Item) { it.Steps[2].ParallelGroup = "" }, "steps[1].parallel_group"},
		{"field bad type", func(it *Item) { it.Form[0].Type = "slider" }, "form[0].type"},
		{"choice without options", func(it *Item) { it.Form[0].Type = FieldChoice }, "form[0].options"},
		{"table without columns", func(it *Item) { it.Form[2].Columns = nil }, "form[2].columns"},
		{"duplicate field", func(it *Item) { it.Form[1].Name = "shop_name" }, "form[1].name"},
		{"field not snake", func(it *Item) { it.Form[0].Name = "ShopName" }, "form[0].name"},
		{"column not snake", func(it *Item) { it.Form[2].Columns[0].Name = "名字" }, "form[2].columns[0].name"},
		{"max_len too big", func(it *Item) { it.Form[0].MaxLen = 2001 }, "form[0].max_len"},
		{"commitment without text", func(it *Item) { it.Commitment.Text = " " }, "commitment.text"},
		{"no visit but offline", func(it *Item) { it.Online = false }, "visits"},
		{"charged without basis", func(it *Item) { it.Fee = Fee{Charged: true, AmountFen: 100} }, "fee.basis"},
		{"free with amount", func(it *Item) { it.Fee.AmountFen = 100 }, "fee.amount_fen"},
		{"bundle itself", func(it *Item) { it.Bundle = []string{it.ImplCode} }, "bundle[0]"},
		{"bad life event", func(it *Item) { it.LifeEvents = []string{"升仙"} }, "life_events[0]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := validItem("000105002000-320113")
			c.change(&it)
			err := it.Validate(testDepts)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid {
				t.Fatalf("Validate = %v, want invalid", err)
			}
			if e.Fields[c.path] == "" {
				t.Fatalf("no problem at %s; fields: %v", c.path, e.Fields)
			}
		})
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	it := validItem("000105002000-320113")
	it.Name = ""
	it.PromisedDays = 30
	it.Materials[0].Source = "x"
	it.Steps[0].Department = "无"
	it.Form[0].Type = "x"
	e, ok := apperr.As(it.Validate(testDepts))
	if !ok {
		t.Fatal("Validate accepted a broken item")
	}
	for _, p := range []string{"name", "promised_days", "materials[0].source", "steps[0].department", "form[0].type"} {
		if e.Fields[p] == "" {
			t.Errorf("missing problem %s in %v", p, e.Fields)
		}
	}
	if len(e.Fields) != 5 {
		t.Errorf("got %d problems, want 5: %v", len(e.Fields), e.Fields)
	}
	if e.Fields["materials[0].source"] != "来源无效" || !strings.Contains(e.Message, "5处问题") {
		t.Errorf("message = %q, fields = %v", e.Message, e.Fields)
	}
}

func TestInstantItemWithoutLimits(t *testing.T) {
	it := validItem("000105002000-320113")
	it.Instant, it.LegalDays, it.PromisedDays = true, 0, 0
	if err := it.Validate(testDepts); err != nil {
		t.Fatalf("instant item refused: %v", err)
	}
}

// TestLegalDaysBasisLimit: a citation of up to 200 characters passes, an
// empty one means 法律未作规定, and a longer one is refused with a message
// naming the field.
func TestLegalDaysBasisLimit(t *testing.T) {
	for _, basis := range []string{"", "《中华人民共和国行政许可法》第四十二条", strings.Repeat("法", 200)} {
		it := validItem("000105002000-320113")
		it.LegalDaysBasis = basis
		if err := it.Validate(testDepts); err != nil {
			t.Errorf("basis of %d characters refused: %v", len([]rune(basis)), err)
		}
	}
	it := validItem("000105002000-320113")
	it.LegalDaysBasis = strings.Repeat("法", 201)
	e, ok := apperr.As(it.Validate(testDepts))
	if !ok || e.Fields["legal_days_basis"] != "法定时限依据不能超过200个字" {
		t.Fatalf("overlong basis: %v", it.Validate(testDepts))
	}
}

// TestImportReportsLongLegalDaysBasisInItsColumn: the workbook's problem
// lands on the 法定时限依据 column of the item's row, nothing is imported.
func TestImportReportsLongLegalDaysBasisInItsColumn(t *testing.T) {
	depts, items := xlDemoDepts(t)
	items = append([]Item(nil), items...)
	items[1].LegalDaysBasis = strings.Repeat("法", 201)
	raw := xlExportBytes(t, items)
	got, rep, err := Import(bytes.NewReader(raw), int64(len(raw)), depts)
	wantCode(t, err, apperr.CodeInvalid)
	if got != nil {
		t.Errorf("bad file gave %d items", len(got))
	}
	xlWantProblem(t, rep, SheetItems, 4, "法定时限依据", "法定时限依据不能超过200个字")
}

package catalog

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// fixture is a three-item catalogue in the contract's format: a business
// licence and a food licence approved together, and an instant 办理项.
const fixture = `{"licence": "测试数据", "items": [
{"basic_code": "000105001000", "impl_code": "000105001000-320113", "name": "个体工商户设立登记",
 "parent_basic_code": "", "level_kind": "main", "handling_kind": "", "item_type": "01", "department": "区市场监管局",
 "implementing_body": "南京市栖霞区市场监督管理局",
 "legal_basis": [{"title": "《促进个体工商户发展条例》", "article": "第二条", "text": "有经营能力的公民经登记为个体工商户。"}],
 "exercise_levels": ["district", "street"], "service_objects": ["natural_person"], "instant": false,
 "conditions": ["经营者具有经营能力"],
 "materials": [{"name": "居民身份证", "required": true, "copies": 1, "original": "original", "format": "electronic", "source": "shared_data", "licence_type": "", "note": ""}],
 "steps": [{"name": "审查", "department": "区市场监管局", "role": "review", "parallel_group": ""}],
 "legal_days": 3, "promised_days": 1, "fee": {"charged": false, "amount_fen": 0, "basis": ""},
 "place": "栖霞区政务服务中心", "hours": "工作日", "consult_phone": "025-12345", "complaint_phone": "12345",
 "visits": 0, "online": true, "agent": true, "door_to_door": false, "same_city_pickup": false,
 "commitment": {"allowed": false, "text": ""}, "bundle": ["000105002000-320113"], "licence_type": "YYZZ",
 "keywords": ["开店"], "life_events": ["开办企业"],
 "form": [{"name": "shop_name", "label": "名称", "type": "text", "required": true, "max_len": 50, "options": [], "help": "", "columns": []}]},
{"basic_code": "000105002000", "impl_code": "000105002000-320113", "name": "食品经营许可",
 "parent_basic_code": "", "level_kind": "main", "handling_kind": "", "item_type": "01", "department": "区市场监管局",
 "implementing_body": "南京市栖霞区市场监督管理局",
 "legal_basis": [{"title": "《中华人民共和国行政许可法》", "article": "第四十二条", "text": "二十日内作出行政许可决定。"}],
 "exercise_levels": ["district"], "service_objects": ["legal_person", "natural_person"], "instant": false,
 "conditions": ["具有相适应的经营场所"],
 "materials": [{"name": "营业执照", "required": true, "copies": 1, "original": "copy", "format": "electronic", "source": "licence_reuse", "licence_type": "YYZZ", "note": ""}],
 "steps": [{"name": "核查", "department": "区市场监管局", "role": "check", "parallel_group": "联办"},
           {"name": "卫生核查", "department": "区卫健委", "role": "check", "parallel_group": "联办"},
           {"name": "决定", "department": "区市场监管局", "role": "decide", "parallel_group": ""}],
 "legal_days": 20, "promised_days": 5, "fee": {"charged": false, "amount_fen": 0, "basis": ""},
 "place": "栖霞区政务服务中心", "hours": "工作日", "consult_phone": "025-12345", "complaint_phone": "12345",
 "visits": 0, "online": true, "agent": false, "door_to_door": false, "same_city_pickup": true,
 "commitment": {"allowed": true, "text": "本人承诺符合食品经营条件。"}, "bundle": ["000105001000-320113"], "licence_type": "SPJYXK",
 "keywords": ["开饭店"], "life_events": ["开办企业"],
 "form": [{"name": "kind", "label": "经营项目", "type": "multi_choice", "required": true, "max_len": 0, "options": ["热食", "冷食"], "help": "", "columns": []}]},
{"basic_code": "000105002001", "impl_code": "000105002001-320113", "name": "食品经营许可注销",
 "parent_basic_code": "000105002000", "level_kind": "handling", "handling_kind": "cancel", "item_type": "01", "department": "区市场监管局",
 "implementing_body": "南京市栖霞区市场监督管理局",
 "legal_basis": [{"title": "《中华人民共和国行政许可法》", "article": "第七十条", "text": "行政机关应当依法办理有关行政许可的注销手续。"}],
 "exercise_levels": ["district", "street", "community"], "service_objects": ["legal_person"], "instant": true,
 "conditions": ["持有有效的食品经营许可证"], "materials": [],
 "steps": [{"name": "决定", "department": "区市场监管局", "role": "decide", "parallel_group": ""}],
 "legal_days": 0, "promised_days": 0, "fee": {"charged": false, "amount_fen": 0, "basis": ""},
 "place": "栖霞区政务服务中心", "hours": "工作日", "consult_phone": "025-12345", "complaint_phone": "12345",
 "visits": 1, "online": false, "agent": false, "door_to_door": true, "same_city_pickup": false,
 "commitment": {"allowed": false, "text": ""}, "bundle": [], "licence_type": "",
 "keywords": [], "life_events": [], "form": []}
]}`

func TestLoadJSONAndSeed(t *testing.T) {
	items, err := LoadJSON(strings.NewReader(fixture))
	if err != nil || len(items) != 3 {
		t.Fatalf("LoadJSON = %d items, %v", len(items), err)
	}
	s, _, _ := newService(t)
	n, err := s.Seed(context.Background(), authz.System(district), items, time.Time{})
	if err != nil || n != 3 {
		t.Fatalf("Seed = %d, %v", n, err)
	}
	v, err := s.Get(context.Background(), "000105002000-320113")
	if err != nil || v.Item.Steps[1].Department != "区卫健委" || !v.Item.Commitment.Allowed || v.Item.Form[0].Type != FieldMultiChoice {
		t.Fatalf("Get = %+v, %v", v.Item, err)
	}
	c, _ := s.Counts(context.Background(), admin(), district)
	if c.Total != 3 || c.Contactless != 2 || c.DoorToDoor != 1 || c.ByLevel[LevelCommunity] != 1 {
		t.Errorf("Counts = %+v", c)
	}
}

func TestLoadJSONRefusesBadFiles(t *testing.T) {
	for name, in := range map[string]string{
		"empty":         ``,
		"not json":      `<xlsx>`,
		"no items":      `{"licence": "", "items": []}`,
		"unknown field": `{"items": [{"impl_code": "A", "nmae": "错字"}]}`,
		"wrong type":    `{"items": [{"legal_days": "二十"}]}`,
	} {
		if _, err := LoadJSON(strings.NewReader(in)); apperr.CodeOf(err) != apperr.CodeInvalid {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestSeedIsAllOrNothing(t *testing.T) {
	items, err := LoadJSON(strings.NewReader(fixture))
	if err != nil {
		t.Fatal(err)
	}
	items[2].Materials = []Material{{Name: "申请书", Copies: 1, Original: "original", Format: "paper", Source: "carrier_pigeon"}}
	items = append(items, items[0])                   // duplicate code
	items[1].Bundle = []string{"000199999999-320113"} // bundle out of the set
	items[2].ParentBasicCode = "000199999999"         // parent out of the set
	s, d, _ := newService(t)
	_, err = s.Seed(context.Background(), authz.System(district), items, time.Time{})
	e, _ := apperr.As(err)
	if e == nil {
		t.Fatal("Seed accepted a bad catalogue")
	}
	for _, p := range []string{"items[2].materials[0].source", "items[3].impl_code", "items[1].bundle[0]", "items[2].parent_basic_code"} {
		if e.Fields[p] == "" {
			t.Errorf("missing problem %s: %v", p, e.Fields)
		}
	}
	if n := countRows(t, d, "catalog_items"); n != 0 {
		t.Errorf("a refused seed wrote %d items", n)
	}
}

// TestOrgDepartments checks items against the departments org seeds.
func TestOrgDepartments(t *testing.T) {
	d := dbtest.Open(t, clock.NewManual(testNow))
	if _, err := org.SeedQixia(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	depts, err := OrgDepartments{Org: org.New(d)}.DepartmentNames(context.Background(), district)
	if err != nil || !depts["区市场监管局"] || !depts["区卫健委"] || depts["区外星局"] {
		t.Fatalf("DepartmentNames = %v, %v", depts, err)
	}
	it := validItem(code1)
	if err := it.Validate(depts); err != nil {
		t.Errorf("valid item against org's departments: %v", err)
	}
}

// TestDemoCatalogue loads the embedded demo catalogue written from the
// statutes and checks every item against org's departments. It fails when
// the file is missing or any item is invalid.
func TestDemoCatalogue(t *testing.T) {
	if _, err := os.Stat("data/qixia_demo.json"); err != nil {
		t.Fatalf("demo catalogue: %v", err)
	}
	items, err := DemoItems()
	if err != nil {
		t.Fatalf("DemoItems: %v", err)
	}
	d := dbtest.Open(t, clock.NewManual(testNow))
	if _, err := org.SeedQixia(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	s := New(d, OrgDepartments{Org: org.New(d)})
	n, err := s.SeedDemo(context.Background(), district)
	if e, ok := apperr.As(err); ok && e.Fields != nil {
		for k, v := range e.Fields {
			t.Errorf("%s: %s", k, v)
		}
	}
	if err != nil || n != len(items) {
		t.Fatalf("SeedDemo = %d of %d, %v", n, len(items), err)
	}
}

package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

const district = "320113"

var testNow = time.Date(2025, 3, 3, 1, 30, 0, 0, time.UTC)

// staticDepts is a fixed department list, so most tests need no org seed.
type staticDepts map[string]bool

func (d staticDepts) DepartmentNames(context.Context, string) (map[string]bool, error) { return d, nil }

var testDepts = staticDepts{"区市场监管局": true, "区卫健委": true, "区民政局": true, "区政务办": true}

// newService returns a service over a fresh database and its clock.
func newService(t testing.TB) (*Service, *db.DB, *clock.Manual) {
	t.Helper()
	c := clock.NewManual(testNow)
	d := dbtest.Open(t, c)
	return New(d, testDepts), d, c
}

func admin() *authz.Actor { return actorWith(1, authz.RoleAdmin, authz.District(district)) }

// actorWith returns a signed-in actor holding role over scope.
func actorWith(id int64, role authz.Role, scope authz.Scope) *authz.Actor {
	kind := authz.KindStaff
	if !role.IsStaff() {
		kind = authz.KindResident
	}
	return &authz.Actor{AccountID: id, Kind: kind, Name: "测试" + role.Name(), District: district,
		Grants: []authz.Grant{{Role: role, Scope: scope}}}
}

// validItem returns a complete, valid 承诺件 with the given code.
func validItem(code string) Item {
	return Item{
		BasicCode: "000105002000", ImplCode: code, Name: "食品经营许可（新办）",
		LevelKind: KindMain, ItemType: TypeLicence, Department: "区市场监管局",
		ImplementingBody: "南京市栖霞区市场监督管理局",
		LegalBasis: []LegalBasis{{Title: "《中华人民共和国行政许可法》", Article: "第四十二条",
			Text: "除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。"}},
		ExerciseLevels: []Level{LevelDistrict, LevelStreet}, ServiceObjects: []ServiceObject{LegalPerson},
		Conditions: []string{"具有与经营的食品品种、数量相适应的经营场所"},
		Materials: []Material{
			{Name: "食品经营许可申请书", Required: true, Copies: 1, Original: OriginalOnly, Format: FormatElectronic, Source: SourceSystem},
			{Name: "营业执照", Required: true, Copies: 1, Original: CopyOnly, Format: FormatElectronic, Source: SourceLicenceReuse, LicenceType: "YYZZ"},
		},
		Steps: []Step{
			{Name: "审查", Department: "区市场监管局", Role: StepReview},
			{Name: "核查", Department: "区市场监管局", Role: StepCheck, ParallelGroup: "联办"},
			{Name: "卫生核查", Department: "区卫健委", Role: StepCheck, ParallelGroup: "联办"},
			{Name: "决定", Department: "区市场监管局", Role: StepDecide},
		},
		LegalDays: 20, PromisedDays: 5, Place: "栖霞区政务服务中心", Hours: "工作日 9:00—17:00",
		ConsultPhone: "025-12345", ComplaintPhone: "12345", Visits: 0, Online: true, Agent: true,
		Commitment:  Commitment{Allowed: true, Text: "本人承诺所提交材料真实有效。"},
		LicenceType: "SPJYXK", Keywords: []string{"开饭店"}, LifeEvents: []string{"开办企业"},
		Form: Form{
			{Name: "shop_name", Label: "店铺名称", Type: FieldText, Required: true, MaxLen: 50},
			{Name: "premises", Label: "经营场所", Type: FieldAddress, Required: true},
			{Name: "staff", Label: "从业人员", Type: FieldTable, Columns: []FormField{
				{Name: "name", Label: "姓名", Type: FieldText, Required: true},
				{Name: "phone", Label: "电话", Type: FieldPhone},
			}},
		},
	}
}

// wantCode fails unless err carries code.
func wantCode(t testing.TB, err error, code apperr.Code) {
	t.Helper()
	if got := apperr.CodeOf(err); err == nil || got != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
}

// countRows counts a table's rows.
func countRows(t testing.TB, d *db.DB, table string) int {
	t.Helper()
	var n int
	if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

func selfScope(id int64) authz.Scope { return authz.Self(id) }

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// snapshot renders the catalogue's and audit log's state, to show that a
// refused change wrote nothing.
func snapshot(t testing.TB, d *db.DB) string {
	t.Helper()
	var items, versions, published, audits int
	err := d.QueryRow(context.Background(), `SELECT
		(SELECT COUNT(*) FROM catalog_items), (SELECT COUNT(*) FROM catalog_item_versions),
		(SELECT COUNT(*) FROM catalog_item_versions WHERE state = 'published'), (SELECT COUNT(*) FROM audit_log)`).
		Scan(&items, &versions, &published, &audits)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("items=%d versions=%d published=%d audit=%d", items, versions, published, audits)
}

package credit

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// The demo subjects SeedDemo loads (all with valid check digits, all
// fictitious). Demo journeys and browser tests refer to them:
//
//	DemoSeriousPerson 320113198203151019  张伟  严重失信 行政处罚 + 严重失信主体名单
//	                                            → market_entry refuses him as 法定代表人/董事/监事/经理
//	DemoBrokenPerson  320113199007082022  李娜  broken 信用承诺 (违反承诺 record, 一般失信)
//	                                            → commitment refuses: "不得适用告知承诺"
//	DemoGeneralPerson 320113198811233034  王芳  一般失信 record → pass with warning
//	DemoCleanPerson   320113199502144040  刘洋  nothing → pass
//	DemoBlackEntity   913201137900000129  南京栖霞示例失信贸易有限公司  严重失信主体名单
//	DemoRedEntity     913201137900000204  南京栖霞示例诚信科技有限公司  守信红名单
//
// Records come from 区市场监管局 (320113D23) and 区城管执法局 (320113D27),
// so the organisation must be seeded first.
const (
	DemoSeriousPerson = "320113198203151019"
	DemoBrokenPerson  = "320113199007082022"
	DemoGeneralPerson = "320113198811233034"
	DemoCleanPerson   = "320113199502144040"
	DemoBlackEntity   = "913201137900000129"
	DemoRedEntity     = "913201137900000204"
)

// Demo source departments.
const (
	demoMarket = "320113D23" // 区市场监管局
	demoCity   = "320113D27" // 区城管执法局
)

// SeedDemo loads the demo subjects above into district, as the system. It
// is idempotent: what exists already is left alone.
func (s *Service) SeedDemo(ctx context.Context, district string) error {
	sys := authz.System(district)
	for _, in := range demoRecords() {
		if _, err := s.AddRecord(ctx, sys, in); err != nil && apperr.CodeOf(err) != apperr.CodeConflict {
			return fmt.Errorf("credit: seed demo record %s: %w", in.DocumentNo, err)
		}
	}
	for _, in := range demoLists() {
		if err := s.seedList(ctx, sys, in); err != nil {
			return err
		}
	}
	return s.seedBrokenCommitment(ctx, sys)
}

func demoRecords() []RecordInput {
	return []RecordInput{
		{SubjectKind: Person, SubjectCode: DemoSeriousPerson, SubjectName: "张伟", Department: demoMarket, Kind: "行政处罚",
			Severity: Serious, DocumentNo: "栖市监罚〔2025〕88号", DecidedOn: "2025-04-10", ValidUntil: "2028-04-09",
			Summary: "生产销售不符合食品安全标准的食品，情节严重"},
		{SubjectKind: Person, SubjectCode: DemoGeneralPerson, SubjectName: "王芳", Department: demoCity, Kind: "行政处罚",
			Severity: General, DocumentNo: "栖城管罚〔2025〕316号", DecidedOn: "2025-09-02", ValidUntil: "2026-09-01",
			Summary: "占道经营，经责令改正后仍未改正"},
		{SubjectKind: Entity, SubjectCode: DemoRedEntity, SubjectName: "南京栖霞示例诚信科技有限公司", Department: demoMarket,
			Kind: "表彰奖励", Severity: Positive, DocumentNo: "栖市监〔2025〕守信12号", DecidedOn: "2025-12-01",
			ValidUntil: "2027-11-30", Summary: "连续三年守合同重信用"},
	}
}

func demoLists() []ListInput {
	return []ListInput{
		{SubjectKind: Person, SubjectCode: DemoSeriousPerson, SubjectName: "张伟", List: BlackList, Department: demoMarket,
			Reason: "食品安全严重违法，列入严重失信主体名单", From: "2025-04-20", Until: "2028-04-19"},
		{SubjectKind: Entity, SubjectCode: DemoBlackEntity, SubjectName: "南京栖霞示例失信贸易有限公司", List: BlackList,
			Department: demoMarket, Reason: "提交虚假材料取得市场主体登记", From: "2025-06-01"},
		{SubjectKind: Entity, SubjectCode: DemoRedEntity, SubjectName: "南京栖霞示例诚信科技有限公司", List: RedList,
			Department: demoMarket, Reason: "守合同重信用企业", From: "2025-12-01", Until: "2027-11-30"},
	}
}

// seedList adds an entry unless the subject is already on that list.
func (s *Service) seedList(ctx context.Context, sys *authz.Actor, in ListInput) error {
	d, err := s.lookupDossier(ctx, sys.District, "code", in.SubjectCode)
	if err != nil {
		return err
	}
	for _, e := range d.Lists {
		if e.List == in.List {
			return nil
		}
	}
	if _, err := s.AddListEntry(ctx, sys, in); err != nil {
		return fmt.Errorf("credit: seed demo list entry: %w", err)
	}
	return nil
}

// seedBrokenCommitment gives 李娜 a 告知承诺 she broke.
func (s *Service) seedBrokenCommitment(ctx context.Context, sys *authz.Actor) error {
	d, err := s.lookupDossier(ctx, sys.District, "code", DemoBrokenPerson)
	if err != nil || len(d.Commitments) > 0 {
		return err
	}
	c, err := s.AddCommitment(ctx, sys, CommitmentInput{SubjectKind: Person, SubjectCode: DemoBrokenPerson,
		SubjectName: "李娜", Text: "承诺经营场所符合食品经营许可条件，三个月内接受现场核查",
		SignedAt: time.Date(2025, 5, 6, 2, 0, 0, 0, time.UTC)})
	if err != nil {
		return fmt.Errorf("credit: seed demo commitment: %w", err)
	}
	_, err = s.Break(ctx, sys, c.ID, Breach{Department: demoMarket, DocumentNo: "栖市监承〔2025〕17号",
		DecidedOn: "2025-08-15", ValidUntil: "2028-08-14", Severity: General,
		Summary: "现场核查发现经营场所与承诺不符，承诺不实"})
	if err != nil {
		return fmt.Errorf("credit: seed demo breach: %w", err)
	}
	return nil
}

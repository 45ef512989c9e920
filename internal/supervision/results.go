package supervision

import (
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
)

// How a visit's outcome reaches the credit registry:
//
//   - compliant: an inspection result record (检查结果), positive (守信激励),
//     valid for a year — a finding describes the premises as they were;
//   - rectification required: an inspection result record of a neutral
//     grade, since an order to rectify is not dishonesty; the registry has
//     no neutral grade yet, so the push is noted as skipped with the
//     reason until it does (the outcome is still published on the
//     entity's page);
//   - false commitment: the 虚假承诺 record, 一般失信, queued with the
//     revocation proposal: it is that visit's (negative) result record.
//
// The registry's catalogue (credit.Kinds) does not list 检查结果 yet; until
// it does, results are filed under 其他 with the same summary. Both checks
// read the credit package, so its catalogue growing needs no change here.

// resultValidity is how long a result record counts.
const resultValidity = 1 // year

// resultKind is the credit record kind of an inspection result.
func resultKind() string {
	if slices.Contains(credit.Kinds, creditResult) {
		return creditResult
	}
	return "其他"
}

// neutral is the grade an order to rectify would be recorded with.
const neutral = credit.Severity("neutral")

// resultSeverity grades an outcome; false when the registry cannot hold it.
func resultSeverity(outcome string) (credit.Severity, bool) {
	switch outcome {
	case OutcomeCompliant:
		return credit.Positive, true
	case OutcomeRectify:
		return neutral, neutral.Valid()
	case OutcomeFalseCommitment:
		return credit.General, true
	}
	return "", false
}

// visitRecord fills the record of a visit (a result, or a false
// commitment) from the task and its visit, and returns the name of the
// department answerable for the task's item; why is non-empty when no
// record can be made.
func (s *Service) visitRecord(ctx context.Context, args CreditArgs, in *credit.RecordInput) (dept, why string) {
	t, err := loadTask(ctx, s.DB, args.District, args.TaskID, "")
	if err != nil {
		return "", "检查任务不存在"
	}
	v, err := loadVisit(ctx, s.DB, t.ID)
	if err != nil {
		return "", "检查记录不存在"
	}
	day := v.VisitedAt.In(chinaTime)
	in.DecidedOn = day.Format(time.DateOnly)
	in.DocumentNo = "监管检查" + strconv.FormatInt(t.ID, 10)
	if args.Record == creditFalse {
		in.Severity, in.DocumentNo = credit.General, "监管核查"+strconv.FormatInt(t.ID, 10)
		in.Summary = "告知承诺现场核查发现承诺不实（" + t.ItemName + "）"
		return t.Department, ""
	}
	sev, ok := resultSeverity(v.Outcome)
	if !ok {
		return "", "信用目录暂无中性等级，责令整改不属失信，暂不报送"
	}
	in.Kind, in.Severity = resultKind(), sev
	in.ValidUntil = day.AddDate(resultValidity, 0, -1).Format(time.DateOnly)
	in.Summary = "检查结果：" + t.KindName() + "（" + t.ItemName + "），" + OutcomeName(v.Outcome)
	if v.Outcome == OutcomeRectify {
		in.Summary += "，限期" + v.RectifyBy + "前整改"
	}
	return t.Department, ""
}

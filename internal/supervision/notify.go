package supervision

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Who is told what (every text stays within one notice of 140 characters
// and names no person: application numbers, dates and outcomes only):
//
//   - a street's inspectors, when tasks are created for the street;
//   - the applicant, when a visit settles a task (with the rectification
//     deadline, or the revocation proposal);
//   - the approving department's approvers, when a revocation is proposed;
//   - a street's inspectors again, each working morning, of tasks due by
//     the next working day and overdue ones (see Remind).

// inspectorsOf lists a street's inspectors; none without a street, a
// notifier or a staff directory.
func (s *Service) inspectorsOf(ctx context.Context, street string) ([]int64, error) {
	if s.Staff == nil || s.Notify == nil || street == "" {
		return nil, nil
	}
	ids, err := s.Staff.InspectorsOf(ctx, street)
	if err != nil {
		return nil, fmt.Errorf("supervision: inspectors of %s: %w", street, err)
	}
	return ids, nil
}

// approversOf lists the approvers of the department with a short name.
func (s *Service) approversOf(ctx context.Context, district, department string) ([]int64, error) {
	if s.Staff == nil || s.Notify == nil || department == "" {
		return nil, nil
	}
	code, err := s.Directory.DepartmentCode(ctx, district, department)
	if err != nil || code == "" {
		return nil, err
	}
	ids, err := s.Staff.ApproversOf(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("supervision: approvers of %s: %w", code, err)
	}
	return ids, nil
}

// notify queues text to every account, in tx.
func (s *Service) notify(ctx context.Context, tx *db.Tx, ids []int64, text string) error {
	if s.Notify == nil {
		return nil
	}
	for _, id := range ids {
		if id <= 0 {
			continue
		}
		if err := s.Notify(ctx, tx, id, text); err != nil {
			return fmt.Errorf("supervision: notice to %d: %w", id, err)
		}
	}
	return nil
}

// announce tells the street's inspectors of new tasks.
func (s *Service) announce(ctx context.Context, tx *db.Tx, made []Task, inspectors []int64) error {
	if len(made) == 0 {
		return nil
	}
	return s.notify(ctx, tx, inspectors, fmt.Sprintf("新增检查任务%d项（办件%s），请于%s前完成现场检查。",
		len(made), made[0].ApplicationNo, made[0].DueOn))
}

// outcomeText tells the applicant how a visit settled their task.
func outcomeText(t Task, outcome, rectifyBy string) string {
	head := "您的办件" + t.ApplicationNo + "（" + clip(t.ItemName, 30) + "）" + t.KindName()
	switch outcome {
	case OutcomeRectify:
		return head + "结论：责令整改。请于" + rectifyBy + "前整改完毕，到期后将进行复查。"
	case OutcomeFalseCommitment:
		return head + "认定承诺不实，已提请审批部门撤销许可，并记入信用记录。"
	}
	return head + "已完成，结论：符合要求。"
}

// revocationText asks the approving department to act on a proposal.
func revocationText(t Task) string {
	return "办件" + t.ApplicationNo + "（" + clip(t.ItemName, 30) + "）告知承诺现场核查认定承诺不实，" +
		"已提请撤销许可，请审批部门及时处理。"
}

// reminderText is a street's morning reminder.
func reminderText(street string, dueSoon, overdue int) string {
	return fmt.Sprintf("%s检查任务提醒：%d项今天或下一个工作日到期，%d项已逾期，请及时完成现场检查。",
		clip(street, 12), dueSoon, overdue)
}

// clip shortens s to n characters.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

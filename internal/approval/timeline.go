package approval

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// Entry is one entry of the timeline as a reader sees it.
type Entry struct {
	At    time.Time `json:"at"`
	Actor string    `json:"actor"`
	Kind  string    `json:"kind"`
	What  string    `json:"what"`
	State State     `json:"state"`
	Note  string    `json:"note,omitempty"`
}

// eventNames says each kind of event in words.
var eventNames = map[string]string{
	"create": "创建申请", "submit": "提交申请", "resubmit": "补正后重新提交", "credit_refused": "信用准入未通过",
	"claim": "认领预审", "unclaim": "退回待预审队列", "return": "一次性告知补正", "accept": "受理",
	"reject": "不予受理", "withdraw": "撤回申请", "claim_task": "认领审批任务", "task_done": "审批环节办结",
	"task_back": "退回上一环节", "transfer": "转办", "add_approver": "加签", "suspend": "中止计时",
	"resume": "恢复计时", "decide": "作出决定", "commitment_check_due": "告知承诺待核查", "message": "咨询留言",
}

// Timeline returns every change of an application, oldest first. The
// applicant sees the public entries with staff names masked (工作人员 王*);
// staff see everything.
func (s *Service) Timeline(ctx context.Context, actor *authz.Actor, id int64) ([]Entry, error) {
	f, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	applicantView := f.ApplicantID == actor.AccountID
	rows, err := s.DB.Query(ctx, `SELECT at, actor_kind, actor_name, kind, to_state, note, internal
		FROM application_events WHERE application_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("approval: timeline: %w", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var st Entry
		var kind authz.AccountKind
		var internal bool
		if err := rows.Scan(&st.At, &kind, &st.Actor, &st.Kind, &st.State, &st.Note, &internal); err != nil {
			return nil, fmt.Errorf("approval: timeline: %w", err)
		}
		if internal && applicantView {
			continue
		}
		st.What = eventNames[st.Kind]
		if applicantView && kind == authz.KindStaff {
			st.Actor = "工作人员 " + gm.MaskName(st.Actor)
		}
		out = append(out, st)
	}
	return out, rows.Err()
}

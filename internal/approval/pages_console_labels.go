package approval

import (
	"context"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
)

// standingNames say a clock's standing in words, with the badge class the
// console shows it in.
var standingNames = map[Standing][2]string{
	StandingInstant: {"即办", "badge-ok"},
	StandingOnTime:  {"正常", "badge-ok"},
	StandingWarning: {"临期", "badge-warn"},
	StandingOverdue: {"超期", "badge-danger"},
}

// standingLabel is a standing's Chinese name.
func standingLabel(s Standing) string { return standingNames[s][0] }

// standingClass is a standing's badge class.
func standingClass(s Standing) string { return standingNames[s][1] }

// daysLeftText says the working days left of a clock.
func daysLeftText(days int, s Standing) string {
	switch {
	case s == StandingInstant:
		return "即办件，当场办结"
	case s == "":
		return "—"
	case days > 0:
		return fmt.Sprintf("剩%d个工作日", days)
	case days == 0:
		return "今日到期"
	}
	return fmt.Sprintf("已超%d个工作日", -days)
}

// creditNames say an admission outcome in words with its badge class.
var creditNames = map[string][2]string{
	CreditPass:   {"通过", "badge-ok"},
	CreditWarn:   {"通过（提示）", "badge-warn"},
	CreditRefuse: {"不予准入", "badge-danger"},
}

// creditLabel is a credit outcome's name, "未检查" when there is none.
func creditLabel(o string) string {
	if n, ok := creditNames[o]; ok {
		return n[0]
	}
	return "未检查"
}

// creditClass is a credit outcome's badge class.
func creditClass(o string) string { return creditNames[o][1] }

// taskStateLabels name the task states on the console.
var taskStateLabels = map[TaskState]string{
	TaskWaiting: "未开始", TaskActive: "办理中", TaskDone: "已办结", TaskCancelled: "已取消",
}

// outcomeLabels name the outcomes of a task.
var outcomeLabels = map[string]string{
	string(OutcomeApprove): "通过", string(OutcomeRefuse): "不予许可", string(OutcomeBack): "退回上一环节",
}

// stepRoleLabel names a step's role (审查、核查、决定; 会签 for an added one).
func stepRoleLabel(t Task) string {
	if t.Extra {
		return "会签"
	}
	return catalog.StepRole(t.Role).Name()
}

// unitNames holds the names of the district's departments and service
// points by code, for pages that show codes the service returns.
type unitNames struct {
	depts  map[string]string
	points map[string]org.ServicePoint
}

// Dept is a department's name, its code when unknown.
func (u unitNames) Dept(code string) string {
	if n, ok := u.depts[code]; ok {
		return n
	}
	return code
}

// Point is a service point's name, its code when unknown.
func (u unitNames) Point(code string) string {
	if p, ok := u.points[code]; ok {
		return p.Name
	}
	if code == "" {
		return "—"
	}
	return code
}

// unitsOf loads the district's departments and service points.
func (h *Handlers) unitsOf(ctx context.Context, district string) (unitNames, []org.Department, []org.ServicePoint, error) {
	u := unitNames{depts: map[string]string{}, points: map[string]org.ServicePoint{}}
	ds, err := h.svc.Org.ListDepartments(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return u, nil, nil, fmt.Errorf("approval: departments: %w", err)
	}
	for _, d := range ds.Items {
		u.depts[d.Code] = d.Name
	}
	ps, err := h.svc.Org.ListServicePoints(ctx, nil, org.PointFilter{District: district}, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return u, nil, nil, fmt.Errorf("approval: service points: %w", err)
	}
	for _, p := range ps.Items {
		u.points[p.Code] = p
	}
	return u, ds.Items, ps.Items, nil
}

// staffNames names staff accounts on the console pages.
type staffNames struct {
	me    int64
	names map[int64]string
}

// Of is "我" for the actor, the account's name when known, "账号 #id"
// otherwise, "" for no account.
func (n staffNames) Of(id int64) string {
	switch {
	case id == 0:
		return ""
	case id == n.me:
		return "我"
	case n.names[id] != "":
		return n.names[id]
	}
	return "账号 #" + strconv.FormatInt(id, 10)
}

// namesOf names the given staff accounts: by the identity module when the
// handlers have a lookup, else by the names they acted under on
// applications (the timeline keeps them).
func (h *Handlers) namesOf(ctx context.Context, me int64, ids []int64) (staffNames, error) {
	n := staffNames{me: me, names: map[int64]string{}}
	var want []any
	marks := ""
	for _, id := range ids {
		if id != 0 && id != me {
			if marks != "" {
				marks += ", "
			}
			marks, want = marks+"?", append(want, id)
		}
	}
	if len(want) == 0 {
		return n, nil
	}
	if h.staffNames != nil {
		ids := make([]int64, len(want))
		for i, id := range want {
			ids[i] = id.(int64)
		}
		for id, name := range h.staffNames(ctx, ids) {
			n.names[id] = name
		}
	}
	rows, err := h.svc.DB.Query(ctx, `SELECT actor_id, MAX(actor_name) FROM application_events
		WHERE actor_kind = 'staff' AND actor_id IN (`+marks+`) GROUP BY actor_id`, want...)
	if err != nil {
		return n, fmt.Errorf("approval: staff names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return n, fmt.Errorf("approval: staff names: %w", err)
		}
		if n.names[id] == "" {
			n.names[id] = name
		}
	}
	return n, rows.Err()
}

package approval

import (
	"context"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// inboxRow is one task of the approver's inbox.
type inboxRow struct {
	InboxEntry
	AppID                     int64
	Item                      string // the task's item, for bundled applications
	Dept, RoleName, Holder    string
	DaysText, Standing, Class string
	Credit, CreditCSS         string
	Mine, Claimable           bool
}

// inboxPage is the data of k_tasks.
type inboxPage struct {
	Groups []taskGroup
	Total  int
	Flash  *flash
}

// taskGroup is one part of the inbox.
type taskGroup struct {
	Title, Empty string
	Rows         []inboxRow
}

// registerTaskPages adds the approvers' inbox and the forms acting on a
// task.
func (h *Handlers) registerTaskPages(rt *web.Router) {
	rt.Page("GET /console/tasks", h.inboxPage, web.SignedIn)
	rt.Page("POST /console/tasks/{task}/claim", h.taskAction("task", func(r *http.Request, id int64, _ *web.Form) error {
		_, err := h.svc.ClaimTask(r.Context(), web.ActorFrom(r.Context()), id)
		return err
	}), web.SignedIn)
	rt.Page("POST /console/tasks/{task}/complete", h.taskAction("completed", func(r *http.Request, id int64, f *web.Form) error {
		_, err := h.svc.CompleteTask(r.Context(), web.ActorFrom(r.Context()), id, Outcome(f.Value("outcome")), f.Value("opinion"))
		return err
	}), web.SignedIn)
	rt.Page("POST /console/tasks/{task}/transfer", h.taskAction("transferred", func(r *http.Request, id int64, f *web.Form) error {
		to := f.Int("to", "接收人账号", 1, 1<<53, true)
		if err := f.Err(); err != nil {
			return err
		}
		_, err := h.svc.Transfer(r.Context(), web.ActorFrom(r.Context()), id, to)
		return err
	}), web.SignedIn)
	rt.Page("POST /console/tasks/{task}/add-approver", h.taskAction("added", func(r *http.Request, id int64, f *web.Form) error {
		dept := f.Text("department", "加签部门", 20, true)
		name := f.Text("name", "环节名称", 30, false)
		if err := f.Err(); err != nil {
			return err
		}
		_, err := h.svc.AddApprover(r.Context(), web.ActorFrom(r.Context()), id, dept, name)
		return err
	}), web.SignedIn)
	rt.Page("POST /console/tasks/{task}/suspend", h.taskAction("suspended", func(r *http.Request, id int64, f *web.Form) error {
		return h.svc.Suspend(r.Context(), web.ActorFrom(r.Context()), id, SuspensionKind(f.Value("kind")), f.Value("reason"))
	}), web.SignedIn)
}

// inboxPage lists the active tasks of the approver's departments: mine,
// then unclaimed, then colleagues', each by days left.
func (h *Handlers) inboxPage(w http.ResponseWriter, r *http.Request) {
	ctx, actor := r.Context(), web.ActorFrom(r.Context())
	es, err := h.svc.Inbox(ctx, actor)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	units, _, _, err := h.unitsOf(ctx, actor.District)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	ids := make([]int64, len(es))
	for i, e := range es {
		ids[i] = e.Task.AssigneeID
	}
	names, err := h.namesOf(ctx, actor.AccountID, ids)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	mine, waiting, others := []inboxRow{}, []inboxRow{}, []inboxRow{}
	items := map[string]string{}
	for _, e := range es {
		row := inboxRow{InboxEntry: e, AppID: e.Task.ApplicationID, Dept: units.Dept(e.Task.Department), RoleName: stepRoleLabel(e.Task),
			Holder: names.Of(e.Task.AssigneeID), DaysText: daysLeftText(e.DaysLeft, e.Standing), Standing: standingLabel(e.Standing),
			Class: standingClass(e.Standing), Credit: creditLabel(e.Credit), CreditCSS: creditClass(e.Credit),
			Mine: e.Task.AssigneeID == actor.AccountID, Claimable: e.Task.AssigneeID == 0, Item: h.itemName(ctx, items, e.Task.ItemCode)}
		switch {
		case row.Mine:
			mine = append(mine, row)
		case row.Claimable:
			waiting = append(waiting, row)
		default:
			others = append(others, row)
		}
	}
	p := inboxPage{Flash: flashOf(r), Total: len(es), Groups: []taskGroup{
		{"我认领的", "没有您认领的任务", mine}, {"待认领", "没有待认领的任务", waiting}, {"同事办理中", "", others}}}
	h.rd.Render(w, r, http.StatusOK, "approval/k_tasks", p)
}

// taskAction wraps a form POST on a task: back to the application's page
// with a flash, or the page again with why it was refused.
func (h *Handlers) taskAction(done string, fn func(r *http.Request, id int64, f *web.Form) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		id, err := formID(r, "task")
		if err == nil {
			err = mayConsole(web.ActorFrom(ctx))
		}
		var f *web.Form
		if err == nil {
			f, err = web.ReadForm(r)
		}
		var appID int64
		if err == nil {
			// The task's application, for the way back; the action itself
			// checks the actor's right to the task.
			var t Task
			if t, err = loadTask(ctx, h.svc.DB, id, ""); err == nil {
				appID = t.ApplicationID
				err = fn(r, id, f)
			}
		}
		if err == nil {
			redirectApp(w, r, appID, done)
			return
		}
		fl, errs, ok := refusalFlash(err)
		if !ok || appID == 0 {
			h.rd.Error(w, r, err)
			return
		}
		h.renderApplication(w, r, appID, web.StatusOf(err), fl, errs, keepEntered(f))
	}
}

// itemName names a task's item from the catalogue, remembering names in
// seen; the code stands when the item is not in force any more.
func (h *Handlers) itemName(ctx context.Context, seen map[string]string, code string) string {
	if n, ok := seen[code]; ok {
		return n
	}
	seen[code] = code
	if v, err := h.svc.Catalog.Get(ctx, code); err == nil {
		seen[code] = v.Item.Name
	}
	return seen[code]
}

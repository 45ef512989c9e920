package approval

import (
	"context"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// appPage is the data of k_application.
type appPage struct {
	D         Detail
	StateName string
	Point     string
	Answers   []answer
	Parties   []partyRow
	Materials []materialRow
	Credit    *creditView
	Rounds    []noticeRound
	Timeline  []Entry
	Messages  []Message
	Tasks     []taskRow
	Clock     clockView
	Holder    string
	PDFs      []option
	Flash     *flash
	Errors    map[string]string
	Desk      deskView
	Approver  approverView
}

// clockView is the application's clock in words.
type clockView struct {
	Clock
	Text, Standing, Class string
}

// taskRow is one task of an application with who holds it.
type taskRow struct {
	Task
	Item, Dept, RoleName, StateName, Holder, DoneBy, Outcome string
	Mine, Claimable                                          bool
}

// deskView is what a front-desk worker may do on the page.
type deskView struct {
	On        bool // a front-desk worker looks at a submitted application
	CanClaim  bool
	Holds     bool
	Defects   []Defect // the rows of the notice editor
	Reasons   string
	ClaimedBy string
}

// approverView is what an approver may do on the page.
type approverView struct {
	Held         []taskRow // active tasks the actor holds
	Colleagues   []option
	Departments  []option
	SuspendKinds []option
	CanResume    bool
	Opinion      string
}

// noticeRows is how many defect rows the notice editor offers without
// JavaScript; empty rows are ignored.
const noticeRows = 6

// applicationPage shows one application to the staff handling it.
func (h *Handlers) applicationPage(w http.ResponseWriter, r *http.Request) {
	id, err := formID(r, "id")
	if err == nil {
		err = mayConsole(web.ActorFrom(r.Context()))
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.renderApplication(w, r, id, http.StatusOK, flashOf(r), nil, nil)
}

// renderApplication renders the page with a flash and, after a refused
// action, the fields' errors and the values entered.
func (h *Handlers) renderApplication(w http.ResponseWriter, r *http.Request, id int64, status int, fl *flash, errs map[string]string, entered func(*appPage)) {
	p, err := h.appPageOf(r.Context(), web.ActorFrom(r.Context()), id)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	p.Flash, p.Errors = fl, errs
	if entered != nil {
		entered(&p)
	}
	h.rd.Render(w, r, status, "approval/k_application", p)
}

// appPageOf gathers everything the page shows.
func (h *Handlers) appPageOf(ctx context.Context, actor *authz.Actor, id int64) (appPage, error) {
	d, err := h.svc.Detail(ctx, actor, id)
	if err != nil {
		return appPage{}, err
	}
	p := appPage{D: d, StateName: d.State.Name(), Answers: answersOf(d.Items, d.Form, d.ID), Parties: partiesOf(d.Parties),
		Materials: materialsOf(d.ID, d.Items, d.Materials), Credit: creditViewOf(d.CreditOutcome, d.CreditDecision),
		Rounds: roundsOf(d.Notices), Clock: clockViewOf(d.Clock, d.State), PDFs: pdfLinks("/console", d.Application)}
	if p.Timeline, err = h.svc.Timeline(ctx, actor, id); err != nil {
		return appPage{}, err
	}
	if p.Messages, err = h.svc.Messages(ctx, actor, id); err != nil {
		return appPage{}, err
	}
	units, _, _, err := h.unitsOf(ctx, d.District)
	if err != nil {
		return appPage{}, err
	}
	p.Point = units.Point(d.AcceptedPoint)
	ids := []int64{d.ClaimedBy}
	for _, t := range d.Tasks {
		ids = append(ids, t.AssigneeID, t.DoneBy)
	}
	names, err := h.namesOf(ctx, actor.AccountID, ids)
	if err != nil {
		return appPage{}, err
	}
	p.Holder = names.Of(d.ClaimedBy)
	items := map[string]string{}
	for _, v := range d.Items {
		items[v.ImplCode] = v.Item.Name
	}
	for _, t := range d.Tasks {
		row := h.taskRowOf(actor, t, units, names, d.State)
		row.Item = items[t.ItemCode]
		p.Tasks = append(p.Tasks, row)
	}
	p.Desk = deskOf(actor, d.Application, p.Holder)
	if p.Approver, err = h.approverOf(ctx, actor, d, p.Tasks); err != nil {
		return appPage{}, err
	}
	return p, nil
}

// clockViewOf says the clock in words: acceptance by law while submitted,
// the promised limit once accepted.
func clockViewOf(c Clock, s State) clockView {
	v := clockView{Clock: c, Standing: standingLabel(c.Standing), Class: standingClass(c.Standing)}
	switch {
	case c.Suspended:
		v.Text, v.Standing, v.Class = "中止计时中，不计入办理时限", "中止", "badge-warn"
	case s == StateSubmitted:
		v.Text = prereviewLeft(c.DaysLeft)
	case s == StateAccepted:
		v.Text = daysLeftText(c.DaysLeft, c.Standing)
	default:
		v.Text, v.Standing = "", ""
	}
	return v
}

// taskRowOf describes one task for the actor.
func (h *Handlers) taskRowOf(actor *authz.Actor, t Task, u unitNames, n staffNames, s State) taskRow {
	ours := actor.May(actApprove, authz.Scope{Kind: authz.ScopeDepartment, Code: t.Department})
	return taskRow{Task: t, Dept: u.Dept(t.Department), RoleName: stepRoleLabel(t), StateName: taskStateLabels[t.State],
		Holder: n.Of(t.AssigneeID), DoneBy: n.Of(t.DoneBy), Outcome: outcomeLabels[t.Outcome],
		Mine:      ours && t.State == TaskActive && t.AssigneeID == actor.AccountID && s == StateAccepted,
		Claimable: ours && t.State == TaskActive && t.AssigneeID == 0 && s == StateAccepted}
}

// deskOf says what a front-desk worker may do.
func deskOf(actor *authz.Actor, a Application, holder string) deskView {
	v := deskView{On: a.State == StateSubmitted && actor.May(actPreReview, authz.Scope{}), ClaimedBy: holder}
	v.CanClaim = v.On && a.ClaimedBy == 0
	v.Holds = v.On && a.ClaimedBy == actor.AccountID
	v.Defects = make([]Defect, noticeRows)
	return v
}

// approverOf says what an approver may do, with the colleagues and
// departments the forms offer.
func (h *Handlers) approverOf(ctx context.Context, actor *authz.Actor, d Detail, tasks []taskRow) (approverView, error) {
	var v approverView
	for _, t := range tasks {
		if t.Mine {
			v.Held = append(v.Held, t)
		}
	}
	if d.State == StateSuspended && actor.May(actApprove, authz.Scope{}) {
		for _, t := range tasks {
			v.CanResume = v.CanResume || actor.May(actApprove, authz.Scope{Kind: authz.ScopeDepartment, Code: t.Department})
		}
	}
	if len(v.Held) == 0 {
		return v, nil
	}
	var err error
	if v.Colleagues, err = h.colleagues(ctx, actor, v.Held[0].Department); err != nil {
		return v, err
	}
	ds, err := h.svc.Org.ListDepartments(ctx, nil, d.District, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return v, err
	}
	for _, dep := range ds.Items {
		v.Departments = append(v.Departments, option{Value: dep.Code, Label: dep.Name})
	}
	for _, k := range []SuspensionKind{SuspendCorrection, SuspendHearing, SuspendTesting, SuspendExpert} {
		v.SuspendKinds = append(v.SuspendKinds, option{Value: string(k), Label: suspensionNames[k]})
	}
	return v, nil
}

// colleagues lists the other staff posted in a department, for a
// transfer; names come from the timeline where known.
func (h *Handlers) colleagues(ctx context.Context, actor *authz.Actor, dept string) ([]option, error) {
	posts, err := h.svc.Org.ListStaffPosts(ctx, actor, dept, org.PostFilter{}, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, p := range posts.Items {
		ids = append(ids, p.AccountID)
	}
	names, err := h.namesOf(ctx, actor.AccountID, ids)
	if err != nil {
		return nil, err
	}
	var out []option
	seen := map[int64]bool{actor.AccountID: true}
	for _, p := range posts.Items {
		if !seen[p.AccountID] {
			seen[p.AccountID] = true
			out = append(out, option{Value: itoa(p.AccountID), Label: names.Of(p.AccountID) + "（" + p.Title + "）"})
		}
	}
	return out, nil
}

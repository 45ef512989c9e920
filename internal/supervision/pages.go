package supervision

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// tasksView is the data of the task list.
type tasksView struct {
	Tasks    []Task
	Located  bool
	JS       string
	Oversees bool
}

// visitView is the data of the visit form.
type visitView struct {
	Task     Task
	JS       string
	Errors   map[string]string
	Values   map[string]string
	Outcomes []outcomeOption
	Done     bool
}

type outcomeOption struct{ Value, Label string }

func (h *Handlers) js() string { return StaticPrefix + "inspect.js?v=" + h.jsID }

func (h *Handlers) tasksPage(w http.ResponseWriter, r *http.Request) {
	actor := web.ActorFrom(r.Context())
	pos := positionFrom(r)
	tasks, err := h.svc.MyTasks(r.Context(), actor, pos)
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	_, all := streetsOf(actor)
	h.rd.Render(w, r, http.StatusOK, "supervision/tasks", tasksView{Tasks: tasks, Located: pos.Known, JS: h.js(),
		Oversees: all})
}

// positionFrom reads ?lat&lng; a missing or malformed pair is unknown.
func positionFrom(r *http.Request) Position {
	lat, err1 := strconv.ParseFloat(r.URL.Query().Get("lat"), 64)
	lng, err2 := strconv.ParseFloat(r.URL.Query().Get("lng"), 64)
	if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lng < -180 || lng > 180 {
		return Position{}
	}
	return Position{Lat: lat, Lng: lng, Known: true}
}

func (h *Handlers) taskOf(w http.ResponseWriter, r *http.Request) (Task, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.rd.Error(w, r, apperr.NotFound("检查任务不存在"))
		return Task{}, false
	}
	t, err := h.svc.GetTask(r.Context(), web.ActorFrom(r.Context()), id)
	if err != nil {
		h.rd.Error(w, r, err)
		return Task{}, false
	}
	return t, true
}

func (h *Handlers) newVisitView(t Task) visitView {
	v := visitView{Task: t, JS: h.js(), Errors: map[string]string{}, Values: map[string]string{}, Done: t.State == StateDone}
	for _, o := range []string{OutcomeCompliant, OutcomeRectify, OutcomeFalseCommitment} {
		if o == OutcomeFalseCommitment && t.Kind == KindRoutine {
			continue
		}
		v.Outcomes = append(v.Outcomes, outcomeOption{o, OutcomeName(o)})
	}
	return v
}

func (h *Handlers) visitPage(w http.ResponseWriter, r *http.Request) {
	t, ok := h.taskOf(w, r)
	if !ok {
		return
	}
	h.rd.Render(w, r, http.StatusOK, "supervision/visit", h.newVisitView(t))
}

func (h *Handlers) visitPost(w http.ResponseWriter, r *http.Request) {
	t, ok := h.taskOf(w, r)
	if !ok {
		return
	}
	v := h.newVisitView(t)
	in, err := readVisit(r, t, v.Values)
	if err == nil {
		_, err = h.svc.RecordVisit(r.Context(), web.ActorFrom(r.Context()), t.ID, in)
	}
	if e, isApp := apperr.As(err); isApp && e.Code == apperr.CodeInvalid && len(e.Fields) > 0 {
		v.Errors = e.Fields
		h.rd.Render(w, r, http.StatusUnprocessableEntity, "supervision/visit", v)
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, TasksPath, http.StatusSeeOther)
}

func (h *Handlers) overviewPage(w http.ResponseWriter, r *http.Request) {
	o, err := h.svc.Overview(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	h.rd.Render(w, r, http.StatusOK, "supervision/overview", o)
}

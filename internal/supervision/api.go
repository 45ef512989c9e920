package supervision

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Bounds of JSON bodies: a visit is a few short fields; a photo is up to
// maxPhotoBytes, in base64.
const (
	maxVisitJSON = 64 << 10
	maxPhotoJSON = maxPhotoBytes/3*4 + 64<<10
)

// answer runs do for the request's actor and writes its result.
func answer[R any](w http.ResponseWriter, r *http.Request, status int, do func(*authz.Actor) (R, error)) {
	v, err := do(web.ActorFrom(r.Context()))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}

// withBody decodes a JSON body and runs do with the path's task id.
func withBody[T, R any](w http.ResponseWriter, r *http.Request, limit int64, do func(*authz.Actor, int64, T) (R, error)) {
	id, err := taskID(r)
	if err == nil {
		var in T
		if err = web.DecodeJSON(r, &in, limit); err == nil {
			answer(w, r, http.StatusCreated, func(a *authz.Actor) (R, error) { return do(a, id, in) })
			return
		}
	}
	web.WriteError(w, r, err)
}

// taskID reads the {id} of a task path.
func taskID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalid("id", "任务编号应为正整数")
	}
	return id, nil
}

// apiPosition reads ?lat&lng: both or neither, as numbers.
func apiPosition(r *http.Request) (Position, error) {
	q := r.URL.Query()
	if q.Get("lat") == "" && q.Get("lng") == "" {
		return Position{}, nil
	}
	p := positionFrom(r)
	if !p.Known {
		return p, apperr.Invalid("lat", "lat 和 lng 应同时给出，为 WGS-84 经纬度（度）")
	}
	return p, nil
}

func (h *Handlers) apiTasks(w http.ResponseWriter, r *http.Request) {
	pos, err := apiPosition(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	p, err := web.ParsePage(r)
	if err == nil && p.Cursor != "" {
		err = apperr.Invalid("cursor", "本列表按 offset 分页")
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, http.StatusOK, func(a *authz.Actor) (web.List[Task], error) {
		tasks, err := h.svc.MyTasks(r.Context(), a, pos)
		end := min(p.Offset+p.Limit, len(tasks))
		return web.OffsetList(r, tasks[min(p.Offset, end):end], p, len(tasks)), err
	})
}

func (h *Handlers) apiTask(w http.ResponseWriter, r *http.Request) {
	id, err := taskID(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, http.StatusOK, func(a *authz.Actor) (Task, error) { return h.svc.GetTask(r.Context(), a, id) })
}

func (h *Handlers) apiVisit(w http.ResponseWriter, r *http.Request) {
	withBody(w, r, maxVisitJSON, func(a *authz.Actor, id int64, in VisitInput) (Task, error) {
		return h.svc.RecordVisit(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiPhoto(w http.ResponseWriter, r *http.Request) {
	withBody(w, r, maxPhotoJSON, func(a *authz.Actor, id int64, in PhotoInput) (Photo, error) {
		return h.svc.UploadPhoto(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiOverview(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, func(a *authz.Actor) (Overview, error) { return h.svc.Overview(r.Context(), a) })
}

func (h *Handlers) apiEntity(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, func(*authz.Actor) (Entity, error) {
		return h.svc.Entity(r.Context(), "code", r.PathValue("code"))
	})
}

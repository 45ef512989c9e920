package delivery

import (
	"context"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxJSONBody bounds a JSON body: a few short fields.
const maxJSONBody = 16 << 10

// Tracking is the timeline of a delivery for the API's tracking call.
type Tracking struct {
	ID        int64   `json:"id"`
	State     State   `json:"state"`
	StateName string  `json:"state_name"`
	Courier   string  `json:"courier,omitempty"`
	Waybill   string  `json:"waybill,omitempty"`
	Status    string  `json:"status,omitempty"`
	Events    []Event `json:"events"`
}

// Track returns the actor's delivery's timeline: its own steps and the
// courier's events as last polled.
func (s *Service) Track(ctx context.Context, actor *authz.Actor, id int64) (Tracking, error) {
	d, err := s.Get(ctx, actor, id)
	if err != nil {
		return Tracking{}, err
	}
	return Tracking{ID: d.ID, State: d.State, StateName: d.StateName, Courier: d.Courier, Waybill: d.Waybill,
		Status: d.Tracking, Events: d.Events}, nil
}

// answer runs do for the request's actor and writes its result.
func answer[R any](w http.ResponseWriter, r *http.Request, status int, do func(context.Context, *authz.Actor) (R, error)) {
	v, err := do(r.Context(), web.ActorFrom(r.Context()))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}

// withID runs do with the path's {id}.
func withID[R any](w http.ResponseWriter, r *http.Request, do func(context.Context, *authz.Actor, int64) (R, error)) {
	id, err := pathID(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, http.StatusOK, func(ctx context.Context, a *authz.Actor) (R, error) { return do(ctx, a, id) })
}

// withBody decodes a JSON body and runs do with the path's {id}.
func withBody[T, R any](w http.ResponseWriter, r *http.Request, do func(context.Context, *authz.Actor, int64, T) (R, error)) {
	var in T
	if err := web.DecodeJSON(r, &in, maxJSONBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	withID(w, r, func(ctx context.Context, a *authz.Actor, id int64) (R, error) { return do(ctx, a, id, in) })
}

func (h *Handlers) apiMine(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, h.svc.Mine)
}

func (h *Handlers) apiGet(w http.ResponseWriter, r *http.Request) { withID(w, r, h.svc.Get) }

func (h *Handlers) apiTrack(w http.ResponseWriter, r *http.Request) { withID(w, r, h.svc.Track) }

func (h *Handlers) apiPickup(w http.ResponseWriter, r *http.Request) {
	withBody(w, r, h.svc.ChoosePickup)
}

func (h *Handlers) apiExpress(w http.ResponseWriter, r *http.Request) {
	withBody(w, r, h.svc.ChooseExpress)
}

func (h *Handlers) apiHandover(w http.ResponseWriter, r *http.Request) {
	withBody(w, r, h.svc.Handover)
}

func (h *Handlers) apiOverview(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, h.svc.Overview)
}

func (h *Handlers) apiPoints(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, h.svc.PickupPoints)
}

// PickupPoints lists the pickup points of the actor's district, for the
// applicant's choice.
func (s *Service) PickupPoints(ctx context.Context, actor *authz.Actor) ([]Point, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return nil, err
	}
	return s.Points.PickupPoints(ctx, actor.District)
}

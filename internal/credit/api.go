package credit

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxJSONBody bounds the JSON body of a write: a few short fields.
const maxJSONBody = 64 << 10

// RepairInput is the body of a repair.
type RepairInput struct {
	On   string `json:"on"`
	Note string `json:"note"`
}

// RevokeInput is the body of a revocation.
type RevokeInput struct {
	Reason string `json:"reason"`
}

// RemoveInput is the body of a removal from a list.
type RemoveInput struct {
	Note string `json:"note"`
}

// ImportFailure answers an import with problems: the error envelope and
// the report listing them.
type ImportFailure struct {
	Error  web.ErrorDetail `json:"error"`
	Report *ImportReport   `json:"report"`
}

// decodeThen decodes a JSON body into T and answers what do returns.
func decodeThen[T, R any](w http.ResponseWriter, r *http.Request, status int, do func(*authz.Actor, T) (R, error)) {
	var in T
	if err := web.DecodeJSON(r, &in, maxJSONBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, status, func(a *authz.Actor) (R, error) { return do(a, in) })
}

// answer runs do for the request's actor and writes its result.
func answer[R any](w http.ResponseWriter, r *http.Request, status int, do func(*authz.Actor) (R, error)) {
	v, err := do(web.ActorFrom(r.Context()))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}

// pathID reads the {id} path value.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.Invalid("id", "编号应为正整数")
	}
	return id, nil
}

// withID decodes a body and runs do with the path id.
func withID[T, R any](w http.ResponseWriter, r *http.Request, do func(*authz.Actor, int64, T) (R, error)) {
	id, err := pathID(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	decodeThen(w, r, http.StatusOK, func(a *authz.Actor, in T) (R, error) { return do(a, id, in) })
}

func (h *Handlers) apiAddRecord(w http.ResponseWriter, r *http.Request) {
	decodeThen(w, r, http.StatusCreated, func(a *authz.Actor, in RecordInput) (Record, error) {
		return h.svc.AddRecord(r.Context(), a, in)
	})
}

func (h *Handlers) apiImport(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	rep, err := h.svc.ImportRecords(ctx, web.ActorFrom(ctx), r.URL.Query().Get("department"),
		http.MaxBytesReader(w, r.Body, MaxImportBytes+1))
	if err != nil && rep != nil && rep.ProblemCount > 0 {
		e, _ := apperr.As(err)
		web.WriteJSON(w, http.StatusBadRequest, ImportFailure{Report: rep, Error: web.ErrorDetail{Code: apperr.CodeInvalid,
			Message: e.Message, Fields: e.Fields, RequestID: web.RequestID(ctx)}})
		return
	}
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, rep)
}

func (h *Handlers) apiDossier(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, func(a *authz.Actor) (Dossier, error) {
		return h.svc.Lookup(r.Context(), a, r.PathValue("code"))
	})
}

func (h *Handlers) apiOwn(w http.ResponseWriter, r *http.Request) {
	answer(w, r, http.StatusOK, func(a *authz.Actor) ([]Dossier, error) { return h.svc.Own(r.Context(), a) })
}

func (h *Handlers) apiCheck(w http.ResponseWriter, r *http.Request) {
	decodeThen(w, r, http.StatusOK, func(a *authz.Actor, in Request) (Decision, error) {
		return h.svc.CheckAs(r.Context(), a, in)
	})
}

func (h *Handlers) apiRuleSets(w http.ResponseWriter, r *http.Request) {
	web.WriteJSON(w, http.StatusOK, RuleSets())
}

func (h *Handlers) apiRepair(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in RepairInput) (Record, error) {
		return h.svc.Repair(r.Context(), a, id, in.On, in.Note)
	})
}

func (h *Handlers) apiRevoke(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in RevokeInput) (Record, error) {
		return h.svc.Revoke(r.Context(), a, id, in.Reason)
	})
}

func (h *Handlers) apiAddList(w http.ResponseWriter, r *http.Request) {
	decodeThen(w, r, http.StatusCreated, func(a *authz.Actor, in ListInput) (ListEntry, error) {
		return h.svc.AddListEntry(r.Context(), a, in)
	})
}

func (h *Handlers) apiRemoveList(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in RemoveInput) (ListEntry, error) {
		return h.svc.RemoveListEntry(r.Context(), a, id, in.Note)
	})
}

func (h *Handlers) apiAddCommitment(w http.ResponseWriter, r *http.Request) {
	decodeThen(w, r, http.StatusCreated, func(a *authz.Actor, in CommitmentInput) (Commitment, error) {
		return h.svc.AddCommitment(r.Context(), a, in)
	})
}

func (h *Handlers) apiKeep(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	answer(w, r, http.StatusOK, func(a *authz.Actor) (Commitment, error) { return h.svc.Keep(r.Context(), a, id) })
}

func (h *Handlers) apiBreak(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in Breach) (Commitment, error) {
		return h.svc.Break(r.Context(), a, id, in)
	})
}

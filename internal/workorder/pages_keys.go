package workorder

import (
	"net/http"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

func (h *Handlers) registerKeyPages(rt *web.Router) {
	rt.Page("GET "+KeysPath, showPage(h, "workorder/keys", h.keysView), web.SignedIn)
	rt.Page("POST "+KeysPath, h.keyCreate, web.SignedIn)
	rt.Page("POST "+KeysPath+"/{id}/revoke", h.keyRevoke, web.SignedIn)
}

// keysView is the data of the key list; Secret is shown once, right after
// the key was made.
type keysView struct {
	Keys     []APIKey
	Channels []Channel
	Created  *APIKey
	Secret   string
	Errors   map[string]string
	Values   map[string]string
	Done     string
}

func (h *Handlers) keysView(r *http.Request) (keysView, error) {
	ks, err := h.svc.APIKeys(r.Context(), web.ActorFrom(r.Context()))
	return keysView{Keys: ks, Channels: KeyChannels, Errors: map[string]string{}, Values: map[string]string{},
		Done: r.URL.Query().Get("done")}, err
}

func (h *Handlers) keyCreate(w http.ResponseWriter, r *http.Request) {
	v, err := h.keysView(r)
	var f *web.Form
	if err == nil {
		f, err = web.ReadForm(r)
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	v.Values["name"], v.Values["channel"] = f.Value("name"), f.Value("channel")
	k, secret, err := h.svc.CreateAPIKey(r.Context(), web.ActorFrom(r.Context()), f.Value("name"), Channel(f.Value("channel")))
	if e, ok := apperr.As(err); ok && e.Code == apperr.CodeInvalid {
		v.Errors = e.Fields
		h.rd.Render(w, r, http.StatusBadRequest, "workorder/keys", v)
		return
	}
	if err != nil {
		h.rd.Error(w, r, err)
		return
	}
	// Shown on this response only: the page is not cached (no-store) and
	// the secret is never stored.
	w.Header().Set("Cache-Control", "no-store")
	v.Created, v.Secret, v.Values = &k, secret, map[string]string{}
	v.Keys = append([]APIKey{k}, v.Keys...)
	h.rd.Render(w, r, http.StatusCreated, "workorder/keys", v)
}

func (h *Handlers) keyRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		h.rd.Error(w, r, apperr.NotFound("API密钥不存在"))
		return
	}
	if err := h.svc.RevokeAPIKey(r.Context(), web.ActorFrom(r.Context()), id); err != nil {
		h.rd.Error(w, r, err)
		return
	}
	http.Redirect(w, r, KeysPath+"?done=revoked", http.StatusSeeOther)
}

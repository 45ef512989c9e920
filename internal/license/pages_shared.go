package license

import (
	"errors"
	"net/http"
)

// sharedView is the data of a share link's page.
type sharedView struct {
	CSS    string
	Shared Shared
}

// goneView is the page of a share link that does not work.
type goneView struct {
	Message string
	Expired bool // expired or revoked, as against unknown
}

// sharedPage shows what a share link shares: the verification result and
// the licence's data, masked as on the public verification page. An
// expired or revoked link answers 410 Gone, an unknown one 404.
func (h *Handlers) sharedPage(w http.ResponseWriter, r *http.Request) {
	sh, err := h.svc.OpenShare(r.Context(), r.PathValue("token"))
	switch {
	case err == nil:
		h.rd.Render(w, r, http.StatusOK, "license/shared", sharedView{CSS: stylesheet, Shared: sh})
	case errors.Is(err, errShareGone):
		h.rd.Render(w, r, http.StatusGone, "license/share_gone", goneView{Message: "分享链接已失效", Expired: true})
	case errors.Is(err, errShareUnknown):
		h.rd.Render(w, r, http.StatusNotFound, "license/share_gone", goneView{Message: "分享链接不存在"})
	default:
		h.rd.Error(w, r, err)
	}
}

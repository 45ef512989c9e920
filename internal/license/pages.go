package license

import (
	"net/http"
	"strings"
)

// verifyView is the data of /licences/verify.
type verifyView struct {
	CSS    string
	Query  string
	Error  string
	Result *Verification
}

// verifyPage is the public verification page the licence's QR code opens:
// /licences/verify?id=<identifier>. Only the masked licence is shown.
func (h *Handlers) verifyPage(w http.ResponseWriter, r *http.Request) {
	v := verifyView{CSS: stylesheet, Query: strings.TrimSpace(r.URL.Query().Get("id"))}
	status := http.StatusOK
	if v.Query != "" {
		res, err := h.svc.Verify(r.Context(), v.Query)
		switch {
		case err == nil:
			v.Result = &res
		case isClientError(err):
			v.Error, status = clientMessage(err), statusOf(err)
		default:
			h.rd.Error(w, r, err)
			return
		}
	}
	h.rd.Render(w, r, status, "license/verify", v)
}

package seal

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// Handlers serves the public certificate endpoints of a district's site.
type Handlers struct {
	svc      *Service
	district string
}

// NewHandlers returns the handlers for the site of district.
func NewHandlers(svc *Service, district string) *Handlers {
	return &Handlers{svc: svc, district: district}
}

var (
	apiTags   = []string{"电子印章"}
	errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}
)

// Register adds GET /api/v1/seal/root.pem and GET /api/v1/seal/revoked.
func (h *Handlers) Register(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/seal/root.pem", OperationID: "getSealRoot", Summary: "电子证照根证书",
		Description: "本区电子证照根CA的证书（PEM，SM2/SM3）。公开，供离线验证电子印章。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "PEM 证书", Body: openapi.Schema{"type": "string"}},
			409: {Description: "根证书尚未初始化", Body: errorBody}}}, h.rootPEM)
	rt.API(web.Op{Method: "GET", Path: "/seal/revoked", OperationID: "listRevokedSeals", Summary: "已吊销的印章证书",
		Description: "本区已吊销的部门印章证书列表（类似 CRL）：序列号、吊销时间、吊销生效时间和原因。公开。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "吊销列表", Body: RevokedList{Keys: []Revoked{}}},
			409: {Description: "根证书尚未初始化", Body: errorBody}}}, h.revoked)
}

func (h *Handlers) rootPEM(w http.ResponseWriter, r *http.Request) {
	p, err := h.svc.RootPEM(r.Context(), h.district)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-pem-file")
	w.Header().Set("Content-Disposition", `attachment; filename="root.pem"`)
	_, _ = w.Write([]byte(p))
}

func (h *Handlers) revoked(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.RevokedKeys(r.Context(), h.district)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusOK, list)
}

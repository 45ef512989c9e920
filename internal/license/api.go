package license

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// maxJSONBody bounds a write's JSON body.
const maxJSONBody = 64 << 10

// apiTags groups the module's operations in the API document.
var apiTags = []string{"电子证照"}

// errorBody refers to the error envelope the web layer defines.
var errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/licences/{identifier}/verify", OperationID: "verifyLicence",
		Summary: "核验电子证照", Description: "按证照标识核验电子证照：标识格式和校验位、电子印章签名、状态（有效、暂扣、吊销、" +
			"被新版本替代、过期）。公开；持证人信息脱敏。标识格式或校验位错误返回 400，不存在返回 404。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "核验结果", Body: Verification{}}}}, h.apiVerify)
	rt.API(web.Op{Method: "GET", Path: "/me/licences", OperationID: "listOwnLicences", Summary: "我的电子证照",
		Description: "持证人查看本人的全部电子证照（含历史版本），个人信息脱敏。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "电子证照", Body: []Licence{}}}}, h.apiMine)
	rt.API(web.Op{Method: "GET", Path: "/licences/{id}/export", OperationID: "exportLicence", Summary: "导出电子证照",
		Description: "持证人下载本人电子证照的数据文件（含电子印章和证书），可用 shanzhi verify licence FILE 离线核验。" +
			"他人证照返回 404。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "证照数据文件", Body: Export{}}}}, h.apiExport)
	h.registerManageAPI(rt)
}

func (h *Handlers) registerManageAPI(rt *web.Router) {
	rt.API(post("/licences", "issueLicence", "颁发电子证照", "颁证部门的审批人员或系统管理员手工颁发电子证照（审批通过后系统会自动颁发）。",
		IssueInput{Department: "320113D05", TypeCode: "SPJY", Name: "食品经营许可证", ValidFrom: "2026-03-02",
			HolderCodeType: HolderCreditCode}, 201), h.apiIssue)
	rt.API(post("/licences/{id}/change", "changeLicence", "变更电子证照", "生成新版本，原版本标记为被替代、仍可核验。",
		ChangeInput{Data: map[string]string{"经营场所": "栖霞区文苑路9号"}, Reason: "经营场所变更"}, 200), h.apiChange)
	rt.API(post("/licences/{id}/renew", "renewLicence", "延续电子证照", "以新的有效期生成新版本。",
		RenewInput{ValidFrom: "2031-03-02", ValidUntil: "2036-03-01", Reason: "延续"}, 200), h.apiRenew)
	rt.API(post("/licences/{id}/suspend", "suspendLicence", "暂扣电子证照", "", StatusInput{Reason: "责令停业整顿"}, 200), h.apiSuspend)
	rt.API(post("/licences/{id}/reinstate", "reinstateLicence", "恢复暂扣的电子证照", "", StatusInput{Reason: "整改完成"}, 200), h.apiReinstate)
	rt.API(post("/licences/{id}/revoke", "revokeLicence", "吊销（撤销）电子证照", "不可恢复，如告知承诺不实。",
		StatusInput{Reason: "告知承诺不实"}, 200), h.apiRevoke)
}

// post describes a write by staff of the issuing department.
func post(path, id, summary, desc string, req any, status int) web.Op {
	return web.Op{Method: "POST", Path: path, OperationID: id, Summary: summary,
		Description: desc + "仅限颁证部门的审批人员和系统管理员。", Tags: apiTags, Auth: true, Request: req,
		Responses: map[int]web.Response{status: {Description: summary, Body: Licence{}},
			409: {Description: "证照当前状态不能进行此操作", Body: errorBody}}}
}

func (h *Handlers) apiVerify(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Verify(r.Context(), r.PathValue("identifier"))
	write(w, r, http.StatusOK, v, err)
}

func (h *Handlers) apiMine(w http.ResponseWriter, r *http.Request) {
	l, err := h.svc.Mine(r.Context(), web.ActorFrom(r.Context()))
	write(w, r, http.StatusOK, l, err)
}

func (h *Handlers) apiExport(w http.ResponseWriter, r *http.Request) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	e, err := h.svc.Export(r.Context(), web.ActorFrom(r.Context()), id)
	if err == nil {
		w.Header().Set("Content-Disposition", `attachment; filename="licence-`+r.PathValue("id")+`.json"`)
	}
	write(w, r, http.StatusOK, e, err)
}

func (h *Handlers) apiIssue(w http.ResponseWriter, r *http.Request) {
	var in IssueInput
	if err := web.DecodeJSON(r, &in, maxJSONBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	l, err := h.svc.Issue(r.Context(), web.ActorFrom(r.Context()), in)
	write(w, r, http.StatusCreated, l.Masked(), err)
}

func (h *Handlers) apiChange(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in ChangeInput) (Licence, error) {
		return h.svc.Change(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiRenew(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in RenewInput) (Licence, error) {
		return h.svc.Renew(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiSuspend(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in StatusInput) (Licence, error) {
		return h.svc.Suspend(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiReinstate(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in StatusInput) (Licence, error) {
		return h.svc.Reinstate(r.Context(), a, id, in)
	})
}

func (h *Handlers) apiRevoke(w http.ResponseWriter, r *http.Request) {
	withID(w, r, func(a *authz.Actor, id int64, in StatusInput) (Licence, error) {
		return h.svc.Revoke(r.Context(), a, id, in)
	})
}

// withID decodes the body and the {id} path value, runs do and answers
// the masked licence.
func withID[T any](w http.ResponseWriter, r *http.Request, do func(*authz.Actor, int64, T) (Licence, error)) {
	id, err := parseID(r.PathValue("id"))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	var in T
	if err := web.DecodeJSON(r, &in, maxJSONBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	l, err := do(web.ActorFrom(r.Context()), id, in)
	write(w, r, http.StatusOK, l.Masked(), err)
}

// write answers v, or err when there is one.
func write(w http.ResponseWriter, r *http.Request, status int, v any, err error) {
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, status, v)
}

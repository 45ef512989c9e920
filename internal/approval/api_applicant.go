package approval

import (
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

var (
	apiTags   = []string{"办件"}
	errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}
)

// NewApplication is the body that starts an application.
type NewApplication struct {
	ItemCode   string `json:"item_code"`
	WithBundle bool   `json:"with_bundle"`
}

// DraftUpdate is an autosave of a draft.
type DraftUpdate struct {
	Revision int `json:"revision"`
	Draft
}

// RevisionRef names the revision an action was taken on.
type RevisionRef struct {
	Revision int `json:"revision"`
}

// Resumption is the applicant's corrected form after a correction request.
type Resumption struct {
	Form map[string]any `json:"form"`
}

// op describes an applicant or staff operation on one application.
func op(method, path, id, summary, desc string, req any, status int, body any) web.Op {
	return web.Op{Method: method, Path: path, OperationID: id, Summary: summary, Description: desc, Tags: apiTags,
		Auth: true, Request: req, Responses: map[int]web.Response{status: {Description: summary, Body: body},
			404: {Description: "办件不存在或无权查看", Body: errorBody}, 409: {Description: "状态不允许或已被他人更新", Body: errorBody}}}
}

func (h *Handlers) registerApplicantAPI(rt *web.Router) {
	s := h.svc
	rt.API(op("POST", "/applications", "createApplication", "新建申请",
		"为在用版本的事项新建草稿；with_bundle 时一并申请证照联办的事项。仅限居民和企业用户。", NewApplication{}, 201, Filed{}),
		handle(201, func(r *http.Request, _ int64, in NewApplication) (any, error) {
			return s.CreateDraft(r.Context(), web.ActorFrom(r.Context()), in.ItemCode, in.WithBundle)
		}))
	rt.API(op("GET", "/applications", "listMyApplications", "我的办件", "本人的办件，最近更新的在前。", nil, 200, []Summary{}),
		handle(200, func(r *http.Request, _ int64, _ none) (any, error) {
			return s.Mine(r.Context(), web.ActorFrom(r.Context()), Page{})
		}))
	rt.API(op("GET", "/applications/{id}", "getApplication", "查看办件",
		"申请人、全区预审受理人员、有审批任务的部门人员、领导和管理员可见。", nil, 200, Filed{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Get(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("PUT", "/applications/{id}/draft", "saveDraft", "保存草稿",
		"自动保存；revision 不是最新时返回 409。", DraftUpdate{}, 200, Application{}),
		handle(200, func(r *http.Request, id int64, in DraftUpdate) (any, error) {
			return s.SaveDraft(r.Context(), web.ActorFrom(r.Context()), id, in.Revision, in.Draft)
		}))
	rt.API(web.Op{Method: "POST", Path: "/applications/{id}/materials", OperationID: "uploadMaterial", Summary: "上传材料",
		Description: "multipart 表单：item（事项实施编码）、index（材料序号，从 0 起）、file（PDF、JPG 或 PNG，不超过 20MB）。",
		Tags:        apiTags, Auth: true, Request: openapi.Schema{"type": "object"},
		Responses: map[int]web.Response{201: {Description: "已保存的文件", Body: files.File{}},
			413: {Description: "文件过大", Body: errorBody}}}, h.apiUpload)
	rt.API(op("POST", "/applications/{id}/submit", "submitApplication", "提交申请",
		"检查表单、材料、相关人员、身份核验和信用准入，签名后提交预审。", RevisionRef{}, 200, Filed{}),
		handle(200, func(r *http.Request, id int64, in RevisionRef) (any, error) {
			return s.Submit(r.Context(), web.ActorFrom(r.Context()), id, in.Revision)
		}))
	rt.API(op("POST", "/applications/{id}/withdraw", "withdrawApplication", "撤回申请", "受理前可撤回。", nil, 200, none{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return none{}, s.Withdraw(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("POST", "/applications/{id}/resume", "resumeApplication", "补正完成",
		"申请人补正后（或审批人员在听证、检测结束后）恢复计时。", Resumption{}, 200, none{}),
		handle(200, func(r *http.Request, id int64, in Resumption) (any, error) {
			return none{}, s.Resume(r.Context(), web.ActorFrom(r.Context()), id, in.Form)
		}))
	rt.API(op("GET", "/applications/{id}/timeline", "getTimeline", "办理进度",
		"每一步的时间、办理人和结果；申请人看到的工作人员姓名经脱敏。", nil, 200, []Entry{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Timeline(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(op("GET", "/applications/{id}/notices", "getNotices", "一次性告知书", "各轮补正告知的全部问题。", nil, 200, [][]Defect{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Notices(r.Context(), web.ActorFrom(r.Context()), id)
		}))
}

// apiUpload stores one material from a multipart form.
func (h *Handlers) apiUpload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	up, err := readUpload(r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	f, err := h.svc.AttachMaterial(r.Context(), web.ActorFrom(r.Context()), id, up.item, up.index, up.name, up.data)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, http.StatusCreated, f)
}

// MessageBody is one consultation message.
type MessageBody struct {
	Body string `json:"body"`
}

func (h *Handlers) registerMessageAPI(rt *web.Router) {
	s := h.svc
	rt.API(op("POST", "/applications/{id}/messages", "postMessage", "咨询留言",
		"申请人提问、办理人员答复；答复以短信提醒申请人。", MessageBody{}, 201, none{}),
		handle(201, func(r *http.Request, id int64, in MessageBody) (any, error) {
			return none{}, s.PostMessage(r.Context(), web.ActorFrom(r.Context()), id, in.Body)
		}))
	rt.API(op("GET", "/applications/{id}/messages", "listMessages", "咨询记录", "", nil, 200, []Message{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Messages(r.Context(), web.ActorFrom(r.Context()), id)
		}))
}

func (h *Handlers) registerDetailAPI(rt *web.Router) {
	s := h.svc
	rt.API(op("GET", "/applications/{id}/detail", "getApplicationDetail", "办件详情",
		"办件、材料、审批环节、一次性告知、时限；工作人员另见信用核查结果。", nil, 200, Detail{}),
		handle(200, func(r *http.Request, id int64, _ none) (any, error) {
			return s.Detail(r.Context(), web.ActorFrom(r.Context()), id)
		}))
	rt.API(web.Op{Method: "GET", Path: "/applications/{id}/files/{file}", OperationID: "getMaterialFile", Summary: "查看材料文件",
		Description: "可查看办件的人可下载其材料。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "文件内容（PDF、JPG 或 PNG）"}, 404: {Description: "材料不存在", Body: errorBody}}},
		h.apiFile)
}

// apiFile sends one material file.
func (h *Handlers) apiFile(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	f, data, err := h.svc.OpenMaterial(r.Context(), web.ActorFrom(r.Context()), id, r.PathValue("file"))
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	writeFile(w, f, data)
}

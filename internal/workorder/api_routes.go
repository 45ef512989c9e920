package workorder

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// apiTags groups the module's operations in the API document.
var apiTags = []string{"诉求工单"}

var errorBodySchema = openapi.Schema{"$ref": "#/components/schemas/Error"}

// PublicCategory is a category as the public API shows it, with what it
// inherits filled in.
type PublicCategory struct {
	Code        string    `json:"code"`
	Parent      string    `json:"parent,omitempty"`
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Leaf        bool      `json:"leaf"`
	Property    bool      `json:"property"`
	GridClass   string    `json:"grid_class,omitempty"`
	Response    string    `json:"response_limit,omitempty"`
	Resolution  string    `json:"resolution_limit,omitempty"`
	Urgencies   []Urgency `json:"urgencies,omitempty"`
	Fields      []Field   `json:"fields"`
}

// PublicTree is the current tree as the public API shows it.
type PublicTree struct {
	Version    int              `json:"version"`
	Categories []PublicCategory `json:"categories"`
}

func publicTree(t *Tree) PublicTree {
	out := PublicTree{Version: t.Version, Categories: []PublicCategory{}}
	for _, c := range t.Categories {
		e, _ := t.Effective(c.Code)
		pc := PublicCategory{Code: c.Code, Parent: c.Parent, Name: c.Name, Description: c.Description,
			Leaf: t.IsLeaf(c.Code), Property: e.Property, GridClass: c.GridClass, Fields: c.Fields}
		if pc.Fields == nil {
			pc.Fields = []Field{}
		}
		if pc.Leaf {
			pc.Response, pc.Resolution, pc.Urgencies = e.Response.String(), e.Resolution.String(), e.UrgencyChoices()
		}
		out.Categories = append(out.Categories, pc)
	}
	return out
}

// fileExample is the documented request of POST /workorders.
var fileExample = FileInput{Category: "CG-03", Description: "文苑路菜场门口有流动摊贩占道经营，影响通行",
	Fields: map[string]any{"kind": "vendor"}, Lat: ptr64(32.1), Lng: ptr64(118.92), Address: "仙林街道文苑路",
	Requester: RequesterInput{Name: "张三", Phone: "13800000001"}, ExternalRef: "12345-20260302-0001"}

func ptr64(f float64) *float64 { return &f }

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/workorder-categories", OperationID: "listWorkorderCategories",
		Summary: "诉求分类", Description: "本区当前发布的诉求分类树：只有叶子分类（leaf）可以受理；fields 为提交时需填写的附加字段" +
			"（类型沿用 Open311：string、text、number、datetime、singlevaluelist、multivaluelist），时限为首次响应和办结时限。公开。",
		Tags: apiTags, Responses: map[int]web.Response{200: {Description: "分类树", Body: PublicTree{Categories: []PublicCategory{}}},
			503: {Description: "尚未发布分类", Body: errorBodySchema}}}, h.apiCategories)
	rt.API(web.Op{Method: "GET", Path: "/workorder-places", OperationID: "listWorkorderPlaces", Summary: "街道和社区",
		Description: "本区街道和社区，供选择诉求所在社区。approximate_centre 是按街道中心均匀散布的近似位置（演示用，不是社区边界或实测中心），" +
			"仅用于按定位估算就近社区。公开。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "街道及其社区", Body: web.List[StreetPlace]{Items: []StreetPlace{}}}}},
		h.apiPlaces)
	rt.API(web.Op{Method: "POST", Path: "/workorders", OperationID: "fileWorkorder", Summary: "提交诉求工单",
		Description: "居民提交自己的诉求（channel 为 h5 或 property）；工作人员代为登记（channel 为热线、大走访等，热线须填 requester.phone）；" +
			"其他系统用 API 密钥（Authorization: Bearer）提交，渠道由密钥决定。位置：lat、lng 须同时给出且在本区内；所在社区优先取 community，" +
			"其次按定位估算就近社区，再次按地址识别。photos 为先行上传照片返回的 id。带 Idempotency-Key 重复提交返回同一工单。" +
			"错误时 error.reasons 按字段给出原因代码：required、too_long、invalid、not_allowed、outside_district、unknown_category、" +
			"category_is_group、unknown_field、not_in_list、not_number、bad_datetime、unplaced、unknown_place、too_many、unknown_photo。",
		Tags: apiTags, Auth: true, Request: fileExample,
		Responses: map[int]web.Response{201: {Description: "已受理的工单", Body: OrderView{}},
			200: {Description: "相同 Idempotency-Key 的重复提交，返回原工单", Body: OrderView{}},
			409: {Description: "Idempotency-Key 已用于不同的诉求", Body: errorBodySchema}}}, h.apiFile)
	rt.API(web.Op{Method: "POST", Path: "/workorders/photos", OperationID: "uploadWorkorderPhoto", Summary: "上传诉求照片",
		Description: "data 为 JPEG 或 PNG 图片的 base64，不超过20MB（按文件内容识别类型）。返回的 id 填入提交诉求的 photos，" +
			"只有上传者本人可以引用。请勿对上传请求使用 Idempotency-Key。", Tags: apiTags, Auth: true,
		Request:   PhotoInput{Name: "现场.jpg", Data: []byte{0xff, 0xd8, 0xff}},
		Responses: map[int]web.Response{201: {Description: "照片", Body: Photo{}}}}, h.apiPhoto)
	rt.API(web.Op{Method: "GET", Path: "/workorders", OperationID: "listWorkorders", Summary: "诉求工单列表",
		Description: "居民看自己的诉求；工作人员看职责范围（区、街道、社区、网格）内的工单；API 密钥看自己提交的工单。按受理时间倒序。",
		Tags:        apiTags, Auth: true, Query: []web.Param{{Name: "state", Description: "状态，如 filed、handling、closed"},
			{Name: "limit", Description: "每页条数，1–100", Schema: 20}, {Name: "offset", Description: "跳过条数", Schema: 0}},
		Responses: map[int]web.Response{200: {Description: "工单", Body: web.List[Summary]{Items: []Summary{}}}}}, h.apiList)
	rt.API(web.Op{Method: "GET", Path: "/workorders/{number}", OperationID: "getWorkorder", Summary: "查看诉求工单",
		Description: "诉求人看自己的工单和公开进度；职责范围内的工作人员看全部进度。诉求人身份仅对需要联系诉求人的角色脱敏显示，" +
			"匿名诉求对办理人员不显示。无权查看时返回 404。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "工单", Body: OrderView{}}}}, h.apiGet)
	rt.API(web.Op{Method: "POST", Path: "/workorders/{number}/cancel", OperationID: "cancelWorkorder", Summary: "撤销诉求",
		Description: "诉求人撤销自己的诉求，仅限尚未开始办理时；工单以“已撤销”关闭。", Tags: apiTags, Auth: true,
		Request: cancelInput{Reason: "问题已自行解决"},
		Responses: map[int]web.Response{200: {Description: "已撤销的工单", Body: OrderView{}},
			409: {Description: "已开始办理，不能撤销", Body: errorBodySchema}}}, h.apiCancel)
}

package delivery

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// apiTags groups the module's operations in the API document.
var apiTags = []string{"证照送达"}

// errorBody refers to the error envelope the web layer defines.
var errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/deliveries/mine", OperationID: "listMyDeliveries", Summary: "我的证照送达",
		Description: "本人已准予许可办件的证照送达记录，最新的在前。收件人姓名、手机号脱敏。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "送达记录", Body: []Delivery{}}}}, h.apiMine)
	rt.API(web.Op{Method: "GET", Path: "/deliveries/pickup-points", OperationID: "listPickupPoints",
		Summary: "同城取件网点", Description: "本区可领取证照的服务网点（含所属街道），供选择同城取件。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "取件网点", Body: []Point{}}}}, h.apiPoints)
	rt.API(web.Op{Method: "GET", Path: "/deliveries/{id}", OperationID: "getMyDelivery", Summary: "查看证照送达",
		Description: "本人的一条送达记录及进度。他人的记录返回 404。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "送达记录", Body: Delivery{}}}}, h.apiGet)
	rt.API(web.Op{Method: "GET", Path: "/deliveries/{id}/tracking", OperationID: "trackMyDelivery", Summary: "物流跟踪",
		Description: "送达进度和快递物流（已揽收、运输中、派送中、已签收），按时间先后。物流每10分钟更新一次。",
		Tags:        apiTags, Auth: true, Responses: map[int]web.Response{200: {Description: "进度", Body: Tracking{}}}}, h.apiTrack)
	rt.API(web.Op{Method: "POST", Path: "/deliveries/{id}/pickup", OperationID: "chooseDeliveryPickup",
		Summary: "选择同城取件", Description: "在本区任一取件网点领取。返回的 pickup_code（6位取件码）只返回这一次，同时短信发送；" +
			"系统只保存其摘要。再次选择会生成新的取件码。revision 为当前版本号：版本已变（如重复提交、并发修改）返回 409；" +
			"已寄出或已领取后不能更改，返回 409。",
		Tags: apiTags, Auth: true, Request: PickupInput{Point: "320113001P01", Revision: 1},
		Responses: map[int]web.Response{200: {Description: "已选择", Body: Chosen{}},
			409: {Description: "版本已变，或已寄出、已领取", Body: errorBody}}}, h.apiPickup)
	rt.API(web.Op{Method: "POST", Path: "/deliveries/{id}/express", OperationID: "chooseDeliveryExpress",
		Summary: "选择快递寄送", Description: "寄往中国内地地址：province 为31个省、自治区、直辖市之一（全称或简称），detail 为5至120字的" +
			"详细地址，phone 为内地手机号，postcode 可选（6位数字）。不支持港澳台和境外。提交后系统自动向快递下单，下单前仍可更改。" +
			"revision 规则同同城取件。",
		Tags: apiTags, Auth: true, Request: ExpressInput{Name: "王小栖", Phone: "13800000001", Province: "江苏省",
			Detail: "南京市栖霞区文苑路9号", Postcode: "210023", Revision: 1},
		Responses: map[int]web.Response{200: {Description: "已选择", Body: Delivery{}},
			409: {Description: "版本已变，或已寄出、已领取", Body: errorBody}}}, h.apiExpress)
	h.registerStaffAPI(rt)
}

func (h *Handlers) registerStaffAPI(rt *web.Router) {
	rt.API(web.Op{Method: "POST", Path: "/deliveries/{id}/handover", OperationID: "handOverDelivery",
		Summary: "窗口交付证照", Description: "持证人本人到所选网点领取：核对6位取件码和领取人身份证号（须为持证人本人）。" +
			"错误返回 400 并指明字段（code 或 id_number），错误5次锁定15分钟（期间返回 429）。仅限所选网点的窗口人员。",
		Tags: apiTags, Auth: true, Request: HandoverInput{Code: "123456", IDNumber: "320113198505120031"},
		Responses: map[int]web.Response{200: {Description: "已交付", Body: Delivery{}},
			409: {Description: "已领取或已改为快递", Body: errorBody}, 429: {Description: "错误次数过多，已锁定", Body: errorBody}}},
		h.apiHandover)
	rt.API(web.Op{Method: "GET", Path: "/deliveries/overview", OperationID: "getDeliveryOverview",
		Summary: "证照送达概况", Description: "全区各状态的送达数和各取件网点待取件、已取件数。仅限领导和系统管理员。", Tags: apiTags,
		Auth: true, Responses: map[int]web.Response{200: {Description: "概况", Body: Overview{}}}}, h.apiOverview)
}

package supervision

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// apiTags groups the module's operations in the API document.
var apiTags = []string{"批管同步"}

// errorBody refers to the error envelope the web layer defines.
var errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}

// taskPath is the path of one inspection task.
const taskPath = "/inspections/tasks/{id}"

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/inspections/tasks", OperationID: "listInspectionTasks", Summary: "我的检查任务",
		Description: "检查人员看本街道待检查的任务，领导和系统管理员看全区：按到期日排序，同日按与 lat、lng 所示位置的距离" +
			"（按街道中心估算，distance_km，未知为 -1）排序。lat 和 lng 须同时给出。",
		Tags: apiTags, Auth: true, Query: []web.Param{{Name: "lat", Description: "纬度（WGS-84）", Schema: 32.1},
			{Name: "lng", Description: "经度（WGS-84）", Schema: 118.9}, {Name: "limit", Description: "每页条数，1–100", Schema: 20},
			{Name: "offset", Description: "跳过条数", Schema: 0}},
		Responses: map[int]web.Response{200: {Description: "任务", Body: web.List[Task]{Items: []Task{}}}}}, h.apiTasks)
	rt.API(web.Op{Method: "GET", Path: taskPath, OperationID: "getInspectionTask", Summary: "查看检查任务",
		Description: "任务所在街道的检查人员、领导和系统管理员可看；其他人返回 404。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "任务", Body: Task{}}}}, h.apiTask)
	rt.API(web.Op{Method: "POST", Path: taskPath + "/photos", OperationID: "uploadInspectionPhoto", Summary: "上传现场照片",
		Description: "data 为 JPEG 或 PNG 图片的 base64，不超过20MB；返回的 id 填入记录检查结果的 photos。仅限任务所在街道的检查人员，任务须待检查。",
		Tags:        apiTags, Auth: true, Request: PhotoInput{Name: "门头.jpg", Data: []byte{0xff, 0xd8, 0xff}},
		Responses: map[int]web.Response{201: {Description: "照片", Body: Photo{}}}}, h.apiPhoto)
	rt.API(web.Op{Method: "POST", Path: taskPath + "/visit", OperationID: "recordInspectionVisit", Summary: "记录检查结果",
		Description: "checks 逐项对应任务的 checklist（true 为符合）；lat、lng 须在本区范围内；outcome 为 compliant（符合要求）、" +
			"rectify（责令整改，须填 rectify_by，生成复查任务）或 false_commitment（虚假承诺，仅限告知承诺核查和复查，" +
			"提请撤销许可并记入信用记录）。仅限任务所在街道的检查人员；同一任务重复提交返回 409，不作任何修改。",
		Tags: apiTags, Auth: true, Request: VisitInput{Checks: []bool{true, true, false, true}, Findings: "未在醒目位置公示许可证",
			Photos: []string{}, Lat: 32.1, Lng: 118.92, Outcome: OutcomeRectify, RectifyBy: "2026-03-20"},
		Responses: map[int]web.Response{201: {Description: "已办结的任务", Body: Task{}},
			409: {Description: "已记录过检查结果", Body: errorBody}}}, h.apiVisit)
	rt.API(web.Op{Method: "GET", Path: "/supervision/overview", OperationID: "getSupervisionOverview", Summary: "监管概况",
		Description: "各街道检查任务数、待检查、已逾期、已完成，逾期任务列表。仅限领导和系统管理员。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "概况", Body: Overview{Streets: []StreetStats{}, Overdue: []Task{}}}}},
		h.apiOverview)
	rt.API(web.Op{Method: "GET", Path: "/entities/{code}", OperationID: "getPublicEntity", Summary: "市场主体公示",
		Description: "按统一社会信用代码公示该主体的行政许可和许可后检查结果（日期、街道、结论；不含检查人员和个人信息）。公开；" +
			"自然人办理的事项不公示。",
		Tags: apiTags, Responses: map[int]web.Response{200: {Description: "公示信息", Body: Entity{
			Approvals: []PublicApproval{}, Inspections: []PublicInspection{}}}}}, h.apiEntity)
}

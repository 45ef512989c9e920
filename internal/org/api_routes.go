package org

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// apiTags groups the module's operations in the API document.
var apiTags = []string{"组织机构"}

// errorBody refers to the error envelope the web layer defines.
var errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}

// pageParams are the query parameters of every list.
var pageParams = []web.Param{
	{Name: "limit", Description: "每页条数，1–100，默认 20", Schema: 0},
	{Name: "offset", Description: "跳过的条数，默认 0", Schema: 0},
}

// listOp describes a list operation.
func listOp(path, id, summary, desc string, auth bool, body any, extra ...web.Param) web.Op {
	return web.Op{Method: "GET", Path: path, OperationID: id, Summary: summary, Description: desc, Tags: apiTags,
		Auth: auth, Query: append(extra, pageParams...),
		Responses: map[int]web.Response{200: {Description: summary, Body: body}, 404: {Description: "上级单位不存在", Body: errorBody}}}
}

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: "GET", Path: "/districts/{code}", OperationID: "getDistrict", Summary: "查看区县",
		Description: "按 6 位区划代码查看已导入的区县。公开。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "区县", Body: District{Code: "320113", Name: "栖霞区"}},
			404: {Description: "区县尚未导入", Body: errorBody}}}, h.apiDistrict)
	rt.API(listOp("/districts/{code}/streets", "listStreets", "区县的街道（镇）",
		"按代码顺序列出街道及其社区、村的数量。公开。", false, web.List[Street]{}), h.apiStreets)
	rt.API(listOp("/streets/{code}/communities", "listCommunities", "街道的社区和村",
		"按代码顺序列出街道所辖（含划入的）社区和村及其网格数。公开。", false, web.List[Community]{}), h.apiCommunities)
	rt.API(listOp("/communities/{code}/grids", "listGrids", "社区的网格",
		"列出社区的网格及网格长。仅限工作人员，且在其数据范围内。", true, web.List[GridView]{}), h.apiGrids)
	rt.API(listOp("/service-points", "listServicePoints", "服务网点",
		"列出本区的服务网点，区政务服务中心在前。未登录或非工作人员只能看到对外开放的网点。", false, web.List[ServicePoint]{},
		web.Param{Name: "level", Description: "网点类型：district_centre、street_centre、department_subcentre、community_station"},
		web.Param{Name: "street", Description: "9 位街道代码：只列该街道中心及其社区便民服务站"}), h.apiPoints)
	rt.API(web.Op{Method: "GET", Path: "/service-points/{code}", OperationID: "getServicePoint", Summary: "查看服务网点",
		Description: "公开；暂停服务的网点仅工作人员可见。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "服务网点", Body: ServicePoint{}},
			404: {Description: "网点不存在", Body: errorBody}}}, h.apiPoint)
	rt.API(listOp("/departments", "listDepartments", "区级部门",
		"按编码顺序列出本区的部门及咨询电话。公开。", false, web.List[Department]{}), h.apiDepartments)
	rt.API(web.Op{Method: "POST", Path: "/grids", OperationID: "createGrid", Summary: "新建网格",
		Description: "在社区下新建网格；cell 为 0 时取下一个空闲编号。仅限系统管理员，且在其数据范围内。", Tags: apiTags, Auth: true,
		Request: GridInput{CommunityCode: "320113001001", Name: "尧化社区第9网格"},
		Responses: map[int]web.Response{201: {Description: "已新建的网格", Body: Grid{}},
			404: {Description: "社区不存在", Body: errorBody}}}, h.apiCreateGrid)
	rt.API(listOp("/units/{code}/posts", "listUnitPosts", "单位的岗位人员",
		"列出区、街道、社区、网格、部门或服务网点的在岗人员。仅限工作人员，且在其数据范围内。", true, web.List[PostView]{},
		web.Param{Name: "include_ended", Description: "true 时含已结束的岗位", Schema: false},
		web.Param{Name: "include_subunits", Description: "true 时含下级单位的岗位", Schema: false}), h.apiPosts)
}

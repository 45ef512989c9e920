package credit

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// apiTags groups the module's operations in the API document.
var apiTags = []string{"信用"}

// errorBody refers to the error envelope the web layer defines.
var errorBody = openapi.Schema{"$ref": "#/components/schemas/Error"}

// post describes a write operation answering 201 or 200 with body.
func post(path, id, summary, desc string, req, body any, status int) web.Op {
	return web.Op{Method: "POST", Path: path, OperationID: id, Summary: summary, Description: desc, Tags: apiTags,
		Auth: true, Request: req, Responses: map[int]web.Response{status: {Description: summary, Body: body},
			409: {Description: "冲突（重复报送或已处理）", Body: errorBody}}}
}

func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(post("/credit/records", "createCreditRecord", "报送一条信用记录",
		"来源部门报送一条信用记录；主体不存在时自动登记。仅限该部门的审批人员和系统管理员。同一部门重复报送同一决定文书号返回 409。",
		RecordInput{SubjectKind: Person, SubjectCode: "320113199001011234", Department: "320113D05", Kind: "行政处罚",
			Severity: General, DocumentNo: "栖市监罚〔2026〕1号", DecidedOn: "2026-01-05"}, Record{}, 201), h.apiAddRecord)
	rt.API(web.Op{Method: "POST", Path: "/credit/imports", OperationID: "importCreditRecords", Summary: "批量导入信用记录",
		Description: "请求体为 CSV（UTF-8 或 GB18030）或 Excel（.xlsx）文件本身，最大 10 MB，查询参数 department 为来源部门编码。" +
			"列：主体类型、主体名称、证件号码、记录类别、严重程度、决定文书号、决定日期、有效期至、事实摘要。" +
			"全部成功才写入；有任何问题时返回 400，响应中的 report 列出每一处问题，不写入任何记录。",
		Tags: apiTags, Auth: true,
		Query: []web.Param{{Name: "department", Description: "来源部门编码，如 320113D05", Required: true}},
		Responses: map[int]web.Response{201: {Description: "导入报告", Body: ImportReport{}},
			400: {Description: "文件有问题：错误和导入报告", Body: ImportFailure{}}}}, h.apiImport)
	rt.API(web.Op{Method: "GET", Path: "/credit/subjects/{code}/records", OperationID: "getCreditDossier",
		Summary: "查询主体的信用记录", Description: "code 为身份证号码或统一社会信用代码。返回信用记录、名单和信用承诺，个人信息脱敏。" +
			"仅限全科社工、审批、执法、领导和系统管理员。未登记的主体返回空记录。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "信用档案", Body: Dossier{}}}}, h.apiDossier)
	rt.API(web.Op{Method: "GET", Path: "/credit/me", OperationID: "getOwnCredit", Summary: "查询本人的信用记录",
		Description: "居民查询本人，企业用户查询所代表企业的信用档案。", Tags: apiTags, Auth: true,
		Responses: map[int]web.Response{200: {Description: "信用档案", Body: []Dossier{}}}}, h.apiOwn)
	rt.API(post("/credit/checks", "runCreditCheck", "信用准入核查",
		"按规则集核查申请人和相关人员，返回通过、提示或不予准入及依据。仅限可查询信用记录的工作人员；区县取当前用户所在区县。",
		Request{RuleSet: RuleSetMarketEntry, Parties: []Party{{Role: LegalRep, Code: "320113199001011234"}}}, Decision{}, 200), h.apiCheck)
	rt.API(web.Op{Method: "GET", Path: "/credit/rule-sets", OperationID: "listCreditRuleSets", Summary: "信用准入规则集",
		Description: "列出各规则集及其版本和规则。公开。", Tags: apiTags,
		Responses: map[int]web.Response{200: {Description: "规则集", Body: []RuleSet{}}}}, h.apiRuleSets)
	h.registerManageAPI(rt)
}

func (h *Handlers) registerManageAPI(rt *web.Router) {
	rt.API(post("/credit/records/{id}/repair", "repairCreditRecord", "信用修复",
		"标记信用记录已完成信用修复，此后不再计入准入核查。仅限系统管理员。", RepairInput{On: "2026-03-01", Note: "已履行处罚决定"}, Record{}, 200), h.apiRepair)
	rt.API(post("/credit/records/{id}/revoke", "revokeCreditRecord", "撤销信用记录",
		"撤销信用记录（如原决定被撤销）。仅限系统管理员。", RevokeInput{Reason: "行政复议撤销"}, Record{}, 200), h.apiRevoke)
	rt.API(post("/credit/list-entries", "createCreditListEntry", "列入红黑名单",
		"将主体列入守信红名单或严重失信主体名单。仅限系统管理员。", ListInput{SubjectCode: DemoBlackEntity, List: BlackList,
			Department: "320113D05", Reason: "拒不履行法定义务", From: "2026-01-01"}, ListEntry{}, 201), h.apiAddList)
	rt.API(post("/credit/list-entries/{id}/remove", "removeCreditListEntry", "移出名单",
		"将主体移出名单。仅限系统管理员。", RemoveInput{Note: "已履行全部义务"}, ListEntry{}, 200), h.apiRemoveList)
	rt.API(post("/credit/commitments", "createCreditCommitment", "登记信用承诺",
		"登记主体签署的信用承诺，状态为履约中。仅限全科社工、审批、执法人员和系统管理员。",
		CommitmentInput{SubjectCode: "320113199001011234", ItemCode: "11320113MB1234567X4000117003001", Text: "承诺经营场所符合要求"}, Commitment{}, 201), h.apiAddCommitment)
	rt.API(post("/credit/commitments/{id}/keep", "keepCreditCommitment", "核查确认已履约",
		"核查后确认承诺已履行。", nil, Commitment{}, 200), h.apiKeep)
	rt.API(post("/credit/commitments/{id}/break", "breakCreditCommitment", "认定违反承诺",
		"认定承诺未履行，并同时生成“违反承诺”信用记录。", Breach{Department: "320113D05", DocumentNo: "栖市监承〔2026〕1号",
			DecidedOn: "2026-03-01", Severity: General}, Commitment{}, 200), h.apiBreak)
}

package license

import "github.com/shanzhi-gov/shanzhi/internal/platform/authz"

// The actions of the licence module.
var (
	// actIssue issues a licence by hand (and is what the issuance job does
	// as the system): approvers of the issuing department, administrators.
	actIssue = authz.Define("license.licence.issue", "颁发电子证照", authz.RoleApprover, authz.RoleAdmin)
	// actManage changes, renews, suspends, reinstates and revokes a
	// licence of the issuing department.
	actManage = authz.Define("license.licence.manage", "变更、延续、暂扣和吊销电子证照", authz.RoleApprover, authz.RoleAdmin)
	// actOwn lists and exports one's own licences (self scope).
	actOwn = authz.Define("license.own.view", "查看本人电子证照", authz.RoleResident, authz.RoleEnterprise)
)

// departmentScope is the scope of an issuing department.
func departmentScope(code string) authz.Scope {
	return authz.Scope{Kind: authz.ScopeDepartment, Code: code}
}

package credit

import "github.com/shanzhi-gov/shanzhi/internal/platform/authz"

// The actions of the credit module.
var (
	// actLoad loads records for a source department: its approvers (scoped
	// to the department) and administrators over it.
	actLoad = authz.Define("credit.record.load", "报送信用记录", authz.RoleApprover, authz.RoleAdmin)
	// actView reads any subject's records: district staff who decide on
	// applications, inspect or lead.
	actView = authz.Define("credit.subject.view", "查询信用记录", authz.RoleFrontDesk, authz.RoleApprover,
		authz.RoleInspector, authz.RoleLeader, authz.RoleAdmin)
	// actManage keeps the lists and repairs or revokes records.
	actManage = authz.Define("credit.manage", "管理信用名单、修复和撤销信用记录", authz.RoleAdmin)
	// actCommit records a commitment signed at a counter or online, and
	// settles it (kept or broken) after verification.
	actCommit = authz.Define("credit.commitment.record", "登记和核查信用承诺", authz.RoleFrontDesk,
		authz.RoleApprover, authz.RoleInspector, authz.RoleAdmin)
	// actOwn reads one's own records (self scope).
	actOwn = authz.Define("credit.own.view", "查询本人信用记录", authz.RoleResident, authz.RoleEnterprise)
)

// districtOf is the scope of the actor's whole district; nil-safe.
func districtOf(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.District("-")
	}
	return authz.District(a.District)
}

// departmentScope is the scope of a source department.
func departmentScope(code string) authz.Scope {
	return authz.Scope{Kind: authz.ScopeDepartment, Code: code}
}

// selfOf is the actor's own scope; nil-safe.
func selfOf(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.Self(0)
	}
	return authz.Self(a.AccountID)
}

// actorID is the account recorded as author; 0 for the system.
func actorID(a *authz.Actor) int64 {
	if a == nil {
		return 0
	}
	return a.AccountID
}

// Viewing and commitments are checked anywhere (zero scope): the registry
// is the district's common reference, not one unit's data, so a front-desk
// worker posted at a street centre queries it as a district leader does.
// Managing lists and repairs needs the whole district.

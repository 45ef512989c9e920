package identity

import "github.com/shanzhi-gov/shanzhi/internal/platform/authz"

// staffRoles are the roles of people who sign in with a password.
var staffRoles = []authz.Role{
	authz.RoleFrontDesk, authz.RoleApprover, authz.RoleInspector, authz.RoleGridWorker,
	authz.RoleProperty, authz.RoleLeader, authz.RoleAdmin,
}

// The actions of the identity module. Actions on one's own account are
// checked anywhere (zero scope): the method only ever touches the actor's
// own account, so the check says "signed in with a role that may".
var (
	// Administration, inside the administrator's scope.
	actCreateStaff = authz.Define("identity.staff.create", "创建工作人员账号", authz.RoleAdmin)
	actGrantRole   = authz.Define("identity.grant.assign", "授予角色", authz.RoleAdmin)
	actRevokeRole  = authz.Define("identity.grant.revoke", "撤销角色", authz.RoleAdmin)
	actManage      = authz.Define("identity.account.manage", "管理账号（重置密码、停用、解锁）", authz.RoleAdmin)
	actViewAccount = authz.Define("identity.account.view", "查看账号信息", authz.RoleAdmin)
	actRevealPII   = authz.Define("identity.pii.reveal", "查看完整的身份证号和手机号", authz.RoleAdmin)

	// One's own account.
	actOwnAccount = authz.Define("identity.account.own", "查看和管理本人账号", authz.AllRoles...)
	actSecurity   = authz.Define("identity.security.manage", "管理本人的登录密码和动态验证码", staffRoles...)
	actRealName   = authz.Define("identity.realname.update", "登记实名信息",
		authz.RoleResident, authz.RoleEnterprise)

	// Enterprises, over the actor's own (self) scope.
	actRegisterEnterprise = authz.Define("identity.enterprise.register", "登记企业",
		authz.RoleResident, authz.RoleEnterprise)
	actManageAgents = authz.Define("identity.enterprise.agents", "管理企业经办人", authz.RoleEnterprise)
)

// actActFor is checked before an enterprise user acts for an enterprise;
// ActsFor then requires a link to that enterprise.
var actActFor = authz.Define("identity.enterprise.act", "以企业身份办理", authz.RoleEnterprise)

// selfOf is the actor's own scope; nil-safe, so that Check can answer
// "please sign in" instead of the call panicking.
func selfOf(a *authz.Actor) authz.Scope {
	if a == nil {
		return authz.Self(0)
	}
	return authz.Self(a.AccountID)
}

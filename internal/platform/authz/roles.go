// Package authz is Shanzhi's permission kernel: the roles, the data scopes
// they hold, the actor behind every call, and the registry of actions each
// module defines with the roles that may perform them.
//
// Services check permissions themselves (never only the pages): every
// service method that acts for someone calls Check with the action and the
// scope of the data it touches.
package authz

// Role is a job a person holds in the system.
type Role string

// The roles of Shanzhi.
const (
	RoleResident   Role = "resident"       // 居民 / 申请人
	RoleEnterprise Role = "enterprise"     // 企业用户
	RoleFrontDesk  Role = "front_desk"     // 全科社工 (front-desk all-round worker)
	RoleApprover   Role = "approver"       // 部门审批人
	RoleInspector  Role = "inspector"      // 综合执法队员
	RoleGridWorker Role = "grid_worker"    // 网格长 / 社工
	RoleProperty   Role = "property_staff" // 物业人员
	RoleVolunteer  Role = "volunteer"      // 志愿者
	RoleLeader     Role = "leader"         // 领导 / 分析人员
	RoleAdmin      Role = "admin"          // 系统管理员
)

// AllRoles lists every role, in display order.
var AllRoles = []Role{
	RoleResident, RoleEnterprise, RoleFrontDesk, RoleApprover, RoleInspector,
	RoleGridWorker, RoleProperty, RoleVolunteer, RoleLeader, RoleAdmin,
}

var roleNames = map[Role]string{
	RoleResident:   "居民",
	RoleEnterprise: "企业用户",
	RoleFrontDesk:  "全科社工",
	RoleApprover:   "部门审批人",
	RoleInspector:  "执法检查人员",
	RoleGridWorker: "网格员/社工",
	RoleProperty:   "物业人员",
	RoleVolunteer:  "志愿者",
	RoleLeader:     "领导",
	RoleAdmin:      "系统管理员",
}

// Name is the role's Chinese name.
func (r Role) Name() string {
	if n, ok := roleNames[r]; ok {
		return n
	}
	return string(r)
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	_, ok := roleNames[r]
	return ok
}

// IsStaff reports whether the role belongs to government or property staff
// (signs in with a password) rather than to the public (signs in by SMS).
func (r Role) IsStaff() bool {
	switch r {
	case RoleResident, RoleEnterprise, RoleVolunteer:
		return false
	}
	return true
}

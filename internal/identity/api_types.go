package identity

import (
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// AccountResource is an account in the JSON API: personal data masked.
type AccountResource struct {
	ID                 int64           `json:"id"`
	Kind               string          `json:"kind" doc:"resident（居民）、enterprise（企业用户）或 staff（工作人员）"`
	District           string          `json:"district" doc:"所属区县代码"`
	DisplayName        string          `json:"display_name" doc:"显示名称（已脱敏）"`
	Status             string          `json:"status" doc:"active、locked 或 disabled"`
	Username           string          `json:"username,omitempty" doc:"工作人员用户名"`
	Phone              string          `json:"phone,omitempty" doc:"手机号（脱敏，如 138****5678）"`
	RealName           string          `json:"real_name,omitempty" doc:"本人登记的姓名"`
	IDNumber           string          `json:"id_number,omitempty" doc:"身份证号（脱敏，如 320113********123X）"`
	RealNameVerifiedAt *time.Time      `json:"real_name_verified_at,omitempty"`
	TOTPEnabled        bool            `json:"totp_enabled" doc:"是否已绑定身份验证器"`
	Roles              []GrantResource `json:"roles" doc:"角色及其数据范围"`
	LastLoginAt        *time.Time      `json:"last_login_at,omitempty"`
}

// GrantResource is a role held over a data scope.
type GrantResource struct {
	Role      string `json:"role"`
	RoleName  string `json:"role_name"`
	ScopeKind string `json:"scope_kind" doc:"district、street、community、grid、department、service_point 或 self"`
	ScopeCode string `json:"scope_code"`
}

// SessionResource answers a sign-in: the account, the CSRF token every
// later write must send in X-CSRF-Token, and when the session ends at the
// latest. The session itself travels in the HttpOnly cookie.
type SessionResource struct {
	Account   AccountResource `json:"account"`
	CSRFToken string          `json:"csrf_token" doc:"之后的写请求须在 X-CSRF-Token 头中携带"`
	ExpiresAt time.Time       `json:"expires_at" doc:"会话的最迟结束时间（空闲超时可能更早）"`
}

// SMSCodeRequest asks for a sign-in code.
type SMSCodeRequest struct {
	Phone string `json:"phone" doc:"中国大陆手机号"`
}

// SMSCodeSent confirms a code was sent.
type SMSCodeSent struct {
	Phone            string `json:"phone" doc:"脱敏的手机号"`
	ExpiresInSeconds int    `json:"expires_in_seconds" doc:"验证码有效期（秒）"`
	ResendInSeconds  int    `json:"resend_in_seconds" doc:"多少秒后可再次获取"`
}

// ResidentLoginRequest signs a resident in with the SMS code.
type ResidentLoginRequest struct {
	Phone string `json:"phone"`
	Code  string `json:"code" doc:"6位短信验证码"`
}

// StaffLoginRequest signs a staff member in.
type StaffLoginRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	TOTPCode string `json:"totp_code,omitempty" doc:"已绑定身份验证器的账号必填"`
}

// RealNameRequest records the caller's real name.
type RealNameRequest struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number" doc:"18位居民身份证号（校验码按 GB 11643 校验）"`
}

// accountResource converts a view for the API.
func accountResource(v AccountView) AccountResource {
	out := AccountResource{ID: v.ID, Kind: string(v.Kind), District: v.District, DisplayName: v.DisplayName,
		Status: string(v.Status), Username: v.Username, Phone: v.Phone, RealName: v.RealName, IDNumber: v.IDNumber,
		RealNameVerifiedAt: v.RealNameVerifiedAt, TOTPEnabled: v.TOTPEnabled, LastLoginAt: v.LastLoginAt,
		Roles: []GrantResource{}}
	for _, g := range v.Grants {
		out.Roles = append(out.Roles, grantResource(g))
	}
	return out
}

func grantResource(g authz.Grant) GrantResource {
	return GrantResource{Role: string(g.Role), RoleName: g.Role.Name(), ScopeKind: string(g.Scope.Kind), ScopeCode: g.Scope.Code}
}

package identity

import (
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// apiTags groups the identity operations in the OpenAPI document.
var apiTags = []string{"身份认证"}

// anonymousNote explains how the sign-in operations meet the web layer's
// protections: they are made without a session.
const anonymousNote = "无需登录即可调用。未携带会话 Cookie 的请求不校验 CSRF 令牌（没有可被冒用的登录状态）；" +
	"若已携带有效的会话 Cookie，则须在 X-CSRF-Token 头中携带该会话的令牌，或先调用 DELETE /sessions/current。" +
	"匿名请求不能使用 Idempotency-Key（返回 400），登录请求本身可安全重试。"

// Examples shown in the OpenAPI document: masked values, except the
// request of PUT /me/real-name, whose ID number is synthetic (made for
// demo data, valid by GB 11643).
var (
	exampleAt      = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	exampleID      = check.MakeIDNumber("320113", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 123)
	exampleAccount = AccountResource{ID: 1024, Kind: string(authz.KindResident), District: "320113",
		DisplayName: "张*", Status: string(StatusActive), Phone: "138****5678", RealName: "张三",
		IDNumber: "320113********123X", Roles: []GrantResource{{Role: string(authz.RoleResident),
			RoleName: authz.RoleResident.Name(), ScopeKind: string(authz.ScopeSelf), ScopeCode: "1024"}},
		LastLoginAt: &exampleAt}
	exampleStaff = AccountResource{ID: 7, Kind: string(authz.KindStaff), District: "320113",
		DisplayName: "李四", Status: string(StatusActive), Username: "lisi", TOTPEnabled: true,
		Roles: []GrantResource{{Role: string(authz.RoleFrontDesk), RoleName: authz.RoleFrontDesk.Name(),
			ScopeKind: string(authz.ScopeStreet), ScopeCode: "320113001"}}, LastLoginAt: &exampleAt}
	exampleSession = SessionResource{Account: exampleAccount, CSRFToken: "Jx3v0bq0V5kQ2m1c8n4l6YpTq9wZrA7sE2dF5gH1jK0",
		ExpiresAt: exampleAt.Add(30 * 24 * time.Hour)}
)

// registerAPI adds the identity operations under /api/v1.
func (h *Handlers) registerAPI(rt *web.Router) {
	rt.API(web.Op{Method: http.MethodPost, Path: "/sessions/sms-code", OperationID: "requestSMSCode",
		Summary: "获取短信登录验证码", Tags: apiTags, Request: SMSCodeRequest{Phone: "13812345678"},
		Description: "向手机号发送6位登录验证码，5分钟内有效。同一手机号每60秒、每24小时10次，同一网络每小时30次；" +
			"超出时返回 429，message 说明何时可重试。" + anonymousNote,
		Responses: map[int]web.Response{
			200: {Description: "验证码已发送", Body: SMSCodeSent{Phone: "138****5678", ExpiresInSeconds: 300, ResendInSeconds: 60}},
			429: {Description: "获取过于频繁"}, 503: {Description: "短信发送失败"},
		}}, h.apiSMSCode)
	rt.API(web.Op{Method: http.MethodPost, Path: "/sessions/resident", OperationID: "loginResident",
		Summary: "居民短信验证码登录", Tags: apiTags, Request: ResidentLoginRequest{Phone: "13812345678", Code: "123456"},
		Description: "以手机号和短信验证码登录，首次登录自动注册。成功后设置 HttpOnly 会话 Cookie，并返回之后写请求所需的 CSRF 令牌。" +
			"验证码错误时 fields.code 说明剩余次数；错误5次后验证码失效（429）。" + anonymousNote,
		Responses: map[int]web.Response{
			201: {Description: "已登录", Body: exampleSession},
			429: {Description: "验证次数过多"},
		}}, h.apiLoginResident)
	rt.API(web.Op{Method: http.MethodPost, Path: "/sessions/staff", OperationID: "loginStaff",
		Summary: "工作人员登录", Tags: apiTags, Request: StaffLoginRequest{Username: "lisi", Password: "Counter-pass-01", TOTPCode: "123456"},
		Description: "以用户名、密码（已绑定身份验证器时另需 totp_code）登录。用户名或密码错误返回 401；" +
			"密码正确但缺少动态验证码时返回 400，fields.totp_code 说明；连续错误5次账号锁定15分钟（429，message 给出解锁时间）。" + anonymousNote,
		Responses: map[int]web.Response{
			201: {Description: "已登录", Body: SessionResource{Account: exampleStaff, CSRFToken: exampleSession.CSRFToken,
				ExpiresAt: exampleAt.Add(12 * time.Hour)}},
			401: {Description: "用户名或密码错误"}, 429: {Description: "账号已锁定"},
		}}, h.apiLoginStaff)
	h.registerAccountAPI(rt)
}

func (h *Handlers) registerAccountAPI(rt *web.Router) {
	rt.API(web.Op{Method: http.MethodDelete, Path: "/sessions/current", OperationID: "logout",
		Summary: "退出登录", Tags: apiTags, Auth: true,
		Description: "结束当前会话并清除会话 Cookie。须携带 X-CSRF-Token。",
		Responses:   map[int]web.Response{204: {Description: "已退出"}}}, h.apiLogout)
	rt.API(web.Op{Method: http.MethodGet, Path: "/me", OperationID: "getMe",
		Summary: "查看本人账号", Tags: apiTags, Auth: true,
		Description: "本人账号信息：手机号、身份证号脱敏显示；roles 列出角色及数据范围。",
		Responses:   map[int]web.Response{200: {Description: "本人账号", Body: exampleAccount}}}, h.apiMe)
	rt.API(web.Op{Method: http.MethodPut, Path: "/me/real-name", OperationID: "updateRealName",
		Summary: "登记实名信息", Tags: apiTags, Auth: true,
		Request:     RealNameRequest{Name: "张三", IDNumber: exampleID},
		Description: "居民和企业用户登记本人姓名与身份证号。身份证号按 GB 11643 校验，错误时 fields.id_number 说明原因。须携带 X-CSRF-Token。",
		Responses:   map[int]web.Response{200: {Description: "已登记", Body: exampleAccount}}}, h.apiRealName)
}

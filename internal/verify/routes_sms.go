package verify

import (
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// registerSMS adds the two operations of the SMS code step.
func (h *Handlers) registerSMS(rt *web.Router) {
	sent := exampleV
	sent.Level, sent.LevelName, sent.NextStep, sent.SMSPassedAt = int(L1), L1.Name(), kindSMS, nil
	rt.API(web.Op{Method: http.MethodPost, Path: "/verifications/{id}/sms", OperationID: "sendVerificationCode",
		Summary: "发送身份核验短信验证码", Tags: apiTags, Auth: true,
		Description: "运营商三要素核验通过后，向核验过的手机号（即登录手机号）发送6位短信验证码，5分钟内有效；" +
			"新验证码使旧验证码失效。每次核验每分钟最多获取1次、共5次，超出返回 429；尚未通过三要素核验、" +
			"短信核验已通过、核验已过期或已使用返回 409；短信发送失败返回 503（不计次数）。无请求体；须携带 X-CSRF-Token。",
		Responses: map[int]web.Response{200: {Description: "已发送", Body: sent},
			409: {Description: "尚未通过三要素核验，或短信核验已通过，或核验已过期、已使用"},
			429: {Description: "获取过于频繁或次数已用完"}, 503: {Description: "短信发送失败"}}},
		h.apiSendCode)
	rt.API(web.Op{Method: http.MethodPost, Path: "/verifications/{id}/sms/check", OperationID: "checkVerificationCode",
		Summary: "核对身份核验短信验证码", Tags: apiTags, Auth: true, Request: CodeRequest{Code: "123456"},
		Description: "核对收到的6位验证码，正确后短信核验通过（与三要素核验一起达到 L2），验证码仅可使用一次。" +
			"格式错误返回 400（fields.code）且不计次数；验证码错误返回 400（fields.code），message 说明剩余次数；" +
			"同一验证码错误5次即失效，返回 429；验证码过期或尚未获取返回 400（fields.code），请重新获取；" +
			"尚未通过三要素核验、核验已过期或已使用返回 409。",
		Responses: map[int]web.Response{200: {Description: "核验通过", Body: exampleV},
			409: {Description: "尚未通过三要素核验，或短信核验已通过，或核验已过期、已使用"},
			429: {Description: "验证码错误次数过多，已失效"}}},
		h.apiCheckCode)
}

// ptr returns a pointer to a copy of t, for examples.
func ptr(t time.Time) *time.Time { return &t }

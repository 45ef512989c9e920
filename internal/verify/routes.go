package verify

import (
	"fmt"
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// apiTags groups the verification operations in the OpenAPI document.
var apiTags = []string{"身份核验"}

// Examples for the OpenAPI document: masked values only.
var (
	exampleID    = check.MakeIDNumber("320113", time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 123)
	exampleAt    = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	exampleSMSAt = exampleAt.Add(2 * time.Minute)
	exampleV     = VerificationResource{ID: "5f0c3a9e2b7d4e1f8a6c0b9d3e2f1a4c", Purpose: "application:1024",
		Status: string(StatusOpen), Level: int(L2), LevelName: L2.Name(), NextStep: kindFace,
		CreatedAt: exampleAt, ExpiresAt: exampleAt.Add(30 * time.Minute), Name: "张*",
		IDNumber: "320113********123X", Phone: "138****5678", CarrierAttemptsLeft: 4, FaceAttemptsLeft: 5,
		SMSSendsLeft: 4, SMSAttemptsLeft: 5, SMSSentAt: &exampleSMSAt, SMSExpiresAt: ptr(exampleSMSAt.Add(5 * time.Minute)),
		SMSResendAt: ptr(exampleSMSAt.Add(time.Minute)), SMSPassedAt: ptr(exampleSMSAt.Add(40 * time.Second)),
		Checks: []CheckResource{{Kind: kindCarrier, Provider: CarrierSimulatorName, Outcome: string(CarrierMatch),
			At: exampleAt.Add(time.Minute)}}}
)

// Register adds the verification API operations to rt.
func (h *Handlers) Register(rt *web.Router) {
	rt.API(web.Op{Method: http.MethodPost, Path: "/verifications", OperationID: "startVerification",
		Summary: "发起身份核验", Tags: apiTags, Auth: true, Request: StartRequest{Purpose: "application:1024"},
		Description: "居民或企业用户为一项办理（purpose，如 application:1024）发起本人身份核验，当前等级为 L1（短信验证码登录）。" +
			"核验30分钟内有效，只能用于发起时的办理，且只能使用一次。须携带 X-CSRF-Token。",
		Responses: map[int]web.Response{201: {Description: "已发起", Body: VerificationResource{ID: exampleV.ID,
			Purpose: exampleV.Purpose, Status: string(StatusOpen), Level: int(L1), LevelName: L1.Name(), NextStep: kindCarrier,
			CreatedAt: exampleAt, ExpiresAt: exampleV.ExpiresAt, CarrierAttemptsLeft: 5, FaceAttemptsLeft: 5, Checks: []CheckResource{}}}}},
		h.apiStart)
	rt.API(web.Op{Method: http.MethodPost, Path: "/verifications/{id}/carrier", OperationID: "checkCarrier",
		Summary: "运营商三要素实名核验", Tags: apiTags, Auth: true,
		Request: CarrierRequest{Name: "张三", IDNumber: exampleID, Phone: "13812345678"},
		Description: "核对姓名、身份证号与登录手机号是否登记在同一人名下；通过后再完成短信验证码核验，等级升为 L2。身份证号按 GB 11643 校验；" +
			"手机号须为登录时使用的号码。输入错误返回 400 且不计次数；核验不一致返回 400，message 说明剩余次数；" +
			"每次核验最多尝试5次，超出返回 429；核验已过期或已使用返回 409；核验服务不可用返回 503。",
		Responses: map[int]web.Response{200: {Description: "核验通过", Body: exampleV},
			409: {Description: "核验已过期、已使用或已通过"}, 429: {Description: "尝试次数已用完"}, 503: {Description: "运营商核验服务不可用"}}},
		h.apiCarrier)
	h.registerSMS(rt)
	rt.API(web.Op{Method: http.MethodPost, Path: "/verifications/{id}/face", OperationID: "checkFace",
		Summary: "人脸识别核验", Tags: apiTags, Auth: true,
		Description: fmt.Sprintf("以 multipart/form-data 上传现场拍摄的人脸照片（字段 image，JPEG 或 PNG，按内容识别，不超过 %s），"+
			"与通过三要素核验的身份证照片比对，相似度达到阈值后等级升为 L3。须先通过运营商三要素核验和短信验证码核验（否则 409）。"+
			"照片格式或大小不符返回 400（fields.image）且不计次数；比对不一致返回 400，message 说明剩余次数；"+
			"每次核验最多尝试5次，超出返回 429；服务不可用返回 503。携带 Idempotency-Key 时整个请求体不得超过 1 MB。",
			humanSize(DefaultConfig().MaxImageBytes)),
		Responses: map[int]web.Response{200: {Description: "核验通过", Body: exampleV},
			409: {Description: "尚未通过三要素核验，或核验已过期、已使用、已通过"}, 429: {Description: "尝试次数已用完"},
			503: {Description: "人脸识别服务不可用"}}},
		h.apiFace)
	rt.API(web.Op{Method: http.MethodGet, Path: "/verifications/{id}", OperationID: "getVerification",
		Summary: "查看身份核验", Tags: apiTags, Auth: true,
		Description: "本人身份核验的状态（open、used、expired）、等级、下一步（carrier、sms、face）、剩余次数和每次核验的结果；" +
			"姓名、身份证号、手机号脱敏显示。只有本人可查看。",
		Responses: map[int]web.Response{200: {Description: "身份核验", Body: exampleV}}}, h.apiGet)
}

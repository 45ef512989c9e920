package web

import (
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web/openapi"
)

// baseComponents are the definitions every operation may refer to: the
// error envelope, the Idempotency-Key header and the two ways to sign in.
func baseComponents() openapi.Components {
	codes := []any{}
	for _, c := range []apperr.Code{apperr.CodeInvalid, apperr.CodeNotFound, apperr.CodeForbidden,
		apperr.CodeUnauthorized, apperr.CodeConflict, apperr.CodeTooMany, apperr.CodeTooLarge, apperr.CodeUnavailable, apperr.CodeInternal} {
		codes = append(codes, string(c))
	}
	errSchema := openapi.Schema{
		"type": "object", "required": []string{"error"},
		"properties": map[string]any{"error": openapi.Schema{
			"type": "object", "required": []string{"code", "message"},
			"properties": map[string]any{
				"code":       openapi.Schema{"type": "string", "enum": codes, "description": "机器可读的错误类别"},
				"message":    openapi.Schema{"type": "string", "description": "给人看的中文说明"},
				"fields":     openapi.Schema{"type": "object", "additionalProperties": openapi.Schema{"type": "string"}, "description": "各字段的错误说明"},
				"request_id": openapi.Schema{"type": "string", "description": "请求编号，联系客服时提供"},
			},
		}},
	}
	return openapi.Components{
		Schemas: map[string]openapi.Schema{"Error": errSchema},
		Responses: map[string]openapi.Response{"Error": {Description: "错误",
			Content: map[string]openapi.MediaType{"application/json": {Schema: openapi.Schema{"$ref": "#/components/schemas/Error"}}}}},
		Parameters: map[string]openapi.Parameter{"IdempotencyKey": {
			Name: IdempotencyHeader, In: "header",
			Description: "1–128 个可打印 ASCII 字符。相同 Key 与相同请求重复提交时返回首次结果（响应头 Idempotent-Replayed: true）；同一 Key 用于不同请求返回 422。",
			Schema:      openapi.Schema{"type": "string", "minLength": 1, "maxLength": 128, "pattern": "^[\\x20-\\x7E]+$"},
		}},
		SecuritySchemes: map[string]openapi.SecurityScheme{
			"sessionCookie": {Type: "apiKey", In: "cookie", Name: SessionCookie,
				Description: "网页登录后的会话 Cookie；写操作还须在 X-CSRF-Token 头中携带会话的 CSRF 令牌。"},
			"apiKey": {Type: "http", Scheme: "bearer",
				Description: "系统对接使用的 API 密钥：Authorization: Bearer <密钥>。"},
		},
	}
}

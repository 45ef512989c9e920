package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// DecodeJSON reads r's JSON body into v. It refuses, with an invalid-code
// error a client can act on: a content type other than application/json, a
// body over maxBytes (answered 413), an empty body, malformed JSON, unknown
// fields, values of the wrong type, and anything after the first value.
func DecodeJSON(r *http.Request, v any, maxBytes int64) error {
	if err := requireJSON(r); err != nil {
		return err
	}
	body := http.MaxBytesReader(nil, r.Body, maxBytes)
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err, maxBytes)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return errTooLarge(maxBytes)
		}
		return apperr.New(apperr.CodeInvalid, "请求内容在 JSON 之后还有多余的数据")
	}
	return nil
}

func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if ct == "" || err != nil || mt != "application/json" {
		return withStatus(http.StatusUnsupportedMediaType,
			apperr.New(apperr.CodeInvalid, "请求内容类型必须是 application/json"))
	}
	return nil
}

// decodeError explains a json decoding failure in Chinese, naming the field
// when the decoder knows it.
func decodeError(err error, maxBytes int64) error {
	var (
		tooBig  *http.MaxBytesError
		syntax  *json.SyntaxError
		typeErr *json.UnmarshalTypeError
		target  *json.InvalidUnmarshalError
	)
	switch {
	case errors.As(err, &target):
		// A programming error (v is not a pointer), not the client's.
		return fmt.Errorf("web: decode json: %w", err)
	case errors.As(err, &tooBig):
		return errTooLarge(maxBytes)
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.CodeInvalid, "请求内容为空")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.CodeInvalid, "请求内容不是完整的 JSON")
	case errors.As(err, &syntax):
		return apperr.New(apperr.CodeInvalid, fmt.Sprintf("请求内容不是有效的 JSON（第 %d 字节附近）", syntax.Offset))
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if field == "" {
			return apperr.New(apperr.CodeInvalid, "请求内容的结构不正确")
		}
		return fieldError(field, "类型不正确，应为"+jsonKindName(typeErr.Type.Kind().String()))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return fieldError(field, "不认识的字段")
	}
	return apperr.Wrap(apperr.CodeInvalid, "请求内容无法解析", err)
}

// fieldError is an invalid-input error on one field, with a summary message.
func fieldError(field, msg string) error {
	return &apperr.Error{Code: apperr.CodeInvalid, Message: "字段 " + field + " " + msg,
		Fields: map[string]string{field: msg}}
}

func jsonKindName(kind string) string {
	switch kind {
	case "string":
		return "字符串"
	case "bool":
		return "布尔值"
	case "slice", "array":
		return "数组"
	case "struct", "map":
		return "对象"
	case "float32", "float64":
		return "数字"
	}
	if strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "uint") {
		return "整数"
	}
	return kind
}

package web

import (
	"errors"
	"fmt"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// statusError gives an error a status apperr's codes have no word for
// (405, 413, 422) while keeping its code and message.
type statusError struct {
	status int
	err    *apperr.Error
}

// Error implements error.
func (e *statusError) Error() string { return e.err.Error() }

// Unwrap exposes the apperr.Error, so apperr.CodeOf and apperr.As see it.
func (e *statusError) Unwrap() error { return e.err }

// withStatus returns err answered with status instead of its code's.
func withStatus(status int, err *apperr.Error) error { return &statusError{status, err} }

// The router's own refusals.
var (
	errNoRoute          = apperr.NotFound("您访问的页面不存在")
	errMethodNotAllowed = withStatus(http.StatusMethodNotAllowed, apperr.New(apperr.CodeInvalid, "不支持该请求方法"))
	errSignIn           = apperr.New(apperr.CodeUnauthorized, "请先登录")
)

// errTooLarge is the refusal of a body over limit bytes: 413, code invalid.
func errTooLarge(limit int64) error {
	msg := fmt.Sprintf("提交的内容过大，不能超过 %s", humanBytes(limit))
	return withStatus(http.StatusRequestEntityTooLarge, apperr.Wrap(apperr.CodeTooLarge, msg, &http.MaxBytesError{Limit: limit}))
}

// StatusOf returns the HTTP status err is answered with: its apperr code's
// (apperr.HTTPStatus), or the more precise one the web layer gave it (405,
// 413, 422).
func StatusOf(err error) int {
	var se *statusError
	if errors.As(err, &se) {
		return se.status
	}
	return apperr.HTTPStatus(apperr.CodeOf(err))
}

// msgInternal is all a person learns of an internal error.
const msgInternal = "系统繁忙，请稍后重试"

// publicParts returns what may be shown of err: its code, message and
// field messages — nothing of an internal error but a generic message.
func publicParts(err error) (apperr.Code, string, map[string]string) {
	e, ok := apperr.As(err)
	if !ok || e.Code == apperr.CodeInternal {
		return apperr.CodeInternal, msgInternal, nil
	}
	msg := e.Message
	if msg == "" {
		msg = defaultMessage(StatusOf(err))
	}
	return e.Code, msg, e.Fields
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// defaultMessage is the Chinese message of a status when the error has none.
func defaultMessage(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "请求无效，请检查后重试"
	case http.StatusUnauthorized:
		return "请先登录"
	case http.StatusForbidden:
		return "您无权进行此操作"
	case http.StatusNotFound:
		return "您访问的内容不存在"
	case http.StatusMethodNotAllowed:
		return "不支持该请求方法"
	case http.StatusConflict:
		return "操作冲突，请刷新后重试"
	case http.StatusRequestEntityTooLarge:
		return "提交的内容过大"
	case http.StatusTooManyRequests:
		return "操作过于频繁，请稍后再试"
	case http.StatusServiceUnavailable:
		return "服务暂时不可用，请稍后再试"
	}
	return msgInternal
}

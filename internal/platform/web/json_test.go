package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestWriteJSON(t *testing.T) {
	t.Parallel()
	w := httptest.NewRecorder()
	WriteJSON(w, http.StatusCreated, map[string]any{"名称": "路灯", "n": 1})
	if w.Code != 201 || w.Header().Get("Content-Type") != "application/json; charset=utf-8" ||
		w.Header().Get("Cache-Control") != "no-store" || w.Body.String() != `{"n":1,"名称":"路灯"}`+"\n" {
		t.Errorf("%d %v %q", w.Code, w.Header(), w.Body.String())
	}
	w = httptest.NewRecorder()
	w.Header().Set("Cache-Control", "max-age=60")
	WriteJSON(w, 200, []int{})
	if w.Header().Get("Cache-Control") != "max-age=60" {
		t.Error("a handler's Cache-Control was overwritten")
	}
	w = httptest.NewRecorder()
	WriteJSON(w, 200, map[string]any{"c": make(chan int)})
	if w.Code != 500 || !strings.Contains(w.Body.String(), `"code":"internal"`) {
		t.Errorf("unencodable value: %d %s", w.Code, w.Body.String())
	}
}

func TestWriteError(t *testing.T) {
	t.Parallel()
	h := newHarness(t)
	tests := []struct {
		name    string
		err     error
		status  int
		code    apperr.Code
		message string
		field   string
		logged  bool
	}{
		{"invalid", apperr.Invalid("phone", "手机号码格式不正确"), 400, "invalid", "手机号码格式不正确", "phone", false},
		{"not found", apperr.NotFound("工单不存在"), 404, "not_found", "工单不存在", "", false},
		{"forbidden", apperr.Forbidden("您无权查看工单"), 403, "forbidden", "您无权查看工单", "", false},
		{"unauthorized", apperr.New(apperr.CodeUnauthorized, "请先登录"), 401, "unauthorized", "请先登录", "", false},
		{"conflict", apperr.Conflict("工单已被他人处理"), 409, "conflict", "工单已被他人处理", "", false},
		{"too many", apperr.New(apperr.CodeTooMany, ""), 429, "too_many_requests", "操作过于频繁，请稍后再试", "", false},
		{"file too large", apperr.TooLarge("file", "文件不能超过20MB"), 413, "too_large", "文件不能超过20MB", "file", false},
		{"unavailable", apperr.Wrap(apperr.CodeUnavailable, "短信服务暂不可用", errors.New("dial tcp: refused")), 503, "unavailable", "短信服务暂不可用", "", true},
		{"wrapped with context", fmt.Errorf("workorder: close: %w", apperr.NotFound("工单不存在")), 404, "not_found", "工单不存在", "", false},
		{"internal", fmt.Errorf("workorder: list: %w", errors.New("pq: relation secret_table does not exist")), 500, "internal", "系统繁忙，请稍后重试", "", true},
		{"explicit internal", apperr.Wrap(apperr.CodeInternal, "内部细节", errors.New("x")), 500, "internal", "系统繁忙，请稍后重试", "", true},
		{"too large", errTooLarge(2048), 413, "too_large", "提交的内容过大，不能超过 2 KB", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.rt.API(Op{Method: "GET", Path: "/err/" + strings.ReplaceAll(tc.name, " ", "-"), OperationID: "err" + tc.name,
				Summary: "错", Responses: map[int]Response{200: {Description: "好"}}},
				func(w http.ResponseWriter, r *http.Request) { WriteError(w, r, tc.err) })
			w := h.do(req("GET", "/api/v1/err/"+strings.ReplaceAll(tc.name, " ", "-"), "", nil))
			e := envelope(t, w)
			if w.Code != tc.status || e.Code != tc.code || e.Message != tc.message || e.RequestID != w.Header().Get(RequestIDHeader) {
				t.Errorf("%d %+v", w.Code, e)
			}
			if tc.field != "" && e.Fields[tc.field] == "" {
				t.Errorf("field %s missing: %+v", tc.field, e.Fields)
			}
			if strings.Contains(w.Body.String(), "secret_table") || strings.Contains(w.Body.String(), "内部细节") {
				t.Error("internal detail leaked")
			}
			lines := h.logs.lines(t)
			_, logged := lines[len(lines)-1]["error"]
			if logged != tc.logged {
				t.Errorf("error logged=%v, want %v: %v", logged, tc.logged, lines[len(lines)-1])
			}
		})
	}
}

func TestWriteErrorOutsideRouter(t *testing.T) {
	t.Parallel()
	w := httptest.NewRecorder()
	WriteError(w, httptest.NewRequest("GET", "/", nil), errors.New("boom"))
	if w.Code != 500 || envelope(t, w).Message != msgInternal {
		t.Errorf("%d %s", w.Code, w.Body.String())
	}
}

func TestWriteJSONNoContent(t *testing.T) {
	t.Parallel()
	w := httptest.NewRecorder()
	WriteJSON(w, http.StatusNoContent, nil)
	if w.Code != 204 || w.Body.Len() != 0 {
		t.Errorf("%d %q", w.Code, w.Body.String())
	}
}

package open311

import (
	"log/slog"
	"net/http"
	"slices"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// msgInternal is all a client learns of an internal error.
const msgInternal = "系统繁忙，请稍后重试"

// params names the Open311 parameter behind each field of an order, so a
// client reads which of its parameters was wrong.
var params = map[string]string{
	"category": "service_code", "description": "description", "location": "lat/long",
	"address": "address_string", "community": "address_id", "requester.name": "first_name/last_name",
	"requester.phone": "phone", "photos": "media_url",
}

// paramOf names the parameter of a field: attribute[code] for the extra
// fields; fields the handlers set themselves already are parameters.
func paramOf(field string) string {
	if code, ok := strings.CutPrefix(field, "fields."); ok {
		return "attribute[" + code + "]"
	}
	if p, ok := params[field]; ok {
		return p
	}
	return field
}

// statusOf is the spec's status of an error: 404 for what does not exist
// (an unknown service_code included), 403 for a missing or wrong api_key,
// 400 for every other refusal, 500 for our own failures.
func statusOf(err error) int {
	reasons := workorder.ReasonsOf(err)
	if r := reasons["category"]; r == workorder.ReasonUnknownCategory || r == workorder.ReasonCategoryGroup {
		return http.StatusNotFound
	}
	switch apperr.CodeOf(err) {
	case apperr.CodeNotFound:
		return http.StatusNotFound
	case apperr.CodeUnauthorized, apperr.CodeForbidden:
		return http.StatusForbidden
	case apperr.CodeInternal:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// errorsOf lists err as the spec's errors: one per bad parameter (in
// parameter order), or the error's message alone.
func errorsOf(err error, status int) []Error {
	e, ok := apperr.As(err)
	if !ok || status >= 500 {
		return []Error{{Code: status, Description: msgInternal}}
	}
	if len(e.Fields) == 0 {
		return []Error{{Code: status, Description: e.Message}}
	}
	reasons := workorder.ReasonsOf(err)
	out := make([]Error, 0, len(e.Fields))
	for field, msg := range e.Fields {
		param := paramOf(field)
		if reasons[field] == workorder.ReasonUnplaced {
			param = "lat/long、address_string 或 address_id"
		}
		out = append(out, Error{Code: status, Description: param + "：" + msg})
	}
	slices.SortFunc(out, func(a, b Error) int { return strings.Compare(a.Description, b.Description) })
	return out
}

// fail answers err as an errors document in f.
func fail(w http.ResponseWriter, r *http.Request, f format, err error) {
	status := statusOf(err)
	if status >= 500 {
		slog.ErrorContext(r.Context(), "open311: request failed", "request_id", web.RequestID(r.Context()),
			"route", r.Pattern, "error", err)
	}
	write(w, f, status, errorList{Items: errorsOf(err, status)})
}

// invalid is a 400 naming a parameter.
func invalid(param, msg string) error { return apperr.Invalid(param, msg) }

// notFound is a 404 naming what was not found.
func notFound(msg string) error { return apperr.NotFound(msg) }

// forbidden is the 403 of a missing or wrong api_key.
func forbidden(msg string) error { return apperr.Forbidden(msg) }

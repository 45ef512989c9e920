package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// ErrorBody is the error envelope of the JSON API:
// {"error":{"code":"…","message":"…","fields":{…},"request_id":"…"}}.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail is the inside of the error envelope.
type ErrorDetail struct {
	Code      apperr.Code       `json:"code"`
	Message   string            `json:"message"`
	Fields    map[string]string `json:"fields,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// WriteJSON answers v as JSON with status (no body at all for 204). The
// body is encoded before anything is sent, so an encoding failure still
// yields a clean 500. Responses are marked no-store: they may hold personal
// data.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	if status == http.StatusNoContent {
		w.WriteHeader(status)
		return
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() { buf.Reset(); bufPool.Put(buf) }()
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		slog.Error("web: encode json response", "error", err)
		buf.Reset()
		status = http.StatusInternalServerError
		_ = json.NewEncoder(buf).Encode(ErrorBody{ErrorDetail{Code: apperr.CodeInternal, Message: msgInternal}})
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// WriteError answers err as the JSON error envelope with the status of its
// code (see StatusOf). Internal errors show only a generic Chinese message
// and the request id; the error itself goes to the request's log line.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusOf(err)
	code, msg, fields := publicParts(err)
	if status >= 500 {
		logError(r, err)
	}
	WriteJSON(w, status, ErrorBody{ErrorDetail{Code: code, Message: msg, Fields: fields, RequestID: RequestID(r.Context())}})
}

// logError records err on the request's log line, or logs it on its own
// when the request did not come through the router.
func logError(r *http.Request, err error) {
	if stateFrom(r.Context()) != nil {
		noteError(r.Context(), err)
		return
	}
	slog.ErrorContext(r.Context(), "web: request failed", "error", err)
}

// Package apperr defines the error codes every Shanzhi service returns and
// the one place where they are mapped to HTTP statuses.
//
// A service error carries a machine code (for API clients), a Chinese message
// (for the people who read it) and, for invalid input, a message per field.
package apperr

import (
	"errors"
	"fmt"
	"net/http"
)

// Code classifies an error for callers.
type Code string

// The codes known to the API.
const (
	CodeInvalid      Code = "invalid"
	CodeNotFound     Code = "not_found"
	CodeForbidden    Code = "forbidden"
	CodeUnauthorized Code = "unauthorized"
	CodeConflict     Code = "conflict"
	CodeTooMany      Code = "too_many_requests"
	CodeTooLarge     Code = "too_large"
	CodeUnavailable  Code = "unavailable"
	CodeInternal     Code = "internal"
)

// Error is an error with a code, a user-facing message and field messages.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
	cause   error
}

// Error implements error.
func (e *Error) Error() string {
	if e.cause != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.cause)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.cause }

// New returns an error with the given code and message.
func New(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// Wrap returns an error with the given code and message around cause.
func Wrap(code Code, message string, cause error) *Error {
	return &Error{Code: code, Message: message, cause: cause}
}

// Invalid returns an invalid-input error naming one field.
func Invalid(field, message string) *Error {
	return &Error{Code: CodeInvalid, Message: message, Fields: map[string]string{field: message}}
}

// NotFound returns a not-found error.
func NotFound(message string) *Error { return New(CodeNotFound, message) }

// TooLarge returns a request-too-large error naming the field that was
// too large, e.g. an uploaded file over the limit.
func TooLarge(field, message string) *Error {
	return &Error{Code: CodeTooLarge, Message: message, Fields: map[string]string{field: message}}
}

// Forbidden returns a permission error.
func Forbidden(message string) *Error { return New(CodeForbidden, message) }

// Conflict returns a conflict error (state changed, duplicate, lost race).
func Conflict(message string) *Error { return New(CodeConflict, message) }

// CodeOf returns the code of err, or CodeInternal when err carries none.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// As returns err as *Error when it is one.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// HTTPStatus maps a code to its HTTP status.
func HTTPStatus(code Code) int {
	switch code {
	case CodeInvalid:
		return http.StatusBadRequest
	case CodeNotFound:
		return http.StatusNotFound
	case CodeForbidden:
		return http.StatusForbidden
	case CodeUnauthorized:
		return http.StatusUnauthorized
	case CodeConflict:
		return http.StatusConflict
	case CodeTooMany:
		return http.StatusTooManyRequests
	case CodeTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeUnavailable:
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

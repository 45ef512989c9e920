package license

import "github.com/shanzhi-gov/shanzhi/internal/platform/apperr"

// isClientError reports whether err is the caller's mistake (a malformed
// identifier or an unknown licence), shown on the page itself.
func isClientError(err error) bool {
	c := apperr.CodeOf(err)
	return c == apperr.CodeInvalid || c == apperr.CodeNotFound
}

// clientMessage is the Chinese message of a client error.
func clientMessage(err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	return "核验失败"
}

// statusOf is the HTTP status of an error.
func statusOf(err error) int { return apperr.HTTPStatus(apperr.CodeOf(err)) }

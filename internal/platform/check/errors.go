package check

import "errors"

// Machine codes carried by FieldError.Code.
const (
	CodeEmpty     = "empty"     // nothing was entered
	CodeLength    = "length"    // wrong number of characters
	CodeFormat    = "format"    // characters outside the allowed set or layout
	CodeChecksum  = "checksum"  // the check character does not match
	CodeBirthDate = "birthdate" // the embedded birth date is not a real past date
	CodeRegion    = "region"    // unknown province or region code
	CodeAuthority = "authority" // unknown registration authority or type code
)

// FieldError reports why a value was rejected. Code is stable and meant for
// programs; Message is Chinese and meant for residents.
type FieldError struct {
	Code    string
	Message string
}

// Error returns the Chinese message, so the error can be shown as is.
func (e *FieldError) Error() string { return e.Message }

// Is reports whether target is a *FieldError with the same Code, so that
// errors.Is(err, &check.FieldError{Code: check.CodeChecksum}) works.
func (e *FieldError) Is(target error) bool {
	t, ok := target.(*FieldError)
	return ok && t.Code == e.Code
}

// ErrorCode returns the machine code of err if it is (or wraps) a
// *FieldError, and "" otherwise.
func ErrorCode(err error) string {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Code
	}
	return ""
}

func fail(code, message string) error {
	return &FieldError{Code: code, Message: message}
}

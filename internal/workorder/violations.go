package workorder

import (
	"errors"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Reason is a machine-readable reason for a bad field, for API clients and
// Open311's error codes; people read the Chinese message beside it.
type Reason string

// The reasons.
const (
	ReasonRequired        Reason = "required"          // missing
	ReasonTooLong         Reason = "too_long"          // text over its limit
	ReasonInvalid         Reason = "invalid"           // malformed or not a known value
	ReasonNotAllowed      Reason = "not_allowed"       // a value this caller may not use
	ReasonOutsideDistrict Reason = "outside_district"  // a position outside the district
	ReasonUnknownCategory Reason = "unknown_category"  // no such category in the current tree
	ReasonCategoryGroup   Reason = "category_is_group" // a group, not a leaf
	ReasonUnknownField    Reason = "unknown_field"     // a value for no field of the category
	ReasonNotInList       Reason = "not_in_list"       // a list value outside its options
	ReasonNotNumber       Reason = "not_number"
	ReasonBadDatetime     Reason = "bad_datetime"
	ReasonUnplaced        Reason = "unplaced"      // the community cannot be told
	ReasonUnknownPlace    Reason = "unknown_place" // no such community or grid
	ReasonTooLarge        Reason = "too_large"     // a photo over the size limit
	ReasonNotImage        Reason = "not_image"     // not a JPEG or PNG
	ReasonTooMany         Reason = "too_many"      // too many photos
	ReasonUnknownPhoto    Reason = "unknown_photo" // a photo id the caller did not upload
)

// InputError is an invalid-input error with a reason per field. It wraps
// the apperr error, so the web layer maps it like any other.
type InputError struct {
	err     *apperr.Error
	Reasons map[string]Reason
}

// Error implements error.
func (e *InputError) Error() string { return e.err.Error() }

// Unwrap returns the apperr error.
func (e *InputError) Unwrap() error { return e.err }

// ReasonsOf returns the reasons of an InputError, nil for other errors.
func ReasonsOf(err error) map[string]Reason {
	var ie *InputError
	if errors.As(err, &ie) {
		return ie.Reasons
	}
	return nil
}

// violations collects bad fields, the first problem of each.
type violations struct {
	fields  map[string]string
	reasons map[string]Reason
}

func newViolations() *violations {
	return &violations{fields: map[string]string{}, reasons: map[string]Reason{}}
}

// add records a problem of field unless it already has one.
func (v *violations) add(field string, r Reason, msg string) {
	if _, ok := v.fields[field]; ok {
		return
	}
	v.fields[field], v.reasons[field] = msg, r
}

// ok reports whether nothing was found.
func (v *violations) ok() bool { return len(v.fields) == 0 }

// err returns nil or the InputError of every problem: the message is the
// only problem's, or a count.
func (v *violations) err() error {
	if v.ok() {
		return nil
	}
	msg := "请检查填写的内容（共" + strconv.Itoa(len(v.fields)) + "处问题）"
	if len(v.fields) == 1 {
		for _, m := range v.fields {
			msg = m
		}
	}
	return &InputError{err: &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: v.fields}, Reasons: v.reasons}
}

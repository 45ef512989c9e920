package org

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Length limits, in characters (runes), of what administrators type.
const (
	maxNameRunes    = 64
	maxAddressRunes = 128
	maxHoursRunes   = 128
)

// fieldErrors collects one Chinese message per invalid field, so a form
// shows every mistake at once.
type fieldErrors map[string]string

// add records msg for field unless the field already has a message.
func (f fieldErrors) add(field, msg string) {
	if _, ok := f[field]; !ok {
		f[field] = msg
	}
}

// err returns the collected errors as one invalid error, or nil.
func (f fieldErrors) err() error {
	if len(f) == 0 {
		return nil
	}
	msg := "提交的内容有误，请检查标出的项目"
	if len(f) == 1 {
		for _, m := range f {
			msg = m
		}
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: msg, Fields: map[string]string(f)}
}

// text trims v and checks it against a length limit; required text must
// not be empty. It returns the trimmed value, stored as typed otherwise:
// the database takes values as parameters and pages escape them, so quotes
// and angle brackets are kept verbatim.
func (f fieldErrors) text(field, label, v string, max int, required bool) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "" && required:
		f.add(field, "请填写"+label)
	case !utf8.ValidString(v):
		f.add(field, label+"含有无效字符")
	case utf8.RuneCountInString(v) > max:
		f.add(field, fmt.Sprintf("%s不能超过%d个字", label, max))
	case strings.IndexFunc(v, isControl) >= 0:
		f.add(field, label+"含有不可见的控制字符")
	}
	return v
}

// isControl reports control characters, tabs and line breaks included:
// names, addresses and opening hours are single lines.
func isControl(r rune) bool { return unicode.IsControl(r) }

// code checks that v has the shape of kind.
func (f fieldErrors) code(field, label, v string, ok bool) {
	if v == "" {
		f.add(field, "请填写"+label)
	} else if !ok {
		f.add(field, label+"格式不正确")
	}
}

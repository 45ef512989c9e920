package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Form reads a posted page form field by field, collecting a Chinese message
// per bad field, so a page can show them all at once next to the inputs.
type Form struct {
	values url.Values
	errs   map[string]string
}

// ReadForm parses r's posted form (body only, never the query string). The
// router has already bounded the body's size on page routes.
func ReadForm(r *http.Request) (*Form, error) {
	if r.PostForm == nil {
		var err error
		if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
			err = r.ParseMultipartForm(8 << 20)
		} else {
			err = r.ParseForm()
		}
		if err != nil {
			return nil, apperr.Wrap(apperr.CodeInvalid, "提交的表单无法读取", err)
		}
	}
	return &Form{values: r.PostForm, errs: map[string]string{}}, nil
}

// NewForm wraps already parsed values (tests, or forms built by hand).
func NewForm(values url.Values) *Form { return &Form{values: values, errs: map[string]string{}} }

// Value returns the raw value of a field, to show it again in the form.
func (f *Form) Value(name string) string { return f.values.Get(name) }

// Text returns a one-line field, trimmed. It records an error when a
// required field is empty, when it has more than maxRunes characters (a
// Chinese character counts one), or when it holds invalid UTF-8 or control
// characters.
func (f *Form) Text(name, label string, maxRunes int, required bool) string {
	return f.text(name, label, maxRunes, required, false)
}

// Multiline is Text for a text area: line breaks and tabs are allowed.
func (f *Form) Multiline(name, label string, maxRunes int, required bool) string {
	return f.text(name, label, maxRunes, required, true)
}

func (f *Form) text(name, label string, maxRunes int, required, multiline bool) string {
	v := strings.TrimSpace(f.values.Get(name))
	switch {
	case v == "" && required:
		f.Fail(name, label+"不能为空")
	case !utf8.ValidString(v) || hasControl(v, multiline):
		f.Fail(name, label+"含有不允许的字符")
		return ""
	case utf8.RuneCountInString(v) > maxRunes:
		f.Fail(name, fmt.Sprintf("%s不能超过 %d 个字", label, maxRunes))
	}
	return v
}

func hasControl(s string, multiline bool) bool {
	for _, r := range s {
		if multiline && (r == '\n' || r == '\r' || r == '\t') {
			continue
		}
		if unicode.IsControl(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// Int returns an integer field within [min, max]; 0 when empty and optional.
func (f *Form) Int(name, label string, min, max int64, required bool) int64 {
	v := strings.TrimSpace(f.values.Get(name))
	if v == "" {
		if required {
			f.Fail(name, label+"不能为空")
		}
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		f.Fail(name, label+"必须是整数")
		return 0
	}
	if n < min || n > max {
		f.Fail(name, fmt.Sprintf("%s应在 %d 到 %d 之间", label, min, max))
	}
	return n
}

// Choice returns a field that must be one of options.
func (f *Form) Choice(name, label string, options []string, required bool) string {
	v := strings.TrimSpace(f.values.Get(name))
	if v == "" {
		if required {
			f.Fail(name, "请选择"+label)
		}
		return ""
	}
	if !slices.Contains(options, v) {
		f.Fail(name, label+"的选项无效")
		return ""
	}
	return v
}

// Bool reports whether a checkbox was ticked.
func (f *Form) Bool(name string) bool {
	switch f.values.Get(name) {
	case "on", "true", "1", "yes":
		return true
	}
	return false
}

// Fail records a message for a field (the first one stays).
func (f *Form) Fail(name, msg string) {
	if _, ok := f.errs[name]; !ok {
		f.errs[name] = msg
	}
}

// Errors returns the message of each bad field.
func (f *Form) Errors() map[string]string { return f.errs }

// Err returns nil when every field was good, or an invalid-code error
// carrying each field's message.
func (f *Form) Err() error {
	if len(f.errs) == 0 {
		return nil
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: "请检查填写的内容", Fields: f.errs}
}

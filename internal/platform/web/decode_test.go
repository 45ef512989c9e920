package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

type decodeTarget struct {
	Title string   `json:"title"`
	Count int      `json:"count"`
	Tags  []string `json:"tags"`
	Inner struct {
		On bool `json:"on"`
	} `json:"inner"`
}

func decodeReq(ct, body string) *http.Request {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	if ct != "" {
		r.Header.Set("Content-Type", ct)
	}
	return r
}

func TestDecodeJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ct, body string
		status         int
		message, field string
	}{
		{"valid", "application/json", `{"title":"路灯","count":2,"tags":["a"]}`, 0, "", ""},
		{"charset", "application/json; charset=utf-8", `{"title":"x"}`, 0, "", ""},
		{"trailing whitespace", "application/json", "{}\n\t ", 0, "", ""},
		{"no content type", "", `{}`, 415, "application/json", ""},
		{"form content type", "application/x-www-form-urlencoded", `{}`, 415, "application/json", ""},
		{"too large", "application/json", `{"title":"` + strings.Repeat("长", 100) + `"}`, 413, "提交的内容过大", ""},
		{"empty", "application/json", ``, 400, "请求内容为空", ""},
		{"unknown field", "application/json", `{"title":"x","admin":true}`, 400, "不认识的字段", "admin"},
		{"wrong type", "application/json", `{"count":"三"}`, 400, "类型不正确，应为整数", "count"},
		{"wrong nested type", "application/json", `{"inner":{"on":1}}`, 400, "布尔值", "inner.on"},
		{"wrong top level", "application/json", `[1,2]`, 400, "结构不正确", ""},
		{"syntax", "application/json", `{"title":}`, 400, "不是有效的 JSON", ""},
		{"truncated", "application/json", `{"title":"x"`, 400, "不是完整的 JSON", ""},
		{"two values", "application/json", `{}{}`, 400, "多余的数据", ""},
		{"trailing garbage", "application/json", `{} x`, 400, "多余的数据", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v decodeTarget
			err := DecodeJSON(decodeReq(tc.ct, tc.body), &v, 256)
			if tc.status == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			want := apperr.CodeInvalid
			if tc.status == 413 {
				want = apperr.CodeTooLarge
			}
			e, ok := apperr.As(err)
			if !ok || e.Code != want || StatusOf(err) != tc.status || !strings.Contains(e.Message, tc.message) {
				t.Fatalf("got %v (status %d), want %d %q", err, StatusOf(err), tc.status, tc.message)
			}
			if tc.field != "" && e.Fields[tc.field] == "" {
				t.Errorf("field %s not named: %+v", tc.field, e.Fields)
			}
		})
	}
}

func TestDecodeJSONNonPointerIsInternal(t *testing.T) {
	t.Parallel()
	err := DecodeJSON(decodeReq("application/json", `{}`), decodeTarget{}, 64)
	if err == nil || StatusOf(err) != 500 {
		t.Fatalf("non-pointer target: %v (status %d)", err, StatusOf(err))
	}
}

// FuzzDecodeJSON: any body either decodes exactly as encoding/json would,
// or is refused with an invalid-code error; it never panics.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{"title":"x","count":1}`, `{}`, `{"tags":null}`, `[]`, `{"x":1}`, `{} {}`, "", `{"count":1e400}`, "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var got decodeTarget
		err := DecodeJSON(decodeReq("application/json", body), &got, 512)
		if err != nil {
			if e, ok := apperr.As(err); !ok || e.Code != apperr.CodeInvalid || e.Message == "" {
				t.Fatalf("refusal is not an invalid error with a message: %v", err)
			}
			return
		}
		if len(body) > 512 {
			t.Fatalf("accepted %d bytes over a 512-byte limit", len(body))
		}
		var want decodeTarget
		dec := json.NewDecoder(bytes.NewReader([]byte(body)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&want); err != nil {
			t.Fatalf("accepted a body encoding/json refuses: %v", err)
		}
		if dec.More() {
			t.Fatalf("accepted trailing data: %q", body)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("decoded %+v, encoding/json gives %+v", got, want)
		}
	})
}

package catalog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// FuzzLoadJSON feeds arbitrary files to the loader and validator: they may
// refuse, never panic, and every refusal is an invalid error with paths.
func FuzzLoadJSON(f *testing.F) {
	f.Add([]byte(fixture))
	f.Add([]byte(`{"items": [{}]}`))
	f.Add([]byte(`{"items": [{"conditions": ["其他条件"], "form": [{"type": "table", "columns": [{"type": "table"}]}]}]}`))
	f.Add([]byte(`{"items": []} trailing`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		items, err := LoadJSON(bytes.NewReader(raw))
		if err != nil {
			if apperr.CodeOf(err) != apperr.CodeInvalid {
				t.Fatalf("LoadJSON error %v is not invalid", err)
			}
			return
		}
		err = CheckAll(items, testDepts)
		if e, ok := apperr.As(err); err != nil && (!ok || len(e.Fields) == 0) {
			t.Fatalf("CheckAll error without fields: %v", err)
		}
		for k := range apperrFields(err) {
			if !strings.HasPrefix(k, "items[") {
				t.Fatalf("path %q lacks the item index", k)
			}
		}
	})
}

func apperrFields(err error) map[string]string {
	if e, ok := apperr.As(err); ok {
		return e.Fields
	}
	return nil
}

func TestLoadJSONRefusesTrailingData(t *testing.T) {
	if _, err := LoadJSON(strings.NewReader(fixture + `{"items": []}`)); apperr.CodeOf(err) != apperr.CodeInvalid {
		t.Errorf("trailing data: %v", err)
	}
}

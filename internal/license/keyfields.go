package license

import (
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
)

// faceTypes are the form field types printed on a licence. ID numbers and
// phones stay off its face (the holder's code is the only personal code a
// licence carries); files, tables and long text are not licence data.
var faceTypes = map[catalog.FieldType]bool{
	catalog.FieldText: true, catalog.FieldNumber: true, catalog.FieldDate: true, catalog.FieldChoice: true,
	catalog.FieldMultiChoice: true, catalog.FieldAddress: true, catalog.FieldCreditCode: true,
}

// keyFields takes the licence data from an approved form, keyed by the
// fields' labels.
func keyFields(form catalog.Form, values map[string]any) map[string]string {
	out := map[string]string{}
	for _, f := range form {
		v, ok := values[f.Name]
		if !ok || !faceTypes[f.Type] || len(out) >= maxDataKeys {
			continue
		}
		s := faceValue(v)
		if s == "" {
			continue
		}
		label := f.Label
		if label == "" {
			label = f.Name
		}
		out[truncate(label, maxText)] = truncate(s, maxDataValue)
	}
	return out
}

// faceValue renders an answer as text; lists are joined with 、.
func faceValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			if s := faceValue(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "、")
	case []string:
		return strings.Join(x, "、")
	}
	return fmt.Sprint(v)
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

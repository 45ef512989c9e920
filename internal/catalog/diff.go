package catalog

import (
	"encoding/json"
	"fmt"
	"sort"
)

// Change is one difference between two versions of an item: the field's
// path, as in validation errors, and its values before and after, rendered
// as JSON ("" when the field is absent on that side).
type Change struct {
	Path   string
	Before string
	After  string
}

// Diff lists the fields that differ between a and b, in path order. Lists
// are compared element by element, so an inserted material shows as
// changes to the following ones: the history view stays exact without
// guessing which element moved.
func Diff(a, b Item) []Change {
	var out []Change
	diffValue(&out, "", toTree(a), toTree(b))
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// toTree renders an item as generic JSON values.
func toTree(it Item) any {
	raw, err := json.Marshal(it)
	if err != nil {
		panic(fmt.Sprintf("catalog: an Item always encodes: %v", err))
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		panic(fmt.Sprintf("catalog: an Item always decodes: %v", err))
	}
	return v
}

func diffValue(out *[]Change, path string, a, b any) {
	am, aIsMap := a.(map[string]any)
	bm, bIsMap := b.(map[string]any)
	// An added or removed element is listed field by field, like a change.
	if (aIsMap || a == nil) && (bIsMap || b == nil) && (aIsMap || bIsMap) {
		keys := map[string]bool{}
		for k := range am {
			keys[k] = true
		}
		for k := range bm {
			keys[k] = true
		}
		for k := range keys {
			diffValue(out, join(path, k), am[k], bm[k])
		}
		return
	}
	al, aIsList := a.([]any)
	bl, bIsList := b.([]any)
	if (aIsList || a == nil) && (bIsList || b == nil) && (aIsList || bIsList) {
		for i := range max(len(al), len(bl)) {
			diffValue(out, fmt.Sprintf("%s[%d]", path, i), at(al, i), at(bl, i))
		}
		return
	}
	if ra, rb := render(a), render(b); ra != rb {
		*out = append(*out, Change{Path: path, Before: ra, After: rb})
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func at(l []any, i int) any {
	if i < len(l) {
		return l[i]
	}
	return nil
}

func render(v any) string {
	if v == nil {
		return ""
	}
	raw, _ := json.Marshal(v)
	return string(raw)
}

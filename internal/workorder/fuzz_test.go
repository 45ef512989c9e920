package workorder

import (
	"testing"
)

// FuzzFieldValues checks that any value for any demo field is either
// refused with a reason or stored in the field's shape.
func FuzzFieldValues(f *testing.F) {
	for _, s := range []string{"occupied", "", "3.5", "2026-03-02T09:30", "NaN", "1e400", "\x00", "车位被占"} {
		f.Add("WY-01", "issue", s)
		f.Add("CG-02", "area", s)
		f.Add("WY-03", "visit_time", s)
	}
	cats, _, err := DemoCategories()
	if err != nil {
		f.Fatal(err)
	}
	tree := &Tree{Categories: cats}
	f.Fuzz(func(t *testing.T, code, key, value string) {
		c, ok := tree.Effective(code)
		if !ok {
			return
		}
		v := newViolations()
		out := checkValues(v, c, map[string]any{key: value})
		for k, val := range out {
			fd, ok := c.Field(k)
			if !ok {
				t.Fatalf("stored unknown field %q", k)
			}
			switch x := val.(type) {
			case float64:
				if fd.Type != FieldNumber || x != x {
					t.Fatalf("%s stored number %v", k, x)
				}
			case []string:
				for _, o := range x {
					if fd.OptionName(o) == "" {
						t.Fatalf("%s stored unknown option %q", k, o)
					}
				}
			case string:
				if fd.Type.Listed() && fd.OptionName(x) == "" {
					t.Fatalf("%s stored unknown option %q", k, x)
				}
			default:
				t.Fatalf("%s stored %T", k, val)
			}
		}
		for field, r := range v.reasons {
			if r == "" || v.fields[field] == "" {
				t.Fatalf("problem without reason or message at %s", field)
			}
		}
	})
}

// FuzzExcelCells checks the cell parsers never panic and read back what
// the writers write.
func FuzzExcelCells(f *testing.F) {
	for _, s := range []string{"2小时", "3个工作日", "", "紧急：1小时/24小时；特急", "a=甲；b=乙", "部门：城管局", "x=", "：/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if l, msg := parseLimit(s); msg == "" {
			if back, _ := parseLimit(l.String()); back != l {
				t.Fatalf("limit %q → %+v → %q", s, l, l.String())
			}
		}
		if us, msg := parseUrgencies(s); msg == "" {
			if back, _ := parseUrgencies(urgencyCell(us)); len(back) != len(us) {
				t.Fatalf("urgencies %q → %+v", s, us)
			}
		}
		parseOptions(s)
		parseHandler(s)
		parseFieldType(s)
	})
}

package catalog

import (
	"testing"
)

func TestDiff(t *testing.T) {
	a := validItem(code1)
	if ch := Diff(a, a); len(ch) != 0 {
		t.Fatalf("Diff of equal items = %+v", ch)
	}
	b := validItem(code1)
	b.Name = "食品经营许可（变更）"
	b.Materials = append(b.Materials, Material{Name: "健康证明", Copies: 1, Original: CopyOnly, Format: FormatPaper, Source: SourceApplicant})
	b.Steps = b.Steps[:3]
	b.Commitment.Allowed = false
	b.Keywords = nil
	b.LegalDaysBasis = "《中华人民共和国行政许可法》第四十二条"
	b.DemoValues = true
	got := map[string]Change{}
	for _, c := range Diff(a, b) {
		got[c.Path] = c
	}
	want := map[string][2]string{
		"name":                    {`"食品经营许可（新办）"`, `"食品经营许可（变更）"`},
		"materials[2].name":       {"", `"健康证明"`},
		"steps[3].role":           {`"decide"`, ""},
		"commitment.allowed":      {"true", "false"},
		"keywords[0]":             {`"开饭店"`, ""},
		"legal_days_basis":        {`""`, `"《中华人民共和国行政许可法》第四十二条"`},
		"demo_values":             {"false", "true"},
		"materials[2].source":     {"", `"applicant"`},
		"steps[3].department":     {`"区市场监管局"`, ""},
		"form[2].columns[1].type": {"", ""}, // unchanged: must be absent
	}
	for path, w := range want {
		c, ok := got[path]
		if w == [2]string{"", ""} {
			if ok {
				t.Errorf("unchanged %s reported: %+v", path, c)
			}
			continue
		}
		if !ok || c.Before != w[0] || c.After != w[1] {
			t.Errorf("%s = %+v, want %q → %q", path, c, w[0], w[1])
		}
	}
}

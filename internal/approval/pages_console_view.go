package approval

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// answer is one form answer as staff see it: personal data masked.
type answer struct {
	Label   string
	Value   string
	Masked  bool
	Href    string     // a file answer's download link
	Columns []string   // a table's column labels
	Rows    [][]string // a table's rows, masked
}

// answersOf lists the form answers of the filed items in form order.
// Staff see ID numbers and phone numbers masked on screens.
func answersOf(items []catalog.Version, form map[string]any, appID int64) []answer {
	var out []answer
	for _, fd := range MergedForm(items) {
		v, ok := form[fd.Name]
		if !ok || v == nil {
			continue
		}
		a := answer{Label: fd.Label}
		switch fd.Type {
		case catalog.FieldTable:
			a.Columns, a.Rows = tableOf(fd.Columns, v)
		case catalog.FieldFile:
			a.Value, a.Href = "查看附件", "/api/v1/applications/"+strconv.FormatInt(appID, 10)+"/files/"+textOf(v)
		default:
			a.Value, a.Masked = shown(fd.Type, v)
		}
		out = append(out, a)
	}
	return out
}

// tableOf lays out a table answer by its columns.
func tableOf(cols []catalog.FormField, v any) ([]string, [][]string) {
	labels := make([]string, len(cols))
	for i, c := range cols {
		labels[i] = c.Label
	}
	list, _ := v.([]any)
	rows := make([][]string, 0, len(list))
	for _, item := range list {
		m, _ := item.(map[string]any)
		row := make([]string, len(cols))
		for i, c := range cols {
			if cv, ok := m[c.Name]; ok && cv != nil {
				row[i], _ = shown(c.Type, cv)
			}
		}
		rows = append(rows, row)
	}
	return labels, rows
}

// shown formats one answer, masking ID numbers and phones.
func shown(t catalog.FieldType, v any) (string, bool) {
	s := textOf(v)
	switch t {
	case catalog.FieldIDNumber:
		return gm.MaskIDNumber(s), true
	case catalog.FieldPhone:
		return gm.MaskPhone(s), true
	}
	return s, false
}

// textOf formats a JSON value: lists joined with 、.
func textOf(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = textOf(e)
		}
		return strings.Join(parts, "、")
	case bool:
		if x {
			return "是"
		}
		return "否"
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// partyRow is a related person as staff see it: name and code masked.
type partyRow struct {
	Role, Kind, Name, Code string
}

// partiesOf masks the related persons of an application. An entity's
// credit code is public and shown in full.
func partiesOf(ps []Party) []partyRow {
	out := make([]partyRow, len(ps))
	for i, p := range ps {
		row := partyRow{Role: p.Role.Name(), Kind: "自然人", Name: gm.MaskName(p.Name), Code: gm.MaskIDNumber(p.Code)}
		if p.SubjectKind == "entity" {
			row.Kind, row.Name, row.Code = "法人或其他组织", p.Name, p.Code
		}
		out[i] = row
	}
	return out
}

// creditView is the stored credit decision as the approver reads it.
type creditView struct {
	Outcome   string
	Class     string
	Decisions []decisionView
	Broken    bool // the stored JSON could not be read
}

// decisionView is one rule set's decision.
type decisionView struct {
	RuleSet   string
	Outcome   string
	Class     string
	CheckedAt string
	Parties   []partyDecisionView
}

// partyDecisionView is one party's outcome with its findings.
type partyDecisionView struct {
	Role, Code, Outcome, Class string
	Findings                   []findingView
}

// findingView is one finding with the records it used.
type findingView struct {
	Reason, Outcome string
	Evidence        []string
}

// ruleSetNames name the admission rule sets.
var ruleSetNames = map[string]string{
	"market_entry": "市场准入", "commitment": "告知承诺", "default": "一般事项",
}

// creditViewOf parses the stored decision: a JSON array of credit
// decisions (the item's rule set, then the commitment rules when the
// applicant chose 告知承诺).
func creditViewOf(outcome, raw string) *creditView {
	if raw == "" && outcome == "" {
		return nil
	}
	v := &creditView{Outcome: creditLabel(outcome), Class: creditClass(outcome)}
	if raw == "" {
		return v
	}
	var ds []credit.Decision
	if err := json.Unmarshal([]byte(raw), &ds); err != nil {
		v.Broken = true
		return v
	}
	for _, d := range ds {
		dv := decisionView{RuleSet: orName(ruleSetNames, d.RuleSet), Outcome: creditLabel(string(d.Outcome)),
			Class: creditClass(string(d.Outcome)), CheckedAt: d.Day}
		for _, p := range d.Parties {
			dv.Parties = append(dv.Parties, partyDecisionOf(p))
		}
		v.Decisions = append(v.Decisions, dv)
	}
	return v
}

// partyDecisionOf lays out one party's decision; person codes come masked
// from the credit module.
func partyDecisionOf(p credit.PartyDecision) partyDecisionView {
	pv := partyDecisionView{Role: p.RoleName, Code: p.Code, Outcome: creditLabel(string(p.Outcome)), Class: creditClass(string(p.Outcome))}
	for _, f := range p.Findings {
		fv := findingView{Reason: f.Reason, Outcome: creditLabel(string(f.Outcome))}
		for _, e := range f.Evidence {
			fv.Evidence = append(fv.Evidence, evidenceNames[e.Type]+"："+e.Summary)
		}
		pv.Findings = append(pv.Findings, fv)
	}
	return pv
}

// evidenceNames name the kinds of evidence a finding rests on.
var evidenceNames = map[string]string{"record": "信用记录", "list": "红黑名单", "commitment": "信用承诺"}

// orName is m[k], or k when it has no name.
func orName(m map[string]string, k string) string {
	if n, ok := m[k]; ok {
		return n
	}
	return k
}

// materialRow is one material with what was provided for it.
type materialRow struct {
	Item, Name, Source string
	Required, System   bool
	FileName, Href     string
	Size               string
	Fetched            string
}

// materialsOf lists the materials with links to their files.
func materialsOf(appID int64, items []catalog.Version, ms []MaterialState) []materialRow {
	names := map[string]string{}
	for _, v := range items {
		names[v.ImplCode] = v.Item.Name
	}
	out := make([]materialRow, len(ms))
	for i, m := range ms {
		row := materialRow{Item: names[m.Item], Name: m.Material.Name, Source: m.Material.Source.Name(),
			Required: m.Material.Required, System: m.Material.Source == catalog.SourceSystem, Fetched: m.Fetched}
		if m.File != nil {
			row.FileName, row.Size = m.File.Name, sizeText(m.File.Size)
			row.Href = fmt.Sprintf("/api/v1/applications/%d/files/%s", appID, m.File.ID)
		}
		out[i] = row
	}
	return out
}

// sizeText says a file's size in KB or MB.
func sizeText(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%.1f KB", float64(n)/1024)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// noticeRound is one round of one-time notice.
type noticeRound struct {
	Round   int
	Defects []Defect
}

// roundsOf numbers the notice rounds, the latest first.
func roundsOf(ns [][]Defect) []noticeRound {
	out := make([]noticeRound, len(ns))
	for i, ds := range ns {
		out[i] = noticeRound{Round: i + 1, Defects: ds}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Round > out[j].Round })
	return out
}

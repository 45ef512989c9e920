package credit_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestCheckTable(t *testing.T) {
	f := newFixture(t)
	serious, general, broken, clean := personID(1), personID(2), personID(3), personID(4)
	blackEntity := entityCode(1)
	f.record(t, rec(serious, "栖市监罚〔2025〕1号", credit.Serious))
	f.record(t, rec(general, "栖市监罚〔2025〕2号", credit.General))
	f.breakCommitment(t, broken, "栖市监承〔2025〕3号")
	if _, err := f.s.AddListEntry(f.ctx, admin, credit.ListInput{SubjectKind: credit.Entity, SubjectCode: blackEntity,
		SubjectName: "南京某某贸易有限公司", List: credit.BlackList, Department: deptA, Reason: "拒不履行法定义务",
		From: "2025-01-01"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		ruleSet string
		parties []credit.Party
		want    credit.Outcome
		reason  string
	}{
		{"clean applicant", "market_entry", []credit.Party{{Role: credit.Applicant, Code: clean}}, credit.Pass, ""},
		{"serious legal rep refused", "market_entry", []credit.Party{{Role: credit.Applicant, Code: clean},
			{Role: credit.LegalRep, Code: serious}}, credit.Refuse, "不得担任新设企业的法定代表人"},
		{"serious director refused", "market_entry", []credit.Party{{Role: credit.Director, Code: serious}}, credit.Refuse, "董事"},
		{"serious shareholder warned", "market_entry", []credit.Party{{Role: credit.Shareholder, Code: serious}}, credit.Warn, "审慎"},
		{"black entity shareholder warned", "market_entry", []credit.Party{{Role: credit.Shareholder, Kind: credit.Entity, Code: blackEntity}}, credit.Warn, "严重失信主体名单"},
		{"general warned", "market_entry", []credit.Party{{Role: credit.LegalRep, Code: general}}, credit.Warn, "一般失信"},
		{"broken commitment refused 告知承诺", "commitment", []credit.Party{{Role: credit.Applicant, Code: broken}}, credit.Refuse, "不得适用告知承诺"},
		{"serious refused 告知承诺", "commitment", []credit.Party{{Role: credit.Applicant, Code: serious}}, credit.Refuse, "不得适用告知承诺"},
		{"broken commitment default warned", "default", []credit.Party{{Role: credit.Applicant, Code: broken}}, credit.Warn, "违反信用承诺"},
		{"empty rule set is default", "", []credit.Party{{Role: credit.Applicant, Code: general}}, credit.Warn, "一般失信"},
		{"agent not judged on records", "market_entry", []credit.Party{{Role: credit.Agent, Code: serious}}, credit.Pass, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := f.s.Check(f.ctx, credit.Request{District: district, RuleSet: c.ruleSet, Parties: c.parties})
			if err != nil {
				t.Fatal(err)
			}
			if d.Outcome != c.want {
				t.Fatalf("outcome = %s, want %s: %+v", d.Outcome, c.want, d)
			}
			if got := strings.Join(d.Reasons(), "；"); c.reason != "" && !strings.Contains(got, c.reason) {
				t.Errorf("reasons %q lack %q", got, c.reason)
			}
			if c.want == credit.Pass && len(d.Reasons()) != 0 && d.Parties[0].Findings[0].Outcome != credit.Pass {
				t.Errorf("pass with findings: %+v", d.Parties)
			}
		})
	}
}

// breakCommitment records a commitment of code and marks it broken.
func (f *fixture) breakCommitment(t testing.TB, code, doc string) credit.Commitment {
	t.Helper()
	c, err := f.s.AddCommitment(f.ctx, admin, credit.CommitmentInput{SubjectKind: credit.Person, SubjectCode: code,
		SubjectName: "李四", ItemCode: "11320113MB1234567X4000117003001", Text: "承诺经营场所符合食品安全要求"})
	if err != nil {
		t.Fatal(err)
	}
	c, err = f.s.Break(f.ctx, admin, c.ID, credit.Breach{Department: deptA, DocumentNo: doc, DecidedOn: "2025-09-01",
		ValidUntil: "2027-09-01", Summary: "现场核查发现承诺不实"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestCheckIgnoresRepairedExpiredRevoked(t *testing.T) {
	f := newFixture(t)
	repaired, expired, revoked, future := personID(10), personID(11), personID(12), personID(13)
	r := f.record(t, rec(repaired, "doc-1", credit.Serious))
	if _, err := f.s.Repair(f.ctx, admin, r.ID, "2026-01-05", "已履行行政处罚决定并公开承诺"); err != nil {
		t.Fatal(err)
	}
	in := rec(expired, "doc-2", credit.Serious)
	in.DecidedOn, in.ValidUntil = "2022-01-01", "2026-03-01" // expired the day before start
	f.record(t, in)
	r = f.record(t, rec(revoked, "doc-3", credit.Serious))
	if _, err := f.s.Revoke(f.ctx, admin, r.ID, "行政复议撤销原处罚决定"); err != nil {
		t.Fatal(err)
	}
	in = rec(future, "doc-4", credit.Serious)
	in.DecidedOn, in.ValidUntil = "2025-01-01", "2026-03-02" // last valid day is today
	f.record(t, in)
	for _, code := range []string{repaired, expired, revoked} {
		d := f.check(t, "market_entry", credit.LegalRep, code)
		if d.Outcome != credit.Pass {
			t.Errorf("%s…: outcome %s, want pass: %+v", code[:6], d.Outcome, d.Parties)
		}
	}
	if d := f.check(t, "market_entry", credit.LegalRep, future); d.Outcome != credit.Refuse {
		t.Errorf("record valid through today: outcome %s, want refuse", d.Outcome)
	}
	f.clock.Advance(24 * time.Hour)
	if d := f.check(t, "market_entry", credit.LegalRep, future); d.Outcome != credit.Pass {
		t.Errorf("record expired yesterday: outcome %s, want pass", d.Outcome)
	}
}

func TestCheckBrokenCommitmentRepaired(t *testing.T) {
	f := newFixture(t)
	code := personID(20)
	c := f.breakCommitment(t, code, "doc-b")
	if d := f.check(t, "commitment", credit.Applicant, code); d.Outcome != credit.Refuse {
		t.Fatalf("broken: %s", d.Outcome)
	}
	if _, err := f.s.Repair(f.ctx, admin, c.BreachRecordID, "2026-02-01", "已纠正违诺行为"); err != nil {
		t.Fatal(err)
	}
	if d := f.check(t, "commitment", credit.Applicant, code); d.Outcome != credit.Pass {
		t.Fatalf("breach repaired: %s %+v", d.Outcome, d.Parties)
	}
}

func TestCheckListEntryRemoved(t *testing.T) {
	f := newFixture(t)
	code := personID(30)
	e, err := f.s.AddListEntry(f.ctx, admin, credit.ListInput{SubjectKind: credit.Person, SubjectCode: code,
		List: credit.BlackList, Department: deptA, Reason: "失信被执行人", From: "2025-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if d := f.check(t, "market_entry", credit.Manager, code); d.Outcome != credit.Refuse {
		t.Fatalf("black list: %s", d.Outcome)
	}
	if _, err := f.s.RemoveListEntry(f.ctx, admin, e.ID, "已履行全部义务"); err != nil {
		t.Fatal(err)
	}
	if d := f.check(t, "market_entry", credit.Manager, code); d.Outcome != credit.Pass {
		t.Fatalf("removed: %s", d.Outcome)
	}
	_, err = f.s.RemoveListEntry(f.ctx, admin, e.ID, "再次移出")
	wantCode(t, err, apperr.CodeNotFound)
}

func (f *fixture) check(t testing.TB, ruleSet string, role credit.PartyRole, code string) credit.Decision {
	t.Helper()
	d, err := f.s.Check(f.ctx, credit.Request{District: district, RuleSet: ruleSet,
		Parties: []credit.Party{{Role: role, Code: code}}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCheckBadRequests(t *testing.T) {
	f := newFixture(t)
	bad := personID(1)
	bad = bad[:17] + map[bool]string{true: "0", false: "1"}[bad[17] != '0']
	cases := []struct {
		req   credit.Request
		field string
	}{
		{credit.Request{District: district, RuleSet: "nope", Parties: []credit.Party{{Role: credit.Applicant, Code: personID(1)}}}, "rule_set"},
		{credit.Request{District: district}, "parties"},
		{credit.Request{Parties: []credit.Party{{Role: credit.Applicant, Code: personID(1)}}}, "district"},
		{credit.Request{District: district, Parties: []credit.Party{{Role: "boss", Code: personID(1)}}}, "parties[0].role"},
		{credit.Request{District: district, Parties: []credit.Party{{Role: credit.Applicant, Code: personID(1)},
			{Role: credit.LegalRep, Kind: credit.Person, Code: bad}}}, "parties[1].code"},
		{credit.Request{District: district, Parties: []credit.Party{{Role: credit.Applicant, Code: ""}}}, "parties[0].code"},
	}
	for _, c := range cases {
		_, err := f.s.Check(f.ctx, c.req)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.CodeInvalid || e.Fields[c.field] == "" {
			t.Errorf("%+v: error %v, want invalid on %s", c.req, err, c.field)
		}
	}
}

func TestDecisionJSON(t *testing.T) {
	f := newFixture(t)
	code := personID(40)
	r := f.record(t, rec(code, "doc-json", credit.Serious))
	d := f.check(t, "market_entry", credit.LegalRep, code)
	raw, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), code) || strings.Contains(string(raw), "张三") {
		t.Fatalf("decision JSON holds personal data: %s", raw)
	}
	var back credit.Decision
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	p := back.Parties[0]
	if back.Outcome != credit.Refuse || back.RuleSet != "market_entry" || back.RuleVersion != 1 ||
		!back.CheckedAt.Equal(start) || back.Day != "2026-03-02" || p.Code != "320113********"+code[14:] {
		t.Errorf("round trip: %s", raw)
	}
	if len(p.Findings) != 1 || p.Findings[0].Evidence[0].ID != r.ID || p.Findings[0].Evidence[0].Type != "record" ||
		!strings.Contains(p.Findings[0].Evidence[0].Summary, "doc-json") {
		t.Errorf("evidence: %+v", p.Findings)
	}
	for _, key := range []string{`"outcome":"refuse"`, `"rule_set":"market_entry"`, `"rule_version":1`, `"checked_at":"2026-03-02T01:00:00Z"`, `"role":"legal_rep"`} {
		if !strings.Contains(string(raw), key) {
			t.Errorf("JSON lacks %s: %s", key, raw)
		}
	}
}

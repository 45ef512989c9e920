package license_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

func TestIssueAndVerify(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	if l.Serial != "2026000001" || l.Version != 1 || l.Meta.Number != "2026000001" || l.Meta.IssuedOn != "2026-03-02" {
		t.Fatalf("licence = %+v", l)
	}
	if _, err := license.ParseIdentifier(l.Meta.Identifier); err != nil {
		t.Fatalf("issued identifier %q: %v", l.Meta.Identifier, err)
	}
	v := f.verify(t, l.Meta.Identifier)
	if !v.Genuine || v.Verdict != license.VerdictCurrent || v.Message != "有效" {
		t.Fatalf("verification = %+v", v)
	}
	if got := v.Licence.Meta.HolderCode; got != "320113********123"+personID[17:] || v.Licence.Meta.HolderName != "张*" {
		t.Fatalf("public holder = %s %s, want masked", v.Licence.Meta.HolderName, got)
	}
	if len(f.notices) != 1 || f.notices[0].account != holder.AccountID || strings.Contains(f.notices[0].text, personID) {
		t.Fatalf("notices = %+v", f.notices)
	}
	second := f.issue(t)
	if second.Serial != "2026000002" {
		t.Fatalf("second serial = %s", second.Serial)
	}
}

func TestIssueStoresIDNumberEncrypted(t *testing.T) {
	f := newFixture(t)
	f.issue(t)
	var n int
	err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM licences WHERE meta_json LIKE ? OR holder_code_enc LIKE ?
		OR holder_code_index LIKE ?`, "%"+personID+"%", "%"+personID+"%", "%"+personID+"%").Scan(&n)
	if err != nil || n != 0 {
		t.Fatalf("rows holding the ID number in clear = %d, %v", n, err)
	}
}

func TestIssueIdempotentPerApplicationItem(t *testing.T) {
	f := newFixture(t)
	in := input()
	in.ApplicationID, in.ItemCode = 42, "113201130000000001"
	a, err := f.s.Issue(f.ctx, system, in)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.s.Issue(f.ctx, system, in)
	if err != nil || b.ID != a.ID || b.Meta.Identifier != a.Meta.Identifier {
		t.Fatalf("second issue = %+v, %v; want the first", b, err)
	}
	in.ItemCode = "113201130000000002"
	c, err := f.s.Issue(f.ctx, system, in)
	if err != nil || c.ID == a.ID {
		t.Fatalf("other item = %+v, %v", c, err)
	}
}

func TestIssueBadInput(t *testing.T) {
	f := newFixture(t)
	for field, edit := range map[string]func(*license.IssueInput){
		"type_code":        func(in *license.IssueInput) { in.TypeCode = "食品" },
		"issuer_code":      func(in *license.IssueInput) { in.IssuerCode = "1132011300000000X0" },
		"department":       func(in *license.IssueInput) { in.Department = "" },
		"name":             func(in *license.IssueInput) { in.Name = " " },
		"holder_code":      func(in *license.IssueInput) { in.HolderCode = personID[:17] + "0" },
		"holder_code_type": func(in *license.IssueInput) { in.HolderCodeType = "999" },
		"valid_from":       func(in *license.IssueInput) { in.ValidFrom = "2026-13-01" },
		"valid_until":      func(in *license.IssueInput) { in.ValidUntil = "2020-01-01" },
		"data":             func(in *license.IssueInput) { in.Data = map[string]string{"": "x"} },
	} {
		in := input()
		edit(&in)
		_, err := f.s.Issue(f.ctx, approverA, in)
		e, ok := apperr.As(err)
		if !ok || e.Code != apperr.CodeInvalid || e.Fields[field] == "" {
			t.Errorf("%s: error = %v, want invalid naming %s", field, err, field)
		}
	}
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM licences`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("licences after bad input = %d, %v", n, err)
	}
}

func TestIssuePermissions(t *testing.T) {
	f := newFixture(t)
	for _, tc := range []struct {
		name string
		err  error
		want apperr.Code
	}{
		{"approver of the department may", issueAs(f, approverA), ""},
		{"admin may", issueAs(f, admin), ""},
		{"system may", issueAs(f, system), ""},
		{"approver of another department may not", issueAs(f, approverB), apperr.CodeForbidden},
		{"front desk may not", issueAs(f, frontDesk), apperr.CodeForbidden},
		{"resident may not", issueAs(f, holder), apperr.CodeForbidden},
		{"nobody may not", issueAs(f, nil), apperr.CodeUnauthorized},
	} {
		if (tc.want == "" && tc.err != nil) || (tc.want != "" && apperr.CodeOf(tc.err) != tc.want) {
			t.Errorf("%s: error = %v, want %q", tc.name, tc.err, tc.want)
		}
	}
}

// issueAs issues input() as actor and returns the error.
func issueAs(f *fixture, actor *authz.Actor) error {
	_, err := f.s.Issue(f.ctx, actor, input())
	return err
}

func TestIssueLongNameNoticeFits(t *testing.T) {
	f := newFixture(t)
	in := input()
	in.Name = strings.Repeat("许", 200)
	if _, err := f.s.Issue(f.ctx, approverA, in); err != nil {
		t.Fatal(err)
	}
	if n := len([]rune(f.notices[0].text)); n > 140 {
		t.Fatalf("notice of %d characters", n)
	}
}

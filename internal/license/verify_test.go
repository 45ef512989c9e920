package license_test

import (
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/license"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// otherHolder is a second licence's holder, whose sealed data are swapped in.
var otherHolder = check.MakeIDNumber("320113", time.Date(1985, 5, 5, 0, 0, 0, 0, time.UTC), 7)

// Every stored field that verification depends on is edited in turn; each
// edit must turn the verdict to forged.
func TestVerifyDetectsTampering(t *testing.T) {
	newID := license.Identifier{TypeCode: "SPJY", Issuer: issuerCode, Serial: "2026000099", Version: 1}.String()
	cases := []struct {
		name string
		sql  string
		args []any
		by   string // identifier to verify; the licence's own when empty
	}{
		{"data value", `UPDATE licences SET meta_json = REPLACE(meta_json, '仙林大道1号', '仙林大道2号') WHERE id = ?`, nil, ""},
		{"validity", `UPDATE licences SET meta_json = REPLACE(meta_json, '2031-03-01', '2036-03-01') WHERE id = ?`, nil, ""},
		{"holder name", `UPDATE licences SET meta_json = REPLACE(meta_json, '张三', '李四') WHERE id = ?`, nil, ""},
		{"holder code", `UPDATE licences SET holder_code_enc = (SELECT holder_code_enc FROM licences WHERE id = 2) WHERE id = ?`, nil, ""},
		{"identifier column", `UPDATE licences SET identifier = ? WHERE id = ?`, []any{newID}, newID},
		{"type code column", `UPDATE licences SET type_code = 'SPXK' WHERE id = ?`, nil, ""},
		{"issuer column", `UPDATE licences SET issuer_code = ? WHERE id = ?`, nil, ""},
		{"serial column", `UPDATE licences SET serial = '2026000099' WHERE id = ?`, nil, ""},
		{"version column", `UPDATE licences SET version = 2 WHERE id = ?`, nil, ""},
		{"signature", `UPDATE licences SET seal_signature = (SELECT seal_signature FROM licences WHERE id = 2) WHERE id = ?`, nil, ""},
		{"certificate serial", `UPDATE licences SET seal_cert_serial = '1' WHERE id = ?`, nil, ""},
		{"status", `UPDATE licences SET status = 'suspended' WHERE id = ?`, nil, ""},
		{"status reason", `UPDATE licences SET status_reason = '无' WHERE id = ?`, nil, ""},
		{"status time", `UPDATE licences SET status_at = ? WHERE id = ?`, []any{start.Add(time.Hour)}, ""},
		{"department", `UPDATE licences SET department_code = '320113D06' WHERE id = ?`, nil, ""},
		{"holder account", `UPDATE licences SET holder_account = 71 WHERE id = ?`, nil, ""},
		{"application", `UPDATE licences SET application_id = 5 WHERE id = ?`, nil, ""},
		{"superseded link", `UPDATE licences SET supersedes_id = 2 WHERE id = ?`, nil, ""},
		{"status signature", `UPDATE licences SET status_signature = (SELECT status_signature FROM licences WHERE id = 2) WHERE id = ?`, nil, ""},
	}
	org3, _ := check.OrgCodeCheckChar("00000003")
	issuer3 := check.MakeCreditCode("11320113" + "00000003" + string(org3))
	for i := range cases {
		if cases[i].name == "issuer column" {
			cases[i].args = []any{issuer3}
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			l := f.issue(t)
			in := input()
			in.HolderCode, in.HolderName = otherHolder, "张三"
			if _, err := f.s.Issue(f.ctx, approverA, in); err != nil {
				t.Fatal(err)
			}
			in = input()
			in.IssuerCode = check.MakeCreditCode("11320113" + "00000002" + string(mustOrgCheck(t, "00000002")))
			if _, err := f.s.Issue(f.ctx, approverA, in); err != nil {
				t.Fatal(err)
			}
			if v := f.verify(t, l.Meta.Identifier); v.Verdict != license.VerdictCurrent {
				t.Fatalf("before tampering: %+v", v)
			}
			if _, err := f.d.Write.ExecContext(f.ctx, f.d.Rebind(tc.sql), append(tc.args, l.ID)...); err != nil {
				t.Fatal(err)
			}
			by := tc.by
			if by == "" {
				by = l.Meta.Identifier
			}
			v := f.verify(t, by)
			if v.Genuine || v.Verdict != license.VerdictForged || v.Licence != nil {
				t.Fatalf("after tampering %s: %+v", tc.name, v)
			}
		})
	}
}

func mustOrgCheck(t *testing.T, body string) byte {
	t.Helper()
	c, err := check.OrgCodeCheckChar(body)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestVerifyBadIdentifiers(t *testing.T) {
	f := newFixture(t)
	l := f.issue(t)
	id := l.Meta.Identifier
	wrong := id[:len(id)-1] + map[bool]string{true: "1", false: "0"}[id[len(id)-1] == '0']
	_, err := f.s.Verify(f.ctx, wrong)
	wantCode(t, err, apperr.CodeInvalid)
	_, err = f.s.Verify(f.ctx, "1.2.156.3005.2.SPJY")
	wantCode(t, err, apperr.CodeInvalid)
	unknown := license.Identifier{TypeCode: "SPJY", Issuer: issuerCode, Serial: "2026000001", Version: 2}.String()
	_, err = f.s.Verify(f.ctx, unknown)
	wantCode(t, err, apperr.CodeNotFound)
}

func TestVerifyExpired(t *testing.T) {
	f := newFixture(t)
	in := input()
	in.ValidUntil = "2026-03-31"
	l, err := f.s.Issue(f.ctx, approverA, in)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Set(time.Date(2026, 3, 31, 15, 59, 0, 0, time.UTC)) // 23:59 on the last day
	if v := f.verify(t, l.Meta.Identifier); v.Verdict != license.VerdictCurrent {
		t.Fatalf("on the last day: %s", v.Verdict)
	}
	f.clock.Set(time.Date(2026, 3, 31, 16, 0, 0, 0, time.UTC)) // 00:00 on 1 April in Nanjing
	if v := f.verify(t, l.Meta.Identifier); !v.Genuine || v.Verdict != license.VerdictExpired {
		t.Fatalf("after the last day: %+v", v)
	}
}

// A licence issued at a time finer than a database keeps (PostgreSQL:
// microseconds) still verifies: what is signed is what reads back.
func TestVerifyAfterSubMicrosecondIssue(t *testing.T) {
	f := newFixture(t)
	f.clock.Advance(1234567 * time.Nanosecond)
	l := f.issue(t)
	v, err := f.s.Verify(f.ctx, l.Meta.Identifier)
	if err != nil || !v.Genuine || v.Verdict != license.VerdictCurrent {
		t.Fatalf("verify: %+v %v", v, err)
	}
}

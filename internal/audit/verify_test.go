package audit_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// want is one expected break.
type want struct {
	seq  int64
	kind audit.Kind
}

func TestVerifyReportsEveryBreak(t *testing.T) {
	const n = 20
	cases := []struct {
		name    string
		tamper  string
		args    []any
		want    []want
		checked int64
	}{
		{"edited action", `UPDATE audit_log SET action = ? WHERE seq = 5`, []any{"test.thing.delete"},
			[]want{{5, audit.KindEdited}}, n},
		{"edited digest", `UPDATE audit_log SET after_digest = '' WHERE seq = 11`, nil,
			[]want{{11, audit.KindEdited}}, n},
		{"edited hash", `UPDATE audit_log SET hash = ? WHERE seq = 7`, []any{strings.Repeat("a", 64)},
			[]want{{7, audit.KindEdited}, {8, audit.KindBrokenLink}}, n},
		{"relinked record", `UPDATE audit_log SET prev_hash = ? WHERE seq = 9`, []any{audit.ZeroHash},
			[]want{{9, audit.KindBrokenLink}, {9, audit.KindEdited}}, n},
		{"deleted middle record", `DELETE FROM audit_log WHERE seq = 10`, nil,
			[]want{{10, audit.KindMissing}}, n - 1},
		{"deleted range", `DELETE FROM audit_log WHERE seq BETWEEN 3 AND 6`, nil,
			[]want{{3, audit.KindMissing}}, n - 4},
		{"deleted first record", `DELETE FROM audit_log WHERE seq = 1`, nil,
			[]want{{1, audit.KindMissing}}, n - 1},
		{"deleted last record", `DELETE FROM audit_log WHERE seq = ?`, []any{n},
			[]want{{n, audit.KindHead}}, n - 1},
		{"head moved back", `UPDATE audit_head SET last_seq = 15, last_hash = (SELECT hash FROM audit_log WHERE seq = 15)`, nil,
			[]want{{n, audit.KindHead}}, n},
		{"head hash changed", `UPDATE audit_head SET last_hash = ?`, []any{strings.Repeat("b", 64)},
			[]want{{n, audit.KindHead}}, n},
		{"empty head with a hash", `UPDATE audit_head SET last_seq = 0, last_hash = ?`, []any{strings.Repeat("c", 64)},
			[]want{{0, audit.KindHead}, {n, audit.KindHead}}, n},
		{"head deleted", `DELETE FROM audit_head`, nil,
			[]want{{0, audit.KindHead}}, n},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			d := dbtest.Open(t, nil)
			appendN(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), n)
			if r := verify(t, d); !r.OK {
				t.Fatalf("intact chain reported broken: %+v", r)
			}
			tamper(t, d, c.tamper, c.args...)
			r := verify(t, d)
			if r.OK || r.Checked != c.checked || r.Broken != int64(len(c.want)) {
				t.Fatalf("OK=%v checked=%d broken=%d, want broken chain, %d checked, %d breaks: %+v",
					r.OK, r.Checked, r.Broken, c.checked, len(c.want), r.Problems)
			}
			for i, w := range c.want {
				p := r.Problems[i]
				if p.Seq != w.seq || p.Kind != w.kind || p.ZH == "" || p.EN == "" {
					t.Errorf("problem %d = %+v, want seq %d kind %s", i, p, w.seq, w.kind)
				}
			}
		})
	}
}

func TestVerifyReportsSeveralBreaksInOneWalk(t *testing.T) {
	d := dbtest.Open(t, nil)
	appendBatched(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), 2500) // spans pages
	tamper(t, d, `UPDATE audit_log SET object_id = 'x' WHERE seq IN (3, 1500)`)
	tamper(t, d, `DELETE FROM audit_log WHERE seq IN (1000, 2001, 2500)`)
	r := verify(t, d)
	wantList := []want{{3, audit.KindEdited}, {1000, audit.KindMissing}, {1500, audit.KindEdited},
		{2001, audit.KindMissing}, {2500, audit.KindHead}}
	if r.OK || r.Checked != 2497 || len(r.Problems) != len(wantList) {
		t.Fatalf("checked %d, problems %+v", r.Checked, r.Problems)
	}
	for i, w := range wantList {
		if p := r.Problems[i]; p.Seq != w.seq || p.Kind != w.kind {
			t.Errorf("problem %d = %+v, want seq %d kind %s", i, p, w.seq, w.kind)
		}
	}
}

func TestWriteReport(t *testing.T) {
	d := dbtest.Open(t, nil)
	appendN(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), 4)
	var ok bytes.Buffer
	if err := audit.WriteReport(&ok, verify(t, d)); err != nil {
		t.Fatal(err)
	}
	if out := ok.String(); !strings.Contains(out, "已检查记录 / Records checked: 4") || !strings.Contains(out, "链条完整") {
		t.Fatalf("intact report:\n%s", out)
	}
	tamper(t, d, `DELETE FROM audit_log WHERE seq = 2`)
	var bad bytes.Buffer
	if err := audit.WriteReport(&bad, verify(t, d)); err != nil {
		t.Fatal(err)
	}
	out := bad.String()
	for _, s := range []string{"发现 1 处问题", "seq 2 [missing]", "第 2 条记录缺失", "record 2 is missing"} {
		if !strings.Contains(out, s) {
			t.Errorf("broken report lacks %q:\n%s", s, out)
		}
	}
}

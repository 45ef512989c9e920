package credit_test

import (
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

func TestAddRecordBadInput(t *testing.T) {
	f := newFixture(t)
	good := rec(personID(1), "doc-ok", credit.General)
	badID := personID(1)
	badID = badID[:17] + map[bool]string{true: "0", false: "1"}[badID[17] != '0']
	cases := []struct {
		name  string
		edit  func(*credit.RecordInput)
		field string
	}{
		{"bad check digit", func(in *credit.RecordInput) { in.SubjectCode = badID }, "subject_code"},
		{"empty code", func(in *credit.RecordInput) { in.SubjectCode = " " }, "subject_code"},
		// The demo black-listed entity's code with a wrong check character.
		{"bad credit code", func(in *credit.RecordInput) { in.SubjectKind, in.SubjectCode = credit.Entity, "913201137900000120" }, "subject_code"},
		{"unknown kind of subject", func(in *credit.RecordInput) { in.SubjectKind = "alien" }, "subject_kind"},
		{"unknown record kind", func(in *credit.RecordInput) { in.Kind = "乱扔垃圾" }, "kind"},
		{"bad severity", func(in *credit.RecordInput) { in.Severity = "huge" }, "severity"},
		{"no document", func(in *credit.RecordInput) { in.DocumentNo = "" }, "document_no"},
		{"long document", func(in *credit.RecordInput) { in.DocumentNo = strings.Repeat("号", 65) }, "document_no"},
		{"bad date", func(in *credit.RecordInput) { in.DecidedOn = "2025-02-30" }, "decided_on"},
		{"no date", func(in *credit.RecordInput) { in.DecidedOn = "" }, "decided_on"},
		{"until before decided", func(in *credit.RecordInput) { in.ValidUntil = "2020-01-01" }, "valid_until"},
		{"long summary", func(in *credit.RecordInput) { in.Summary = strings.Repeat("字", 501) }, "summary"},
		{"long name", func(in *credit.RecordInput) { in.SubjectName = strings.Repeat("名", 101) }, "subject_name"},
		{"unknown department", func(in *credit.RecordInput) { in.Department = "320113D99" }, "department"},
		{"no department", func(in *credit.RecordInput) { in.Department = "" }, "department"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := good
			c.edit(&in)
			_, err := f.s.AddRecord(f.ctx, admin, in)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid || e.Fields[c.field] == "" {
				t.Fatalf("error %v, want invalid on %s", err, c.field)
			}
		})
	}
	f.wantNoRows(t)
}

func (f *fixture) wantNoRows(t testing.TB) {
	t.Helper()
	for _, table := range []string{"credit_subjects", "credit_records"} {
		var n int
		if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s has %d rows after refused input", table, n)
		}
	}
}

func TestAddRecordDuplicateDocument(t *testing.T) {
	f := newFixture(t)
	in := rec(personID(1), "栖税罚〔2026〕7号", credit.General)
	first := f.record(t, in)
	_, err := f.s.AddRecord(f.ctx, admin, in)
	wantCode(t, err, apperr.CodeConflict)
	if !strings.Contains(err.Error(), "不能重复报送") {
		t.Errorf("message: %v", err)
	}
	in.Department = deptB // same number from another department is another decision
	second := f.record(t, in)
	if first.SubjectID != second.SubjectID {
		t.Errorf("one person got two subjects: %d, %d", first.SubjectID, second.SubjectID)
	}
}

func TestLookupMasksPerson(t *testing.T) {
	f := newFixture(t)
	code := personID(5)
	f.record(t, rec(code, "doc-5", credit.Serious))
	d, err := f.s.Lookup(f.ctx, frontDesk, strings.ToLower(code))
	if err != nil {
		t.Fatal(err)
	}
	if d.Subject.Code != code[:6]+"********"+code[14:] || d.Subject.Name != "张*" || len(d.Records) != 1 {
		t.Errorf("dossier: %+v", d)
	}
	var enc string
	if err := f.d.QueryRow(f.ctx, `SELECT code_enc FROM credit_subjects`).Scan(&enc); err != nil {
		t.Fatal(err)
	}
	var lookup string
	_ = f.d.QueryRow(f.ctx, `SELECT lookup FROM credit_subjects`).Scan(&lookup)
	if strings.Contains(enc, code) || strings.Contains(lookup, code) {
		t.Error("ID number stored in clear")
	}
	unknown, err := f.s.Lookup(f.ctx, frontDesk, personID(6))
	if err != nil || len(unknown.Records) != 0 || unknown.Subject.ID != 0 {
		t.Errorf("unknown subject: %+v, %v", unknown, err)
	}
}

func TestRepairRules(t *testing.T) {
	f := newFixture(t)
	r := f.record(t, rec(personID(1), "doc-r", credit.General))
	_, err := f.s.Repair(f.ctx, admin, r.ID, "2026-13-01", "说明")
	wantCode(t, err, apperr.CodeInvalid)
	_, err = f.s.Repair(f.ctx, admin, r.ID, "2026-01-01", " ")
	wantCode(t, err, apperr.CodeInvalid)
	got, err := f.s.Repair(f.ctx, admin, r.ID, "2026-01-01", "已整改")
	if err != nil || got.Repair == nil || got.Repair.On != "2026-01-01" || got.Repair.By != admin.AccountID {
		t.Fatalf("repair: %+v, %v", got, err)
	}
	_, err = f.s.Repair(f.ctx, admin, r.ID, "2026-01-02", "再次修复")
	wantCode(t, err, apperr.CodeConflict)
	var actions []string
	rows, err := f.d.Query(f.ctx, `SELECT action FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var a string
		_ = rows.Scan(&a)
		actions = append(actions, a)
	}
	rows.Close()
	if strings.Join(actions, ",") != "credit.record.add,credit.record.repair" {
		t.Errorf("audit log: %v", actions)
	}
	_, err = f.s.Repair(f.ctx, admin, 999999, "2026-01-02", "不存在")
	wantCode(t, err, apperr.CodeNotFound)
	pos := f.record(t, rec(personID(2), "doc-p", credit.Positive))
	_, err = f.s.Repair(f.ctx, admin, pos.ID, "2026-01-02", "无需")
	wantCode(t, err, apperr.CodeInvalid)
}

func TestCommitmentSettledOnce(t *testing.T) {
	f := newFixture(t)
	c, err := f.s.AddCommitment(f.ctx, frontDesk, credit.CommitmentInput{SubjectCode: personID(1), Text: "承诺材料真实"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Status != credit.Pending || !c.SignedAt.Equal(start) {
		t.Errorf("new commitment: %+v", c)
	}
	kept, err := f.s.Keep(f.ctx, inspector, c.ID)
	if err != nil || kept.Status != credit.Kept {
		t.Fatalf("keep: %+v, %v", kept, err)
	}
	_, err = f.s.Break(f.ctx, inspector, c.ID, credit.Breach{Department: deptA, DocumentNo: "x", DecidedOn: "2026-03-01"})
	wantCode(t, err, apperr.CodeConflict)
	var n int
	_ = f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM credit_records`).Scan(&n)
	if n != 0 {
		t.Errorf("a refused breach left %d records", n)
	}
	_, err = f.s.AddCommitment(f.ctx, frontDesk, credit.CommitmentInput{SubjectCode: personID(1), Text: ""})
	wantCode(t, err, apperr.CodeInvalid)
}

// TestAddRecordConcurrentDuplicate submits one document twice at once:
// exactly one is recorded, the other is a conflict.
func TestAddRecordConcurrentDuplicate(t *testing.T) {
	f := newFixture(t)
	in := rec(personID(1), "并发1号", credit.General)
	errs := make(chan error, 2)
	for range 2 {
		go func() { _, err := f.s.AddRecord(f.ctx, admin, in); errs <- err }()
	}
	var ok, conflict int
	for range 2 {
		switch err := <-errs; apperr.CodeOf(err) {
		case apperr.CodeConflict:
			conflict++
		default:
			if err == nil {
				ok++
			} else {
				t.Errorf("unexpected error: %v", err)
			}
		}
	}
	if ok != 1 || conflict != 1 {
		t.Errorf("ok %d, conflict %d", ok, conflict)
	}
}

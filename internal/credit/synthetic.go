package credit

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Synthetic sizes a synthetic registry for load tests and benchmarks
// (issue 4 asks for the admission check with 1,000,000 persons and 100,000
// entities loaded).
type Synthetic struct {
	Persons, Entities int
	// Batch is the number of rows per INSERT (and per transaction);
	// 1000 when zero.
	Batch int
	// Department is the source department of the records; it is not
	// checked against the organisation.
	Department string
}

// SyntheticResult counts what LoadSynthetic wrote.
type SyntheticResult struct {
	Subjects, Records, ListEntries, Commitments int
}

// Synthetic subjects with evidence, by sequence number: every 50th person
// has a general record, every 200th a serious one, every 500th is on the
// black list, every 300th broke a commitment; every 100th entity has a
// general record and every 1000th is on the black list.
const (
	synGeneralEvery = 50
	synSeriousEvery = 200
	synBlackEvery   = 500
	synBrokenEvery  = 300
	synEntityRecord = 100
	synEntityBlack  = 1000
)

// SyntheticPerson and SyntheticEntity return the code of the seq-th
// synthetic subject (see MakePersonID, MakeEntityCode).
func SyntheticPerson(seq int) string { return MakePersonID(seq) }

// SyntheticEntity returns the credit code of the seq-th synthetic entity.
func SyntheticEntity(seq int) string { return MakeEntityCode(seq) }

// LoadSynthetic fills district's registry with synthetic subjects (ID
// numbers encrypted and blind-indexed like real ones) and evidence, in
// batched multi-row INSERTs. It is for load tests only, never for a live
// district. Re-running it skips the batches already loaded.
func (s *Service) LoadSynthetic(ctx context.Context, district string, spec Synthetic) (SyntheticResult, error) {
	if spec.Batch <= 0 {
		spec.Batch = 1000
	}
	if spec.Department == "" {
		spec.Department = "320113D23"
	}
	var res SyntheticResult
	for from := 0; from < spec.Persons+spec.Entities; from += spec.Batch {
		to := min(from+spec.Batch, spec.Persons+spec.Entities)
		n, err := s.loadBatch(ctx, district, spec, from, to, &res)
		if err != nil {
			return res, fmt.Errorf("credit: synthetic load at %d: %w", from, err)
		}
		res.Subjects += n
	}
	return res, nil
}

// synSubject is the i-th synthetic subject: persons first, then entities.
func synSubject(spec Synthetic, i int) (SubjectRef, int) {
	if i < spec.Persons {
		return SubjectRef{Kind: Person, Code: SyntheticPerson(i)}, i
	}
	return SubjectRef{Kind: Entity, Code: SyntheticEntity(i - spec.Persons)}, i - spec.Persons
}

// loadBatch writes subjects [from, to) and their evidence in one transaction.
func (s *Service) loadBatch(ctx context.Context, district string, spec Synthetic, from, to int, res *SyntheticResult) (int, error) {
	first, _ := synSubject(spec, from)
	if id, err := s.findSubjectID(ctx, s.db, district, first); err != nil || id != 0 {
		return 0, err
	}
	var rows []any
	var refs []SubjectRef
	var seqs []int
	for i := from; i < to; i++ {
		ref, seq := synSubject(spec, i)
		row, err := s.subjectRow(ref, "")
		if err != nil {
			return 0, err
		}
		rows = append(rows, district, ref.Kind, row.lookup, row.codeEnc, nil, row.name)
		refs, seqs = append(refs, ref), append(seqs, seq)
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO credit_subjects (district, kind, lookup, code_enc, name_enc, name,
			created_at, updated_at) VALUES `+valuesList(len(refs), "?, ?, ?, ?, ?, ?, ?, ?")+
			` ON CONFLICT (district, lookup) DO NOTHING`, withTimes(rows, 6, tx)...)
		if err != nil {
			return err
		}
		for i, ref := range refs {
			if err := s.synEvidence(ctx, tx, district, spec.Department, ref, seqs[i], res); err != nil {
				return err
			}
		}
		return nil
	})
	return len(refs), err
}

// valuesList repeats one "(…)" group n times.
func valuesList(n int, group string) string {
	return strings.TrimSuffix(strings.Repeat("("+group+"), ", n), ", ")
}

// withTimes appends created_at and updated_at after every width values.
func withTimes(vals []any, width int, tx *db.Tx) []any {
	out := make([]any, 0, len(vals)/width*(width+2))
	for i := 0; i < len(vals); i += width {
		out = append(append(out, vals[i:i+width]...), tx.Now(), tx.Now())
	}
	return out
}

// synEvidence adds the records, list entries and commitments of one
// synthetic subject, found by its lookup key.
func (s *Service) synEvidence(ctx context.Context, tx *db.Tx, district, dept string, ref SubjectRef, seq int, res *SyntheticResult) error {
	var sev []Severity
	black, broken := false, false
	if ref.Kind == Person {
		if seq%synGeneralEvery == 0 {
			sev = append(sev, General)
		}
		if seq%synSeriousEvery == 0 {
			sev = append(sev, Serious)
		}
		black, broken = seq%synBlackEvery == 0, seq%synBrokenEvery == 0
	} else {
		if seq%synEntityRecord == 0 {
			sev = append(sev, General)
		}
		black = seq%synEntityBlack == 0
	}
	if len(sev) == 0 && !black && !broken {
		return nil
	}
	id, err := s.findSubjectID(ctx, tx, district, ref)
	if err != nil {
		return err
	}
	for _, sv := range sev {
		doc := fmt.Sprintf("SYN-%s-%d-%s", ref.Kind, seq, sv)
		if _, err := tx.Exec(ctx, `INSERT INTO credit_records (district, subject_id, department, kind, severity,
			document_no, decided_on, valid_until, created_at, created_by) VALUES (?, ?, ?, '行政处罚', ?, ?, '2025-01-01', '2099-12-31', ?, 0)
			ON CONFLICT (district, department, document_no) DO NOTHING`, district, id, dept, sv, doc, tx.Now()); err != nil {
			return err
		}
		res.Records++
	}
	if black {
		if _, err := tx.Exec(ctx, `INSERT INTO credit_list_entries (district, subject_id, list, list_name, department,
			reason, from_on, created_at, created_by) VALUES (?, ?, 'black', '严重失信主体名单', ?, '合成数据', '2025-01-01', ?, 0)`,
			district, id, dept, tx.Now()); err != nil {
			return err
		}
		res.ListEntries++
	}
	if broken {
		if _, err := tx.Exec(ctx, `INSERT INTO credit_commitments (district, subject_id, text, signed_at, status,
			created_at, created_by) VALUES (?, ?, '合成承诺', ?, 'broken', ?, 0)`, district, id, tx.Now(), tx.Now()); err != nil {
			return err
		}
		res.Commitments++
	}
	return nil
}

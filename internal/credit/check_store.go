package credit

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// gatherSQL finds the parties' subjects and everything that counts
// against them on a day, in one round trip: the subjects themselves
// (source 'subject', to map lookup keys to ids); records neither revoked,
// repaired nor expired; list entries in force; broken commitments whose
// breach record (if any) still counts. %[1]s is the lookup key placeholder
// list. Columns: source, id, subject, a, b, c, d.
const gatherSQL = `WITH subj AS (SELECT id, lookup FROM credit_subjects WHERE district = ? AND lookup IN (%[1]s))
SELECT 'subject', s.id, s.id, s.lookup, '', '', '' FROM subj s
UNION ALL
SELECT 'record', r.id, r.subject_id, r.severity, r.kind, r.document_no, r.department || ' ' || r.decided_on
	FROM subj s JOIN credit_records r ON r.subject_id = s.id
	WHERE r.revoked_at IS NULL AND r.repaired_on IS NULL AND (r.valid_until IS NULL OR r.valid_until >= ?)
UNION ALL
SELECT 'list', e.id, e.subject_id, e.list, e.list_name, e.reason, e.department || ' ' || e.from_on
	FROM subj s JOIN credit_list_entries e ON e.subject_id = s.id
	WHERE e.removed_at IS NULL AND e.from_on <= ? AND (e.until_on IS NULL OR e.until_on >= ?)
UNION ALL
SELECT 'commitment', c.id, c.subject_id, c.status, c.item_code, c.text, ''
	FROM subj s JOIN credit_commitments c ON c.subject_id = s.id LEFT JOIN credit_records r ON r.id = c.breach_record_id
	WHERE c.status = 'broken'
	AND (r.id IS NULL OR (r.revoked_at IS NULL AND r.repaired_on IS NULL AND (r.valid_until IS NULL OR r.valid_until >= ?)))`

// found is what gather learnt: each party's subject id (0 when unknown)
// and the evidence in force by subject and signal.
type found struct {
	ids      []int64
	evidence map[int64]map[Signal][]Evidence
}

// gather looks up every party and its evidence with gatherSQL.
func (s *Service) gather(ctx context.Context, district, day string, refs []SubjectRef) (found, error) {
	var keys []string
	owner := map[string][]int{}
	for i, ref := range refs {
		for _, k := range s.lookups(ref) {
			if _, seen := owner[k]; !seen {
				keys = append(keys, k)
			}
			owner[k] = append(owner[k], i)
		}
	}
	args := append(append([]any{district}, anys(keys)...), day, day, day, day)
	rows, err := s.query(ctx, len(keys), fmt.Sprintf(gatherSQL, db.Marks(len(keys))), args...)
	if err != nil {
		return found{}, fmt.Errorf("credit: gather evidence: %w", err)
	}
	defer rows.Close()
	f := found{ids: make([]int64, len(refs)), evidence: map[int64]map[Signal][]Evidence{}}
	for rows.Next() {
		var (
			src, a, b, c, d string
			id, subject     int64
		)
		if err := rows.Scan(&src, &id, &subject, &a, &b, &c, &d); err != nil {
			return found{}, fmt.Errorf("credit: gather evidence: %w", err)
		}
		if src == "subject" {
			for _, i := range owner[a] {
				f.ids[i] = id
			}
			continue
		}
		sig, ev := classify(src, id, a, b, c, d)
		if f.evidence[subject] == nil {
			f.evidence[subject] = map[Signal][]Evidence{}
		}
		f.evidence[subject][sig] = append(f.evidence[subject][sig], ev)
	}
	return f, rows.Err()
}

// classify turns an evidence row into its signal and a Chinese summary.
func classify(src string, id int64, a, b, c, d string) (Signal, Evidence) {
	switch src {
	case "record":
		dept, date, _ := strings.Cut(d, " ")
		ev := Evidence{Type: "record", ID: id,
			Summary: fmt.Sprintf("%s·%s（%s，文书号 %s，%s 作出）", Severity(a).Name(), b, dept, c, date)}
		return map[Severity]Signal{Serious: SigSerious, General: SigGeneral, Positive: SigRedList}[Severity(a)], ev
	case "list":
		dept, date, _ := strings.Cut(d, " ")
		ev := Evidence{Type: "list", ID: id, Summary: fmt.Sprintf("%s（%s，%s 起；%s）", b, dept, date, c)}
		if ListKind(a) == BlackList {
			return SigBlackList, ev
		}
		return SigRedList, ev
	}
	sum := "违反信用承诺：" + c
	if b != "" {
		sum += "（事项 " + b + "）"
	}
	return SigBroken, Evidence{Type: "commitment", ID: id, Summary: sum}
}

package credit

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ImportRecords loads a CSV or Excel (.xlsx) file of records reported by
// one source department, all or nothing: every row is checked first (ID
// check digits, record kinds, severities, dates, document numbers repeated
// in the file or already reported, cell lengths, missing columns), and a
// single problem writes nothing. The report lists every problem with its
// row and column; the error is then an invalid error on field "file".
func (s *Service) ImportRecords(ctx context.Context, actor *authz.Actor, dept string, r io.Reader) (*ImportReport, error) {
	dept = strings.TrimSpace(dept)
	if err := authz.Check(actor, actLoad, authz.Scope{}); err != nil {
		return nil, err
	}
	if err := s.checkDepartment(ctx, actor, dept); err != nil {
		return nil, err
	}
	rep := &ImportReport{Department: dept, Problems: []Problem{}}
	data, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, fmt.Errorf("credit: read import: %w", err)
	}
	if len(data) > MaxImportBytes {
		rep.add(0, "", fmt.Sprintf("文件超过 %d MB", MaxImportBytes>>20))
		return rep, failed(rep)
	}
	rows := s.parseFile(ctx, actor.District, data, rep)
	if !rep.OK() {
		return rep, failed(rep)
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		var last int64
		for _, v := range rows {
			id, err := s.insertRecord(ctx, tx, actor.District, actorID(actor), v)
			if err != nil {
				return err
			}
			last = id
		}
		return auditTx(ctx, tx, actor, "credit.record.import", "credit_record", last, nil,
			map[string]any{"department": dept, "records": len(rows)})
	})
	if err != nil {
		return rep, err
	}
	rep.Added = len(rows)
	return rep, nil
}

// fileMessage words a field's problem for a file: severities are written
// in Chinese there.
func fileMessage(field, msg string) string {
	if field == "severity" {
		return "严重程度应为“一般失信”“严重失信”或“守信激励”"
	}
	return msg
}

// failed is the error of an import with problems.
func failed(rep *ImportReport) error {
	return apperr.Invalid("file", fmt.Sprintf("文件有 %d 处问题，未导入任何记录，请修改后重新上传", rep.ProblemCount))
}

// parseFile reads and checks every row; problems go to rep.
func (s *Service) parseFile(ctx context.Context, district string, data []byte, rep *ImportReport) []validRecord {
	format, table, problem := readTable(data)
	rep.Format = format
	if problem != "" {
		rep.add(0, "", problem)
		return nil
	}
	if len(table) == 0 {
		rep.add(0, "", "文件是空的")
		return nil
	}
	pos := mapHeader(table[0], rep)
	if !rep.OK() {
		return nil
	}
	var out []validRecord
	docs := map[string]int{}
	for i, row := range table[1:] {
		line := i + 2
		in, ok := rowInput(row, line, pos, rep.Department, rep)
		if !ok {
			continue
		}
		rep.Rows++
		v, problems := in.check()
		for _, f := range recordFields {
			if msg, bad := problems[f]; bad && f != "subject_kind" {
				rep.add(line, headerOf(f), fileMessage(f, msg))
			}
		}
		if first, dup := docs[v.in.DocumentNo]; dup && v.in.DocumentNo != "" {
			rep.add(line, "决定文书号", fmt.Sprintf("与第 %d 行的决定文书号重复", first))
		} else {
			docs[v.in.DocumentNo] = line
		}
		out = append(out, v)
	}
	if rep.Rows == 0 {
		rep.add(0, "", "文件没有数据行")
	}
	s.reportReported(ctx, district, out, docs, rep)
	return out
}

// reportReported reports document numbers the department reported before.
func (s *Service) reportReported(ctx context.Context, district string, rows []validRecord, docs map[string]int, rep *ImportReport) {
	if len(rows) == 0 {
		return
	}
	dept := rows[0].in.Department
	all, err := collect(ctx, s.db, func(sc interface{ Scan(...any) error }) (string, error) {
		var d string
		return d, sc.Scan(&d)
	}, `SELECT document_no FROM credit_records WHERE district = ? AND department = ?`, district, dept)
	if err != nil {
		rep.add(0, "", "无法核对已报送的文书号，请稍后重试")
		return
	}
	for _, d := range all {
		if line, ok := docs[d]; ok {
			rep.add(line, "决定文书号", "本部门已报送过该文书号的记录，不能重复报送")
		}
	}
}

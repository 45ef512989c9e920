package credit_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/shanzhi-gov/shanzhi/internal/credit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

const csvHeader = "主体类型,主体名称,证件号码,记录类别,严重程度,决定文书号,决定日期,有效期至,事实摘要\n"

func csvRow(kind, name, code, recKind, sev, doc, decided, until, summary string) string {
	return strings.Join([]string{kind, name, code, recKind, sev, doc, decided, until, summary}, ",") + "\n"
}

func TestImportCSV(t *testing.T) {
	f := newFixture(t)
	file := csvHeader +
		csvRow("自然人", "王五", personID(1), "行政处罚", "严重失信", "栖市监罚〔2026〕1号", "2026/1/5", "2029-01-05", "无证经营") +
		csvRow("", "南京某某商贸有限公司", entityCode(2), "欠税", "一般失信", "栖税〔2026〕2号", "2026年2月1日", "", "") +
		",,,,,,,,\n" // a blank row is skipped
	rep, err := f.s.ImportRecords(f.ctx, approverA, deptA, strings.NewReader("\ufeff"+file))
	if err != nil {
		t.Fatalf("import: %v %+v", err, rep)
	}
	if rep.Added != 2 || rep.Rows != 2 || rep.Format != "csv" {
		t.Errorf("report: %+v", rep)
	}
	d, err := f.s.Lookup(f.ctx, admin, entityCode(2))
	if err != nil || len(d.Records) != 1 || d.Records[0].DecidedOn != "2026-02-01" || d.Subject.Name != "南京某某商贸有限公司" {
		t.Errorf("entity dossier: %+v, %v", d, err)
	}
}

func TestImportGB18030CSV(t *testing.T) {
	f := newFixture(t)
	file := csvHeader + csvRow("自然人", "赵六", personID(3), "行政处罚", "一般失信", "栖城管罚1号", "2026-01-05", "", "")
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(file)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.ImportRecords(f.ctx, admin, deptA, strings.NewReader(gbk))
	if err != nil || rep.Added != 1 {
		t.Fatalf("GB18030 CSV: %+v, %v", rep, err)
	}
}

func TestImportXLSX(t *testing.T) {
	f := newFixture(t)
	x := excelize.NewFile()
	rows := [][]any{
		{"主体名称", "证件号码", "记录类别", "严重程度", "决定文书号", "决定日期", "有效期至"},
		{"孙七", personID(4), "失信被执行人", "严重失信", "（2025）苏0113执1号", 45809, "2030-01-01"}, // 45809 = 2025-06-01
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rep, err := f.s.ImportRecords(f.ctx, admin, deptA, &buf)
	if err != nil || rep.Added != 1 || rep.Format != "xlsx" {
		t.Fatalf("xlsx: %+v, %v", rep, err)
	}
	d, _ := f.s.Lookup(f.ctx, admin, personID(4))
	if len(d.Records) != 1 || d.Records[0].DecidedOn != "2025-06-01" {
		t.Errorf("dossier: %+v", d.Records)
	}
}

func TestImportBadFiles(t *testing.T) {
	f := newFixture(t)
	f.record(t, rec(personID(9), "已报送1号", credit.General)) // deptA
	badID := personID(5)
	badID = badID[:17] + map[bool]string{true: "0", false: "1"}[badID[17] != '0']
	good := func(doc string) string {
		return csvRow("自然人", "甲", personID(6), "行政处罚", "一般失信", doc, "2026-01-05", "", "")
	}
	cases := []struct {
		name   string
		file   string
		row    int
		column string
		reason string
	}{
		{"bad ID check digit", csvHeader + good("a1") + csvRow("自然人", "乙", badID, "行政处罚", "一般失信", "a2", "2026-01-05", "", ""), 3, "证件号码", "校验"},
		{"unknown kind", csvHeader + csvRow("", "", personID(6), "乱扔垃圾", "一般失信", "b1", "2026-01-05", "", ""), 2, "记录类别", "不在目录中"},
		{"bad severity", csvHeader + csvRow("", "", personID(6), "行政处罚", "很严重", "b2", "2026-01-05", "", ""), 2, "严重程度", "一般失信"},
		{"bad date", csvHeader + csvRow("", "", personID(6), "行政处罚", "一般失信", "c1", "2026-02-30", "", ""), 2, "决定日期", "有效日期"},
		{"bad subject type", csvHeader + csvRow("外星人", "", personID(6), "行政处罚", "一般失信", "c2", "2026-02-03", "", ""), 2, "主体类型", "自然人"},
		{"duplicate in file", csvHeader + good("d1") + good("d1"), 3, "决定文书号", "与第 2 行"},
		{"already reported", csvHeader + good("e1") + good("已报送1号"), 3, "决定文书号", "已报送过"},
		{"missing required column", "主体名称,证件号码,记录类别,严重程度,决定日期\n甲," + personID(6) + ",行政处罚,一般失信,2026-01-05\n", 1, "决定文书号", "缺少必填列"},
		{"unknown column", strings.TrimSuffix(csvHeader, "\n") + ",备注\n", 1, "备注", "无法识别"},
		{"too long cell", csvHeader + csvRow("", "", personID(6), "行政处罚", "一般失信", "f1", "2026-01-05", "", strings.Repeat("长", 501)), 2, "事实摘要", "过长"},
		{"not csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 0, "", "不是 CSV 或 Excel"},
		{"legacy xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00", 0, "", ".xls"},
		{"broken zip", "PK\x03\x04garbage", 0, "", "无法读取 Excel"},
		{"empty", "", 0, "", "空"},
		{"header only", csvHeader, 0, "", "没有数据行"},
		{"unbalanced quote", csvHeader + "\"自然人,甲\n", 0, "", "引号"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := f.s.ImportRecords(f.ctx, admin, deptA, strings.NewReader(c.file))
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.CodeInvalid || e.Fields["file"] == "" {
				t.Fatalf("error %v, want invalid on file", err)
			}
			if rep == nil || rep.Added != 0 {
				t.Fatalf("report: %+v", rep)
			}
			found := false
			for _, p := range rep.Problems {
				found = found || (p.Row == c.row && p.Column == c.column && strings.Contains(p.Reason, c.reason))
			}
			if !found {
				t.Errorf("problems %+v lack row %d %q %q", rep.Problems, c.row, c.column, c.reason)
			}
		})
	}
	var n int
	if err := f.d.QueryRow(f.ctx, `SELECT COUNT(*) FROM credit_records`).Scan(&n); err != nil || n != 1 {
		t.Errorf("records after refused imports: %d, %v", n, err)
	}
}

func TestImportTooLarge(t *testing.T) {
	f := newFixture(t)
	big := csvHeader + strings.Repeat("x", credit.MaxImportBytes)
	rep, err := f.s.ImportRecords(f.ctx, admin, deptA, strings.NewReader(big))
	wantCode(t, err, apperr.CodeInvalid)
	if rep == nil || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].Reason, "超过") {
		t.Errorf("report: %+v", rep)
	}
}

func TestImportOtherDepartmentForbidden(t *testing.T) {
	f := newFixture(t)
	_, err := f.s.ImportRecords(f.ctx, approverA, deptB, strings.NewReader(csvHeader))
	wantCode(t, err, apperr.CodeForbidden)
	_, err = f.s.ImportRecords(f.ctx, admin, "320113D99", strings.NewReader(csvHeader))
	wantCode(t, err, apperr.CodeInvalid)
}

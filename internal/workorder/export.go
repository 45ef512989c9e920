package workorder

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
	"github.com/xuri/excelize/v2"
)

// exportHeaders are the columns of the measures export, in Chinese.
var exportHeaders = []string{"编码", "名称", "受理量", "有效诉求", "已响应", "响应率", "平均响应时长（小时）", "已办结",
	"已解决", "未解决", "非本区职责", "已转交", "解决率", "按时办结", "超时办结", "逾期未办结", "按时办结率",
	"平均处理时长（小时）", "回访作答", "满意", "满意率"}

// exportCells is one row of the export: counts as numbers, rates as
// fractions (Excel formats them as percentages), empty when not measured.
func exportCells(r MeasureRow) []any {
	num := func(p *float64) any {
		if p == nil {
			return ""
		}
		return *p
	}
	return []any{r.Key, r.Name, r.Received, r.Counted, r.Responded, num(r.ResponseRate), num(r.AvgResponseHours),
		r.Resolved, r.Fixed, r.NotFixed, r.NotOurs, r.Referred, num(r.ResolutionRate), r.OnTime, r.Late, r.Overdue,
		num(r.OnTimeRate), num(r.AvgHandlingHours), r.Answered, r.Satisfied, num(r.SatisfactionRate)}
}

// exportTitle says what the export holds: the grouping and the period.
func exportTitle(m Measures) string {
	return fmt.Sprintf("工单统计（按%s，受理日期 %s 至 %s，逾期截至 %s）", m.Query.By.Name(), m.Query.From, m.Query.To,
		web.InChina(m.AsOf).Format("2006-01-02 15:04"))
}

// ExportMeasuresCSV writes the measures as CSV (UTF-8 with a byte order mark, so
// Excel opens the Chinese right): a title line, the headers, one line per
// group and the total. Rates are fractions with four decimals.
func ExportMeasuresCSV(m Measures) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	rows := [][]string{{exportTitle(m)}, exportHeaders}
	for _, r := range append(append([]MeasureRow{}, m.Rows...), m.Total) {
		line := make([]string, 0, len(exportHeaders))
		for _, c := range exportCells(r) {
			line = append(line, csvCell(c))
		}
		rows = append(rows, line)
	}
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("workorder: export csv: %w", err)
	}
	return b.Bytes(), nil
}

// csvCell writes a cell; a text cell that a spreadsheet would run as a
// formula is quoted with an apostrophe (CSV injection).
func csvCell(c any) string {
	switch v := c.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', 4, 64)
	case int:
		return strconv.Itoa(v)
	case string:
		if v != "" && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@') {
			return "'" + v
		}
		return v
	}
	return fmt.Sprint(c)
}

// SheetMeasures is the sheet of the measures workbook.
const SheetMeasures = "工单统计"

// ExportMeasuresExcel writes the measures as a workbook: a title row, the
// headers, one row per group and the total, rates as percentages.
func ExportMeasuresExcel(m Measures) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", SheetMeasures); err != nil {
		return nil, err
	}
	if err := f.SetCellValue(SheetMeasures, "A1", exportTitle(m)); err != nil {
		return nil, err
	}
	if err := exportRow(f, 2, exportStrings(exportHeaders)); err != nil {
		return nil, err
	}
	all := append(append([]MeasureRow{}, m.Rows...), m.Total)
	for i, r := range all {
		if err := exportRow(f, i+3, exportCells(r)); err != nil {
			return nil, err
		}
	}
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		return nil, err
	}
	last := strconv.Itoa(len(all) + 2)
	for _, col := range []string{"F", "M", "Q", "U"} {
		if err := f.SetCellStyle(SheetMeasures, col+"3", col+last, pct); err != nil {
			return nil, err
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, fmt.Errorf("workorder: export excel: %w", err)
	}
	return b.Bytes(), nil
}

func exportRow(f *excelize.File, row int, cells []any) error {
	cell, _ := excelize.CoordinatesToCellName(1, row)
	return f.SetSheetRow(SheetMeasures, cell, &cells)
}

func exportStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

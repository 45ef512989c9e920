package credit

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Import limits: a department's monthly report fits comfortably.
const (
	MaxImportBytes = 10 << 20
	maxImportRows  = 50_000
)

var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0} // legacy .xls
	utf8BOM  = []byte{0xEF, 0xBB, 0xBF}
)

// readTable reads a CSV or xlsx file into rows of cells, telling them
// apart by content, not by name. A CSV that is not UTF-8 is read as
// GB18030, the encoding Excel on Chinese Windows saves CSV in.
func readTable(data []byte) (format string, rows [][]string, problem string) {
	switch {
	case len(data) == 0:
		return "", nil, "文件是空的"
	case bytes.HasPrefix(data, zipMagic):
		rows, err := readXLSX(data)
		if errors.Is(err, errTooManyRows) {
			return "xlsx", nil, csvReason(err)
		}
		if err != nil {
			return "xlsx", nil, "无法读取 Excel 文件，请另存为 .xlsx 后重试"
		}
		return "xlsx", rows, ""
	case bytes.HasPrefix(data, oleMagic):
		return "", nil, "不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV"
	case bytes.IndexByte(data, 0) >= 0:
		return "", nil, "文件不是 CSV 或 Excel（.xlsx）文件"
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || !utf8.Valid(dec) {
			return "", nil, "文件不是 CSV 或 Excel（.xlsx）文件"
		}
		data = dec
	}
	rows, err := readCSV(data)
	if err != nil {
		return "csv", nil, "CSV 文件格式有误：" + csvReason(err)
	}
	return "csv", rows, ""
}

func readCSV(data []byte) ([][]string, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var rows [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, err
		}
		if len(rows) > maxImportRows {
			return nil, errTooManyRows
		}
		rows = append(rows, rec)
	}
}

var errTooManyRows = fmt.Errorf("more than %d rows", maxImportRows)

// csvReason explains a CSV parse error in Chinese.
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.Is(err, errTooManyRows) {
		return fmt.Sprintf("超过 %d 行，请分批导入", maxImportRows)
	}
	if errors.As(err, &pe) {
		return fmt.Sprintf("第 %d 行引号不配对", pe.StartLine)
	}
	return "无法解析"
}

// readXLSX reads the first sheet with raw cell values, so dates arrive as
// serial numbers whatever their display format.
func readXLSX(data []byte) ([][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, errors.New("no sheet")
	}
	rows, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, err
	}
	if len(rows) > maxImportRows+1 {
		return nil, errTooManyRows
	}
	return rows, nil
}

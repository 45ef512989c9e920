package org

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// The files a division source holds (see data/README.md).
const (
	fileAreas    = "nanjing_areas.csv"
	fileStreets  = "nanjing_streets.csv"
	fileVillages = "nanjing_villages.csv"
)

// The licence and the README travel with the data inside the binary.
//
//go:embed data/nanjing_areas.csv data/nanjing_streets.csv data/nanjing_villages.csv data/LICENSE data/README.md
var embedded embed.FS

// Source is where division lists are read from: a folder holding
// nanjing_areas.csv, nanjing_streets.csv and nanjing_villages.csv.
type Source struct {
	FS fs.FS
	// Label names the source in the audit log and in error messages.
	Label string
}

// EmbeddedSource returns the division lists built into the binary.
func EmbeddedSource() Source {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(fmt.Sprintf("org: embedded data: %v", err)) // cannot happen: the path is a constant
	}
	return Source{FS: sub, Label: "内置区划数据"}
}

// DirSource returns the division lists in a folder, for
// "shanzhi import divisions --from DIR".
func DirSource(dir string) Source { return Source{FS: os.DirFS(dir), Label: "区划文件夹 " + dir} }

// csvRow is one data row of a division file, by column name.
type csvRow struct {
	line int
	cols map[string]string
}

// readCSV reads a division file, checks that it has the named columns and
// returns the rows keep accepts.
func readCSV(src Source, name string, need []string, keep func(csvRow) bool) ([]csvRow, error) {
	f, err := src.FS.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, apperr.Invalid("from", fmt.Sprintf("%s 中缺少文件 %s", src.Label, name))
		}
		return nil, fmt.Errorf("org: read %s: %w", name, err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, badFile(src, name, 1, "无法读取表头")
	}
	index := map[string]int{}
	for i, h := range header {
		index[h] = i
	}
	for _, col := range need {
		if _, ok := index[col]; !ok {
			return nil, badFile(src, name, 1, "缺少列 "+col)
		}
	}
	return readRows(src, name, r, index, keep)
}

// readRows reads the data rows after the header.
func readRows(src Source, name string, r *csv.Reader, index map[string]int, keep func(csvRow) bool) ([]csvRow, error) {
	var out []csvRow
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, badFile(src, name, line, "格式错误")
		}
		row := csvRow{line: line, cols: make(map[string]string, len(index))}
		for col, i := range index {
			row.cols[col] = rec[i]
		}
		if keep(row) {
			out = append(out, row)
		}
	}
}

// badFile reports a malformed division file.
func badFile(src Source, name string, line int, what string) error {
	return apperr.Invalid("from", fmt.Sprintf("%s 的文件 %s 第%d行：%s", src.Label, name, line, what))
}

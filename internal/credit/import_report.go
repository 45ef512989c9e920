package credit

import (
	"fmt"
	"strings"
)

// maxProblems bounds the problems one report lists; the count is exact.
const maxProblems = 500

// Problem is one bad cell or row of an import file.
type Problem struct {
	// Row is the 1-based row in the file (the header is row 1); 0 for the
	// file as a whole.
	Row int `json:"row"`
	// Column is the column header, "" for the whole row or file.
	Column string `json:"column,omitempty"`
	Reason string `json:"reason"`
}

// String renders a problem as 第 N 行「列」：原因.
func (p Problem) String() string {
	var b strings.Builder
	if p.Row > 0 {
		fmt.Fprintf(&b, "第 %d 行", p.Row)
	}
	if p.Column != "" {
		b.WriteString("「" + p.Column + "」")
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(p.Reason)
	return b.String()
}

// ImportReport tells what an import did or why it did nothing.
type ImportReport struct {
	// Format is "csv" or "xlsx" ("" when the file could not be read).
	Format     string    `json:"format"`
	Department string    `json:"department"`
	Rows       int       `json:"rows"`
	Added      int       `json:"added"`
	Problems   []Problem `json:"problems"`
	// ProblemCount counts every problem, also those not listed.
	ProblemCount int `json:"problem_count"`
}

// add records a problem.
func (r *ImportReport) add(row int, column, reason string) {
	r.ProblemCount++
	if len(r.Problems) < maxProblems {
		r.Problems = append(r.Problems, Problem{Row: row, Column: column, Reason: reason})
	}
}

// OK reports whether the file had no problem.
func (r *ImportReport) OK() bool { return r.ProblemCount == 0 }

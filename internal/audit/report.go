package audit

import (
	"bufio"
	"fmt"
	"io"
)

// WriteReport prints a Verify report for people, in Chinese and English:
// a summary, then one line per break. The caller decides the exit status
// from r.OK.
func WriteReport(w io.Writer, r Report) error {
	b := bufio.NewWriter(w)
	fmt.Fprintln(b, "审计日志校验 / Audit log verification")
	fmt.Fprintf(b, "已检查记录 / Records checked: %d\n", r.Checked)
	fmt.Fprintf(b, "链头 / Head: seq %d, hash %s\n", r.HeadSeq, r.HeadHash)
	if r.OK {
		fmt.Fprintln(b, "结果 / Result: 链条完整，未发现问题 / chain intact, no problems found")
		return b.Flush()
	}
	fmt.Fprintf(b, "结果 / Result: 发现 %d 处问题 / %d problems found\n", r.Broken, r.Broken)
	for _, p := range r.Problems {
		fmt.Fprintf(b, "  seq %d [%s] %s / %s\n", p.Seq, p.Kind, p.ZH, p.EN)
	}
	if rest := r.Broken - int64(len(r.Problems)); rest > 0 {
		fmt.Fprintf(b, "  另有 %d 处问题未列出 / %d more problems not listed\n", rest, rest)
	}
	return b.Flush()
}

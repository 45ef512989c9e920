package audit

import "fmt"

// Kind classifies a break in the chain.
type Kind string

// The kinds of break Verify finds.
const (
	// KindEdited: a record's hash does not match its content.
	KindEdited Kind = "edited"
	// KindBrokenLink: a record's prev_hash is not the previous record's hash.
	KindBrokenLink Kind = "broken_link"
	// KindMissing: one or more seqs are absent (records deleted).
	KindMissing Kind = "missing"
	// KindHead: the chain head does not match the last record.
	KindHead Kind = "head_mismatch"
)

// Problem is one break in the chain.
type Problem struct {
	// Seq is the record concerned: the edited or badly linked record, the
	// first missing seq, or the record the head names.
	Seq  int64
	Kind Kind
	// ZH and EN describe the break for people.
	ZH string
	EN string
}

// MaxListed caps the problems a Report lists one by one; past it they are
// still counted. A wholesale rewrite would otherwise fill memory with
// millions of identical lines.
const MaxListed = 10_000

// Report is the outcome of Verify.
type Report struct {
	// OK is true when no break was found.
	OK bool
	// Checked counts the records examined.
	Checked int64
	// HeadSeq and HeadHash are the chain head as Verify found it.
	HeadSeq  int64
	HeadHash string
	// Problems lists the breaks in seq order, up to MaxListed.
	Problems []Problem
	// Broken counts every break, listed or not.
	Broken int64
}

// add records a break.
func (r *Report) add(p Problem) {
	r.Broken++
	if len(r.Problems) < MaxListed {
		r.Problems = append(r.Problems, p)
	}
}

func edited(seq int64) Problem {
	return Problem{Seq: seq, Kind: KindEdited,
		ZH: fmt.Sprintf("第 %d 条记录的内容与其哈希不符（记录被篡改）", seq),
		EN: fmt.Sprintf("record %d does not match its hash (record edited)", seq)}
}

func brokenLink(seq int64) Problem {
	return Problem{Seq: seq, Kind: KindBrokenLink,
		ZH: fmt.Sprintf("第 %d 条记录的前序哈希与第 %d 条记录的哈希不符（链条断裂）", seq, seq-1),
		EN: fmt.Sprintf("record %d's prev_hash is not record %d's hash (chain broken)", seq, seq-1)}
}

func missing(from, to int64) Problem {
	if from == to {
		return Problem{Seq: from, Kind: KindMissing,
			ZH: fmt.Sprintf("第 %d 条记录缺失（记录被删除）", from),
			EN: fmt.Sprintf("record %d is missing (record deleted)", from)}
	}
	return Problem{Seq: from, Kind: KindMissing,
		ZH: fmt.Sprintf("第 %d 至 %d 条记录缺失（共 %d 条，记录被删除）", from, to, to-from+1),
		EN: fmt.Sprintf("records %d to %d are missing (%d records deleted)", from, to, to-from+1)}
}

func headGone(headSeq, lastSeq int64) Problem {
	return Problem{Seq: headSeq, Kind: KindHead,
		ZH: fmt.Sprintf("链头指向第 %d 条记录，但该记录不存在，记录只到第 %d 条（末尾记录被删除）", headSeq, lastSeq),
		EN: fmt.Sprintf("the head names record %d, which does not exist; records end at %d (tail deleted)", headSeq, lastSeq)}
}

func headHashDiffers(seq int64) Problem {
	if seq == 0 {
		return Problem{Seq: 0, Kind: KindHead,
			ZH: "链头显示日志为空，但其哈希不是 64 个 0",
			EN: "the head says the log is empty but its hash is not 64 zeros"}
	}
	return Problem{Seq: seq, Kind: KindHead,
		ZH: fmt.Sprintf("链头记录的哈希与第 %d 条记录的哈希不符", seq),
		EN: fmt.Sprintf("the head's hash is not record %d's hash", seq)}
}

func headBehind(headSeq, lastSeq int64) Problem {
	return Problem{Seq: lastSeq, Kind: KindHead,
		ZH: fmt.Sprintf("链头停在第 %d 条，但存在第 %d 条记录（链头外有记录）", headSeq, lastSeq),
		EN: fmt.Sprintf("the head stops at record %d but record %d exists (records beyond the head)", headSeq, lastSeq)}
}

func headMissing() Problem {
	return Problem{Seq: 0, Kind: KindHead,
		ZH: "链头记录不存在（audit_head 被删除）",
		EN: "the chain head row is missing (audit_head deleted)"}
}

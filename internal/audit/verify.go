package audit

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// pageSize is how many records Verify reads per query: memory stays flat
// however long the chain, and no read holds a snapshot for the whole walk.
const pageSize = 1000

// Verify walks the whole chain in seq order and reports every break it
// finds. It runs on the read pool and may run while appends go on: records
// appended during the walk are checked too, and the head is compared with
// the records as they stood when the walk began.
func Verify(ctx context.Context, d *db.DB) (Report, error) {
	h, hasHead, err := readHead(ctx, d)
	if err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	w := &walker{head: h, hasHead: hasHead, prevHash: ZeroHash}
	w.report.HeadSeq, w.report.HeadHash = h.Seq, h.Hash
	if !hasHead {
		w.report.add(headMissing())
	}
	for more := true; more; {
		if more, err = w.page(ctx, d); err != nil {
			return Report{}, fmt.Errorf("audit: verify: %w", err)
		}
	}
	if err := w.finish(ctx, d); err != nil {
		return Report{}, fmt.Errorf("audit: verify: %w", err)
	}
	w.report.OK = w.report.Broken == 0
	return w.report, nil
}

// walker carries the walk's state from record to record.
type walker struct {
	report   Report
	head     head
	hasHead  bool
	sawHead  bool
	prevSeq  int64
	prevHash string
}

// page checks the next page of records and says whether more may follow.
func (w *walker) page(ctx context.Context, d *db.DB) (bool, error) {
	rows, err := d.Query(ctx, `SELECT `+recordColumns+` FROM audit_log
		WHERE seq > ? ORDER BY seq LIMIT ?`, w.prevSeq, pageSize)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return false, err
		}
		w.visit(&r)
		n++
	}
	return n == pageSize, rows.Err()
}

// visit checks one record against its predecessor and its own hash.
func (w *walker) visit(r *Record) {
	w.report.Checked++
	if r.Seq > w.prevSeq+1 {
		// After a gap the predecessor is unknown: the gap is the break.
		w.report.add(missing(w.prevSeq+1, r.Seq-1))
	} else if r.PrevHash != w.prevHash {
		w.report.add(brokenLink(r.Seq))
	}
	if r.computeHash() != r.Hash {
		w.report.add(edited(r.Seq))
	}
	if w.hasHead && r.Seq == w.head.Seq {
		w.sawHead = true
		if r.Hash != w.head.Hash {
			w.report.add(headHashDiffers(r.Seq))
		}
	}
	w.prevSeq, w.prevHash = r.Seq, r.Hash
}

// finish compares the head with the end of the chain: the record it names
// must exist, and no record may lie beyond it.
func (w *walker) finish(ctx context.Context, d *db.DB) error {
	if !w.hasHead {
		return nil
	}
	switch {
	case w.head.Seq == 0 && w.head.Hash != ZeroHash:
		w.report.add(headHashDiffers(0))
	case w.head.Seq > 0 && !w.sawHead:
		w.report.add(headGone(w.head.Seq, w.prevSeq))
	}
	if w.prevSeq <= w.head.Seq {
		return nil
	}
	// Records past the head seen at the start may be appends made during
	// the walk; each moved the head in its own commit, so a head read now
	// must reach the last record seen.
	now, ok, err := readHead(ctx, d)
	if err != nil {
		return err
	}
	if ok && w.prevSeq > now.Seq {
		w.report.add(headBehind(now.Seq, w.prevSeq))
	}
	return nil
}

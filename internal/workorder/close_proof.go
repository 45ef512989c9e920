package workorder

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// ProofRule says what closing orders of a category with some outcomes must
// carry. Rules add up: every rule that applies to a closure is required.
type ProofRule struct {
	// Category is a category or group code (its leaves included); "" for
	// every category.
	Category string `json:"category"`
	// Outcomes the rule applies to; empty for every outcome a unit sets
	// (fixed, not_fixed, not_ours).
	Outcomes []Outcome `json:"outcomes,omitempty"`
	// AfterPhoto requires a photo taken after handling (stage after or
	// proof) since the order last went into handling.
	AfterPhoto bool `json:"after_photo,omitempty"`
	// Note requires the closure's explanation.
	Note bool `json:"note,omitempty"`
}

// DefaultProofRules: every closure says what was done (the requester reads
// it); repairs and lifts need a photo of the result. Besides the rules, a
// category that asks for 核查 needs an after photo for the checker when
// the unit reports it fixed.
var DefaultProofRules = []ProofRule{
	{Note: true},
	{Category: "WY-02", Outcomes: []Outcome{OutcomeFixed}, AfterPhoto: true},
	{Category: "WY-03", Outcomes: []Outcome{OutcomeFixed}, AfterPhoto: true},
}

// unitOutcomes are the outcomes the handling unit sets.
var unitOutcomes = []Outcome{OutcomeFixed, OutcomeNotFixed, OutcomeNotOurs}

// Proof is what a closure must carry.
type Proof struct {
	AfterPhoto bool `json:"after_photo"`
	Note       bool `json:"note"`
}

// proofFor returns what closing an order of category code (in tree t) with
// outcome needs.
func (s *Service) proofFor(t *Tree, code string, outcome Outcome) Proof {
	var p Proof
	lineage := ancestry(t, code)
	for _, r := range s.rules().Proof {
		if r.Category != "" && !slices.Contains(lineage, r.Category) {
			continue
		}
		if len(r.Outcomes) > 0 && !slices.Contains(r.Outcomes, outcome) {
			continue
		}
		if len(r.Outcomes) == 0 && !slices.Contains(unitOutcomes, outcome) {
			continue
		}
		p.AfterPhoto, p.Note = p.AfterPhoto || r.AfterPhoto, p.Note || r.Note
	}
	if c, ok := t.Effective(code); ok && c.Verify && outcome == OutcomeFixed {
		p.AfterPhoto = true
	}
	return p
}

// ancestry lists a category's code and its ancestors' codes.
func ancestry(t *Tree, code string) []string {
	var out []string
	for c, ok := t.Find(code); ok && len(out) <= len(t.Categories); c, ok = t.Find(c.Parent) {
		out = append(out, c.Code)
		if c.Parent == "" {
			break
		}
	}
	return out
}

// checkProof adds the missing proof of a closure to v: the note given,
// the after photos sent with it (sent) and those already on the order
// since it last went into handling.
func (s *Service) checkProof(ctx context.Context, tx *db.Tx, v *violations, o Order, outcome Outcome, note string, sent int) error {
	t, err := s.TreeVersion(ctx, o.District, o.CategoryVersion)
	if err != nil {
		return err
	}
	p := s.proofFor(t, o.CategoryCode, outcome)
	if p.Note && note == "" {
		v.add("note", ReasonRequired, "请填写办理情况说明（诉求人可以看到）")
	}
	if !p.AfterPhoto || sent > 0 {
		return nil
	}
	n, err := afterPhotosSince(ctx, tx, o.ID)
	if err != nil {
		return err
	}
	if n == 0 {
		v.add("photos", ReasonRequired, "该类诉求办结须上传处理后的现场照片")
	}
	return nil
}

// afterPhotosSince counts the after and proof photos added since the order
// last went into handling (its latest reopening, or its filing).
func afterPhotosSince(ctx context.Context, tx *db.Tx, orderID int64) (int, error) {
	since, err := lastEventAt(ctx, tx, orderID, EventReopened)
	if err != nil {
		return 0, err
	}
	var n int
	err = tx.QueryRow(ctx, `SELECT COUNT(*) FROM workorder_photos WHERE order_id = ? AND stage IN (?, ?)
		AND added_at >= ?`, orderID, StageAfter, StageProof, since).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("workorder: after photos: %w", err)
	}
	return n, nil
}

// lastEvent reads the latest event of a kind on an order; found is false
// when there is none.
func lastEvent(ctx context.Context, q querier, orderID int64, kind EventKind) (Event, bool, error) {
	rows, err := q.Query(ctx, `SELECT seq, actor_kind, actor_id, outcome, at FROM workorder_events
		WHERE order_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1`, orderID, kind)
	if err != nil {
		return Event{}, false, fmt.Errorf("workorder: last %s: %w", kind, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return Event{}, false, rows.Err()
	}
	e := Event{OrderID: orderID, Kind: kind}
	if err := rows.Scan(&e.Seq, &e.ActorKind, &e.ActorID, &e.Outcome, &e.At); err != nil {
		return Event{}, false, fmt.Errorf("workorder: last %s: %w", kind, err)
	}
	e.At = e.At.UTC()
	return e, true, rows.Err()
}

// lastEventAt is the time of the latest event of a kind, zero when none.
func lastEventAt(ctx context.Context, q querier, orderID int64, kind EventKind) (time.Time, error) {
	e, _, err := lastEvent(ctx, q, orderID, kind)
	return e.At, err
}

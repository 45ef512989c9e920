package audit_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

func TestAppendBuildsAVerifiableChain(t *testing.T) {
	c := clock.NewManual(time.Date(2026, 3, 2, 1, 2, 3, 456789123, time.UTC))
	d := dbtest.Open(t, c)
	ctx := context.Background()
	actor := staff(7, qixia, authz.RoleAdmin, authz.District(qixia))
	const n = 300
	for i := range n {
		c.Advance(1234567 * time.Nanosecond) // sub-microsecond parts must not break hashes
		if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, entry(actor, i)) }); err != nil {
			t.Fatal(err)
		}
	}
	r := verify(t, d)
	if !r.OK || r.Checked != n || r.HeadSeq != n || len(r.Problems) != 0 {
		t.Fatalf("report = %+v, want OK with %d records", r, n)
	}
	got := seqs(t, d)
	for i, s := range got {
		if s != int64(i+1) {
			t.Fatalf("seq %d at position %d: chain not gap-free", s, i)
		}
	}
	page, err := audit.List(ctx, d, actor, audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if last := page.Records[0]; last.Seq != n || last.Hash != r.HeadHash {
		t.Fatalf("head %d/%s does not name the last record %d/%s", r.HeadSeq, r.HeadHash, last.Seq, last.Hash)
	}
}

func TestRecordStoresTheActorAndTheTransactionTime(t *testing.T) {
	at := time.Date(2026, 5, 6, 7, 8, 9, 123456000, time.UTC)
	d := dbtest.Open(t, clock.NewManual(at))
	ctx := context.Background()
	actor := staff(12, qixia, authz.RoleApprover, authz.District(qixia))
	e := audit.Entry{Actor: actor, Action: "approval.application.accept", ObjectType: "application", ObjectID: "42",
		Before: nil, After: map[string]string{"state": "accepted"}}
	if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, e) }); err != nil {
		t.Fatal(err)
	}
	rec := onlyRecord(t, d)
	after, _ := audit.Digest(e.After)
	want := audit.Record{Seq: 1, OccurredAt: at, ActorID: 12, ActorKind: "staff", ActorName: actor.Name,
		District: qixia, SessionID: "sess-12", RequestID: "req-12", Action: e.Action, ObjectType: "application",
		ObjectID: "42", BeforeDigest: "", AfterDigest: after, PrevHash: audit.ZeroHash, Hash: rec.Hash}
	if rec != want {
		t.Fatalf("record =\n%+v\nwant\n%+v", rec, want)
	}
	if want := documentedHash(rec); rec.Hash != want {
		t.Fatalf("hash %s, documented encoding gives %s", rec.Hash, want)
	}
}

func TestRolledBackTransactionLeavesNoRecord(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	actor := staff(1, qixia, authz.RoleAdmin, authz.District(qixia))
	boom := errors.New("change refused later in the transaction")
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if err := audit.Append(ctx, tx, entry(actor, 0)); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the change's error", err)
	}
	if got := seqs(t, d); len(got) != 0 {
		t.Fatalf("rolled-back transaction left records %v", got)
	}
	if r := verify(t, d); !r.OK || r.HeadSeq != 0 || r.HeadHash != audit.ZeroHash {
		t.Fatalf("head moved by a rolled-back append: %+v", r)
	}
	appendN(t, d, actor, 1)
	if got := seqs(t, d); !slices.Equal(got, []int64{1}) {
		t.Fatalf("next append got seqs %v, want [1]", got)
	}
}

func TestConcurrentAppendsFormOneChain(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers+1)
	done := make(chan struct{})
	for w := range workers {
		wg.Go(func() {
			actor := staff(int64(w+1), qixia, authz.RoleAdmin, authz.District(qixia))
			for i := range each {
				if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, entry(actor, i)) }); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	verifier := verifyUntil(ctx, d, done, errs)
	wg.Wait()
	close(done)
	<-verifier
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	r := verify(t, d)
	if !r.OK || r.Checked != workers*each || r.HeadSeq != workers*each {
		t.Fatalf("report = %+v, want OK with %d records", r, workers*each)
	}
	if got := seqs(t, d); len(got) != workers*each || got[len(got)-1] != workers*each {
		t.Fatalf("got %d records ending at %d", len(got), got[len(got)-1])
	}
}

// verifyUntil keeps verifying while appends run: a walk overlapping appends
// must still find the chain intact.
func verifyUntil(ctx context.Context, d *db.DB, done <-chan struct{}, errs chan<- error) <-chan struct{} {
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			r, err := audit.Verify(ctx, d)
			if err != nil || !r.OK {
				errs <- errors.Join(err, errors.New("verify during appends failed"), reportErr(r))
				return
			}
			select {
			case <-done:
				return
			default:
			}
		}
	}()
	return finished
}

func reportErr(r audit.Report) error {
	var errs []error
	for _, p := range r.Problems {
		errs = append(errs, errors.New(p.EN))
	}
	return errors.Join(errs...)
}

func TestAppendRefusesIncompleteEntries(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	good := staff(1, qixia, authz.RoleAdmin, authz.District(qixia))
	noDistrict := staff(2, "", authz.RoleAdmin, authz.District(qixia))
	cases := map[string]audit.Entry{
		"no actor":       {Action: "a.b.c", ObjectType: "thing"},
		"no district":    {Actor: noDistrict, Action: "a.b.c", ObjectType: "thing"},
		"no kind":        {Actor: &authz.Actor{AccountID: 3, District: qixia}, Action: "a.b.c", ObjectType: "thing"},
		"no action":      {Actor: good, ObjectType: "thing"},
		"no object type": {Actor: good, Action: "a.b.c"},
		"undigestible":   {Actor: good, Action: "a.b.c", ObjectType: "thing", After: func() {}},
	}
	for name, e := range cases {
		err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, e) })
		if err == nil {
			t.Errorf("%s: appended", name)
		}
	}
	if got := seqs(t, d); len(got) != 0 {
		t.Fatalf("refused entries left records %v", got)
	}
}

func TestLogRefusesUpdatesAndDeletes(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	appendN(t, d, staff(1, qixia, authz.RoleAdmin, authz.District(qixia)), 3)
	for _, q := range []string{
		`UPDATE audit_log SET action = 'x' WHERE seq = 2`,
		`DELETE FROM audit_log WHERE seq = 3`,
		`DELETE FROM audit_head`,
		`UPDATE audit_head SET last_seq = 2`,
		`UPDATE audit_head SET last_seq = 4, last_hash = 'f' WHERE id = 1`,
	} {
		err := d.InTx(ctx, func(tx *db.Tx) error { _, err := tx.Exec(ctx, q); return err })
		if err == nil {
			t.Errorf("%s: accepted", q)
		}
	}
	if r := verify(t, d); !r.OK || r.Checked != 3 {
		t.Fatalf("report = %+v after refused changes", r)
	}
}

// onlyRecord reads the single stored record.
func onlyRecord(t *testing.T, d *db.DB) audit.Record {
	t.Helper()
	admin := staff(99, qixia, authz.RoleAdmin, authz.District(qixia))
	p, err := audit.List(context.Background(), d, admin, audit.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Records) != 1 {
		t.Fatalf("got %d records, want 1", len(p.Records))
	}
	return p.Records[0]
}

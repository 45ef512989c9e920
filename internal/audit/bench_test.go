package audit_test

import (
	"context"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// BenchmarkAppend measures one append per transaction, each committed
// durably (SQLite synchronous=FULL; PostgreSQL synchronous_commit as set).
func BenchmarkAppend(b *testing.B) { benchmarkAppends(b, 1) }

// BenchmarkAppendBatch measures ten appends per transaction, as a service
// that records several changes in one transaction does.
func BenchmarkAppendBatch(b *testing.B) { benchmarkAppends(b, 10) }

func benchmarkAppends(b *testing.B, perTx int) { benchOn(b, dbtest.Open(b, nil), perTx) }

func benchOn(b *testing.B, d *db.DB, perTx int) {
	ctx := context.Background()
	actor := staff(1, qixia, authz.RoleAdmin, authz.District(qixia))
	n := 0
	start := time.Now()
	for b.Loop() {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			for i := range perTx {
				if err := audit.Append(ctx, tx, entry(actor, n+i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		n += perTx
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "appends/s")
}

// BenchmarkVerify measures walking a chain of 10,000 records.
func BenchmarkVerify(b *testing.B) {
	d := dbtest.Open(b, nil)
	ctx := context.Background()
	actor := staff(1, qixia, authz.RoleAdmin, authz.District(qixia))
	const records = 10_000
	appendBatched(b, d, actor, records)
	start := time.Now()
	runs := 0
	for b.Loop() {
		r, err := audit.Verify(ctx, d)
		if err != nil || !r.OK || r.Checked != records {
			b.Fatalf("verify: %+v, %v", r, err)
		}
		runs++
	}
	b.ReportMetric(float64(runs*records)/time.Since(start).Seconds(), "records/s")
}

// BenchmarkAppendParallel measures one append per transaction from many
// goroutines at once, as several request handlers (or nodes) do: the chain
// head's lock lines them up, so this shows the ceiling that lock sets.
func BenchmarkAppendParallel(b *testing.B) {
	d := dbtest.Open(b, nil)
	ctx := context.Background()
	actor := staff(1, qixia, authz.RoleAdmin, authz.District(qixia))
	b.SetParallelism(4)
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for i := 0; pb.Next(); i++ {
			if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, entry(actor, i)) }); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "appends/s")
}

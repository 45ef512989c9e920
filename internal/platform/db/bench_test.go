package db_test

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// BenchmarkInTxInsert is the baseline write: one small INSERT per
// transaction, committed with the engine's durability settings (SQLite
// synchronous=FULL). Audit and other write benchmarks compare against it.
func BenchmarkInTxInsert(b *testing.B) {
	d := dbtest.Open(b, nil)
	ctx := context.Background()
	if err := d.InTx(ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(ctx, `CREATE TABLE probe (id INTEGER PRIMARY KEY, note TEXT NOT NULL)`)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO probe (id, note) VALUES (?, ?)`, i+1, "x")
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "tx/s")
}

// BenchmarkReadQuery is the baseline read: one trivial query on the read
// pool. Session lookup and other read benchmarks compare against it.
func BenchmarkReadQuery(b *testing.B) {
	d := dbtest.Open(b, nil)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var n int
		if err := d.QueryRow(ctx, `SELECT CAST(? AS INTEGER)`, i).Scan(&n); err != nil {
			b.Fatal(err)
		}
	}
}

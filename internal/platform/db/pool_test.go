package db_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// TestReadsInsideFullTransactionsDoNotDeadlock holds every write connection
// in an open transaction and then reads through the pool from each: the
// reads must still be served (a single shared pool deadlocks here, as the
// approval module's acceptance did under 50 concurrent clients).
func TestReadsInsideFullTransactionsDoNotDeadlock(t *testing.T) {
	d, err := db.Open(context.Background(), dbtest.Setting(t), db.Options{ReadConns: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	n := d.Write.Stats().MaxOpenConnections
	var all, done sync.WaitGroup
	all.Add(n)
	errs := make(chan error, n)
	for range n {
		done.Add(1)
		go func() {
			defer done.Done()
			errs <- d.InTx(ctx, func(tx *db.Tx) error {
				all.Done()
				all.Wait() // every write connection is now held by a transaction
				var one int
				return d.QueryRow(ctx, `SELECT 1`).Scan(&one)
			})
		}()
	}
	done.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("read inside a transaction with the write pool full: %v", err)
		}
	}
}

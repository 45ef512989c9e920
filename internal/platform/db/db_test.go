package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/clock"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

func TestInTxCommitsAndFixesNow(t *testing.T) {
	start := time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)
	c := clock.NewManual(start)
	d := dbtest.Open(t, c)
	ctx := context.Background()
	mustExec(t, d, `CREATE TABLE probe (id INTEGER PRIMARY KEY, at TIMESTAMP NOT NULL, note TEXT)`)
	err := d.InTx(ctx, func(tx *db.Tx) error {
		first := tx.Now()
		c.Advance(time.Hour) // the clock moves; the transaction's now must not
		if !tx.Now().Equal(first) {
			t.Errorf("now moved inside the transaction")
		}
		_, err := tx.Exec(ctx, `INSERT INTO probe (id, at, note) VALUES (?, ?, ?)`, 1, tx.Now(), "a'?b")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var at time.Time
	var note string
	if err := d.QueryRow(ctx, `SELECT at, note FROM probe WHERE id = ?`, 1).Scan(&at, &note); err != nil {
		t.Fatal(err)
	}
	if !at.Equal(start) || note != "a'?b" {
		t.Fatalf("got %v %q, want %v %q", at, note, start, "a'?b")
	}
}

func TestInTxRollsBackOnErrorAndPanic(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	mustExec(t, d, `CREATE TABLE probe (id INTEGER PRIMARY KEY)`)
	boom := errors.New("boom")
	err := d.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO probe (id) VALUES (1)`); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	func() {
		defer func() { _ = recover() }()
		_ = d.InTx(ctx, func(tx *db.Tx) error {
			_, _ = tx.Exec(ctx, `INSERT INTO probe (id) VALUES (2)`)
			panic("half-way")
		})
	}()
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM probe`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d rows survived a rolled-back transaction", n)
	}
}

func TestUniqueViolationIsRecognised(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	mustExec(t, d, `CREATE TABLE probe (code TEXT PRIMARY KEY)`)
	insert := func() error {
		return d.InTx(ctx, func(tx *db.Tx) error {
			_, err := tx.Exec(ctx, `INSERT INTO probe (code) VALUES (?)`, "x")
			return err
		})
	}
	if err := insert(); err != nil {
		t.Fatal(err)
	}
	if err := insert(); !db.IsUniqueViolation(err) {
		t.Fatalf("second insert: %v, want a unique violation", err)
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	d := dbtest.Open(t, nil)
	applied, err := d.Migrate(context.Background(), migrationsForTest())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Fatalf("second migrate applied %v", applied)
	}
}

func TestRebind(t *testing.T) {
	cases := []struct{ in, want string }{
		{`SELECT ? , ?`, `SELECT $1 , $2`},
		{`SELECT '?' , ?`, `SELECT '?' , $1`},
		{`SELECT "a?" FROM t WHERE x = ?`, `SELECT "a?" FROM t WHERE x = $1`},
		{`SELECT 1`, `SELECT 1`},
	}
	for _, c := range cases {
		if got := db.Postgres.Rebind(c.in); got != c.want {
			t.Errorf("Rebind(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := db.SQLite.Rebind(c.in); got != c.in {
			t.Errorf("SQLite Rebind changed %q", c.in)
		}
	}
}

func TestOpenRejectsUnknownSetting(t *testing.T) {
	_, err := db.Open(context.Background(), "mysql://root:secret@x/db", db.Options{})
	if err == nil {
		t.Fatal("want an error")
	}
	if got := err.Error(); strings.Contains(got, "secret") {
		t.Fatalf("error leaks the password: %s", got)
	}
}

func mustExec(t *testing.T, d *db.DB, q string) {
	t.Helper()
	if err := d.InTx(context.Background(), func(tx *db.Tx) error {
		_, err := tx.Exec(context.Background(), q)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

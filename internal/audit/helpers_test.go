package audit_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

const qixia = "320113"

// staff returns a staff actor of district holding role over scope.
func staff(id int64, district string, role authz.Role, scope authz.Scope) *authz.Actor {
	return &authz.Actor{
		AccountID: id, Kind: authz.KindStaff, Name: fmt.Sprintf("王*%d", id), District: district,
		Grants:    []authz.Grant{{Role: role, Scope: scope}},
		SessionID: fmt.Sprintf("sess-%d", id), RequestID: fmt.Sprintf("req-%d", id),
	}
}

// entry returns the i-th sample change made by actor.
func entry(actor *authz.Actor, i int) audit.Entry {
	return audit.Entry{
		Actor: actor, Action: "test.thing.update", ObjectType: "thing", ObjectID: fmt.Sprint(i % 7),
		Before: map[string]any{"n": i}, After: map[string]any{"n": i + 1},
	}
}

// appendN appends n sample records, one transaction each.
func appendN(t testing.TB, d *db.DB, actor *authz.Actor, n int) {
	t.Helper()
	for i := range n {
		if err := d.InTx(context.Background(), func(tx *db.Tx) error {
			return audit.Append(context.Background(), tx, entry(actor, i))
		}); err != nil {
			t.Fatalf("append %d: %v", i, err)
		}
	}
}

// appendBatched appends n sample records, a hundred per transaction.
func appendBatched(t testing.TB, d *db.DB, actor *authz.Actor, n int) {
	t.Helper()
	ctx := context.Background()
	for i := 0; i < n; i += 100 {
		if err := d.InTx(ctx, func(tx *db.Tx) error {
			for j := i; j < min(i+100, n); j++ {
				if err := audit.Append(ctx, tx, entry(actor, j)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatalf("append from %d: %v", i, err)
		}
	}
}

// tamper runs raw SQL as someone with full database access would: first
// switching off the append-only triggers, then changing rows.
func tamper(t *testing.T, d *db.DB, query string, args ...any) {
	t.Helper()
	ctx := context.Background()
	err := d.InTx(ctx, func(tx *db.Tx) error {
		for _, q := range disableGuards(d.Engine) {
			if _, err := tx.Exec(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		_, err := tx.Exec(ctx, query, args...)
		return err
	})
	if err != nil {
		t.Fatalf("tamper: %v", err)
	}
}

func disableGuards(e db.Engine) []string {
	if e == db.Postgres {
		return []string{
			`ALTER TABLE audit_log DISABLE TRIGGER USER`,
			`ALTER TABLE audit_head DISABLE TRIGGER USER`,
		}
	}
	return []string{
		`DROP TRIGGER IF EXISTS audit_log_no_update`,
		`DROP TRIGGER IF EXISTS audit_log_no_delete`,
		`DROP TRIGGER IF EXISTS audit_head_no_delete`,
		`DROP TRIGGER IF EXISTS audit_head_forward`,
	}
}

// verify runs Verify, failing the test on error.
func verify(t *testing.T, d *db.DB) audit.Report {
	t.Helper()
	r, err := audit.Verify(context.Background(), d)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	return r
}

// seqs lists the stored seqs in order.
func seqs(t *testing.T, d *db.DB) []int64 {
	t.Helper()
	rows, err := d.Query(context.Background(), `SELECT seq FROM audit_log ORDER BY seq`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

package audit_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db/dbtest"
)

// resident is a record full of personal data, as a service might pass it.
type resident struct {
	Name     string `json:"name"`
	IDNumber string `json:"id_number"`
	Phone    string `json:"phone"`
	Address  string `json:"address"`
}

func TestPersonalDataNeverReachesTheLog(t *testing.T) {
	d := dbtest.Open(t, nil)
	ctx := context.Background()
	before := resident{Name: "李秀英", IDNumber: "32011319850312004X", Phone: "13912345678", Address: "仙林大道163号"}
	after := before
	after.Phone = "13887654321"
	e := audit.Entry{Actor: staff(3, qixia, authz.RoleFrontDesk, authz.District(qixia)),
		Action: "identity.resident.update", ObjectType: "resident", ObjectID: "1001", Before: before, After: &after}
	if err := d.InTx(ctx, func(tx *db.Tx) error { return audit.Append(ctx, tx, e) }); err != nil {
		t.Fatal(err)
	}
	secrets := []string{before.Name, before.IDNumber, before.Phone, after.Phone, before.Address,
		"320113198503", "0312004X", "12345678"}
	for _, table := range []string{"audit_log", "audit_head"} {
		for _, cell := range allCells(t, d, table) {
			for _, s := range secrets {
				if strings.Contains(strings.ToUpper(cell), strings.ToUpper(s)) {
					t.Errorf("%s holds %q in %q", table, s, cell)
				}
			}
		}
	}
	rec := onlyRecord(t, d)
	wantBefore, _ := audit.Digest(before)
	wantAfter, _ := audit.Digest(after)
	if rec.BeforeDigest != wantBefore || rec.AfterDigest != wantAfter || len(wantBefore) != 64 {
		t.Fatalf("digests %s / %s, want %s / %s", rec.BeforeDigest, rec.AfterDigest, wantBefore, wantAfter)
	}
}

// allCells renders every value of every row of a table as text.
func allCells(t *testing.T, d *db.DB, table string) []string {
	t.Helper()
	rows, err := d.Query(context.Background(), `SELECT * FROM `+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			out = append(out, fmt.Sprint(v))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s is empty", table)
	}
	return out
}

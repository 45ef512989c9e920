package supervision

import (
	"slices"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// staffAccount stores a staff account with one grant, as identity does.
func (f *fixture) staffAccount(t *testing.T, id int64, status, role, kind, code string) {
	t.Helper()
	err := f.d.InTx(f.ctx, func(tx *db.Tx) error {
		var lockedUntil any
		if status == "locked" {
			lockedUntil = tx.Now().Add(time.Hour)
		}
		_, err := tx.Exec(f.ctx, `INSERT INTO accounts (id, district, kind, display_name, status, username, password_hash,
			locked_until, created_at, updated_at) VALUES (?, ?, 'staff', '测试', ?, ?, 'x', ?, ?, ?)`,
			id, district, status, "u"+itoa(id), lockedUntil, tx.Now(), tx.Now())
		if err != nil {
			return err
		}
		_, err = tx.Exec(f.ctx, `INSERT INTO account_grants (account_id, role, scope_kind, scope_code, granted_by, created_at)
			VALUES (?, ?, ?, ?, 0, ?)`, id, role, kind, code, tx.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGrantStaffNamesInspectorsAndApprovers(t *testing.T) {
	f := newFixture(t)
	xl, lt := f.streets["仙林街道"], f.streets["龙潭街道"]
	f.staffAccount(t, 1, "active", "inspector", "street", xl)
	f.staffAccount(t, 2, "locked", "inspector", "street", xl) // locked now, still on the team
	f.staffAccount(t, 3, "disabled", "inspector", "street", xl)
	f.staffAccount(t, 4, "active", "inspector", "district", district)
	f.staffAccount(t, 5, "active", "approver", "department", "320113D23")
	f.staffAccount(t, 6, "active", "front_desk", "street", xl)
	g := GrantStaff{DB: f.d}
	tests := []struct {
		name string
		got  func() ([]int64, error)
		want []int64
	}{
		{"a street's inspectors", func() ([]int64, error) { return g.InspectorsOf(f.ctx, xl) }, []int64{1, 2}},
		{"a street without: the district's", func() ([]int64, error) { return g.InspectorsOf(f.ctx, lt) }, []int64{4}},
		{"a department's approvers", func() ([]int64, error) { return g.ApproversOf(f.ctx, "320113D23") }, []int64{5}},
		{"a department without", func() ([]int64, error) { return g.ApproversOf(f.ctx, "320113D01") }, nil},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

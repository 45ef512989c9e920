package workorder

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// staffAccount stores a staff account with one grant, as identity does.
func (r *clockRig) staffAccount(t *testing.T, id int64, status, role, kind, code string) {
	t.Helper()
	err := r.d.InTx(r.ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(r.ctx, `INSERT INTO accounts (id, district, kind, display_name, status, username, password_hash,
			created_at, updated_at) VALUES (?, ?, 'staff', '测试', ?, ?, 'x', ?, ?)`,
			id, district, status, "u"+strconv.FormatInt(id, 10), tx.Now(), tx.Now())
		if err != nil {
			return err
		}
		_, err = tx.Exec(r.ctx, `INSERT INTO account_grants (account_id, role, scope_kind, scope_code, granted_by, created_at)
			VALUES (?, ?, ?, ?, 0, ?)`, id, role, kind, code, tx.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestGrantClockStaffNamesHandlersAndSupervisors(t *testing.T) {
	r := newClockRig(t)
	xl, yh := r.streets["仙林街道"], r.streets["尧化街道"]
	xh := r.communities["仙鹤社区"].Code
	grid := xh + "001"
	r.staffAccount(t, 1, "active", "grid_worker", "community", xh)
	r.staffAccount(t, 2, "disabled", "grid_worker", "community", xh)
	r.staffAccount(t, 3, "active", "property_staff", "street", xl)
	r.staffAccount(t, 4, "active", "inspector", "street", xl)
	r.staffAccount(t, 5, "active", "front_desk", "street", xl)
	r.staffAccount(t, 6, "active", "approver", "department", "320113D05")
	r.staffAccount(t, 7, "active", "leader", "street", xl)
	r.staffAccount(t, 8, "active", "leader", "district", district)
	r.staffAccount(t, 9, "active", "leader", "department", "320113D05")
	g := GrantClockStaff{DB: r.d}
	tests := []struct {
		name string
		got  func() ([]int64, error)
		want []int64
	}{
		{"a community's workers", func() ([]int64, error) { return g.UnitStaff(r.ctx, "community", xh, "") }, []int64{1}},
		{"a grid without its own: its community's", func() ([]int64, error) { return g.UnitStaff(r.ctx, "grid", grid, "") }, []int64{1}},
		{"a property company: the street's property staff", func() ([]int64, error) { return g.UnitStaff(r.ctx, "property", xh, "") }, []int64{3}},
		{"a street's whole unit", func() ([]int64, error) { return g.UnitStaff(r.ctx, "street", xl, "") }, []int64{4, 5}},
		{"a street's enforcement team", func() ([]int64, error) { return g.UnitStaff(r.ctx, "street", xl, "enforcement") }, []int64{4}},
		{"a department", func() ([]int64, error) { return g.UnitStaff(r.ctx, "department", "320113D05", "") }, []int64{6}},
		{"a department without staff", func() ([]int64, error) { return g.UnitStaff(r.ctx, "department", "320113D01", "") }, nil},
		{"a department's leader", func() ([]int64, error) { return g.Supervisors(r.ctx, district, xl, "320113D05") }, []int64{9}},
		{"the street's leader", func() ([]int64, error) { return g.Supervisors(r.ctx, district, xl, xh) }, []int64{7}},
		{"a street without: the district's", func() ([]int64, error) { return g.Supervisors(r.ctx, district, yh, "") }, []int64{8}},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
}

func TestClockWorkerSnoozesUntilItsMoment(t *testing.T) {
	r := newClockRig(t)
	o := r.fileOrder(t, UrgencyNormal)
	resp, _ := r.clocks(t, o)
	w := &ClockWorker{c: r.c}
	job := &jobs.Job[ClockArgs]{JobRow: &rivertype.JobRow{}, Args: r.jobsOf(t, resp, StepWarn)[0].args}
	err := w.Work(r.ctx, job)
	var snooze *river.JobSnoozeError
	if !errors.As(err, &snooze) || snooze.Duration != 90*time.Minute {
		t.Fatalf("early work: %v", err)
	}
	r.clock.Advance(90 * time.Minute)
	if err := w.Work(r.ctx, job); err != nil {
		t.Fatal(err)
	}
	// No unit yet: the warning is recorded, nobody is told.
	if kinds := r.kinds(t, o); kinds[len(kinds)-1] != EventWarned || len(r.sent.sent) != 0 {
		t.Errorf("after the warning: %v, %v", kinds, r.sent.sent)
	}
}

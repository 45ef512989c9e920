package workorder

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// clockRig is a rig with clocks: notices are kept by account, the unit
// staff and supervisors are fixed lists.
type clockRig struct {
	*rig
	c     *Clocks
	sent  *notices
	staff *fakeClockStaff
}

// notices records what each account was told.
type notices struct {
	mu   sync.Mutex
	sent map[int64][]string
}

func (n *notices) notify(_ context.Context, _ *db.Tx, id int64, text string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent[id] = append(n.sent[id], text)
	return nil
}

// count is how many notices id got that contain want.
func (n *notices) count(id int64, want string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	k := 0
	for _, s := range n.sent[id] {
		if strings.Contains(s, want) {
			k++
		}
	}
	return k
}

// fakeClockStaff names the handlers of each unit code and the supervisors.
type fakeClockStaff struct {
	units       map[string][]int64
	supervisors []int64
}

func (f *fakeClockStaff) UnitStaff(_ context.Context, _, code, _ string) ([]int64, error) {
	return f.units[code], nil
}

func (f *fakeClockStaff) Supervisors(context.Context, string, string, string) ([]int64, error) {
	return f.supervisors, nil
}

// The people of the clock tests: a grid worker (31) and a front desk
// worker (32) of 仙鹤社区, the street's leader (41).
const (
	handlerID    = 31
	deskID       = 32
	supervisorID = 41
)

func newClockRig(t *testing.T) *clockRig {
	t.Helper()
	r := newRig(t)
	q, err := jobs.New(r.d, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cr := &clockRig{rig: r, sent: &notices{sent: map[int64][]string{}}}
	xh := r.communities["仙鹤社区"].Code
	cr.staff = &fakeClockStaff{units: map[string][]int64{xh: {handlerID, deskID}}, supervisors: []int64{supervisorID}}
	cr.c, err = NewClocks(r.s, ClockDeps{Jobs: q, Calendar: calendar.Default(), Notify: cr.sent.notify, Staff: cr.staff})
	if err != nil {
		t.Fatal(err)
	}
	return cr
}

// handler is the grid worker of 仙鹤社区; leader leads 仙林街道.
func (r *clockRig) handler() *authz.Actor {
	return staff(handlerID, authz.RoleGridWorker, communityScope(r.communities["仙鹤社区"].Code))
}

func (r *clockRig) leader() *authz.Actor {
	return staff(supervisorID, authz.RoleLeader, streetScope(r.streets["仙林街道"]))
}

// fileOrder files a 停车管理 request (2 hours / 48 hours) in 仙鹤社区.
func (r *clockRig) fileOrder(t *testing.T, urgency Urgency) Order {
	t.Helper()
	in := r.parkingRequest("仙鹤社区")
	in.Urgency = urgency
	f, err := r.s.File(r.ctx, resident(7), in)
	if err != nil {
		t.Fatal(err)
	}
	return f.Order
}

// change records an event on the order as actor, as the other parts do.
func (r *clockRig) change(t *testing.T, o *Order, actor *authz.Actor, ch Change) {
	t.Helper()
	err := r.d.InTx(r.ctx, func(tx *db.Tx) error {
		cur, err := clockLockOrder(r.ctx, tx, o.ID)
		if err != nil {
			return err
		}
		_, err = r.s.record(r.ctx, tx, actor, &cur, ch)
		*o = cur
		return err
	})
	if err != nil {
		t.Fatalf("%s: %v", ch.Kind, err)
	}
}

// assign gives the order to 仙鹤社区 as the dispatch part does (the whole
// unit, no named worker) and lets the handler accept it.
func (r *clockRig) assignAndAccept(t *testing.T, o *Order) {
	t.Helper()
	xh := r.communities["仙鹤社区"].Code
	err := r.d.InTx(r.ctx, func(tx *db.Tx) error {
		_, err := tx.Exec(r.ctx, `INSERT INTO workorder_assignments (order_id, role, mode, unit_kind, unit_code, state,
			assigned_at, assigned_by) VALUES (?, 'lead', 'direct', 'community', ?, 'accepted', ?, 0)`, o.ID, xh, tx.Now())
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	r.change(t, o, nil, Change{Kind: EventDispatched, Unit: "community:" + xh})
	r.change(t, o, r.handler(), Change{Kind: EventAccepted, Unit: "community:" + xh})
}

// acceptedOrder files an order (fileOrder, normal urgency) and has
// 仙鹤社区 accept it.
func (r *clockRig) acceptedOrder(t *testing.T) Order {
	t.Helper()
	o := r.fileOrder(t, UrgencyNormal)
	r.assignAndAccept(t, &o)
	return o
}

// clocks reads the order's clocks: response, resolution.
func (r *clockRig) clocks(t *testing.T, o Order) (Clock, Clock) {
	t.Helper()
	cs, err := clocksOf(r.ctx, r.d, o.ID, "")
	if err != nil || len(cs) != 2 {
		t.Fatalf("clocks %+v, %v", cs, err)
	}
	return cs[0], cs[1]
}

// clockJob is a stored timer job.
type clockJob struct {
	args ClockArgs
	at   time.Time
}

// jobsOf lists the order's clock jobs of a step, in insertion order.
func (r *clockRig) jobsOf(t *testing.T, cl Clock, step string) []clockJob {
	t.Helper()
	col := "args"
	if r.d.Engine == db.SQLite {
		col = "json(args)" // River keeps SQLite's args as JSONB
	}
	rows, err := r.d.Query(r.ctx, `SELECT `+col+`, scheduled_at FROM river_job WHERE kind = ? ORDER BY id`,
		ClockArgs{}.Kind())
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []clockJob
	for rows.Next() {
		var args []byte
		var j clockJob
		if err := rows.Scan(&args, &j.at); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(args, &j.args); err != nil {
			t.Fatal(err)
		}
		if j.args.ClockID == cl.ID && j.args.Step == step {
			j.at = j.at.UTC()
			out = append(out, j)
		}
	}
	return out
}

// tick runs the latest job of a step of the clock as River would.
func (r *clockRig) tick(t *testing.T, cl Clock, step string) time.Duration {
	t.Helper()
	js := r.jobsOf(t, cl, step)
	if len(js) == 0 {
		t.Fatalf("no %s job for clock %d", step, cl.ID)
	}
	wait, err := r.c.Tick(r.ctx, js[len(js)-1].args)
	if err != nil {
		t.Fatal(err)
	}
	return wait
}

// cst is a China wall-clock moment.
func cst(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, chinaZone).UTC()
}

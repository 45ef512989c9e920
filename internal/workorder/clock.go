package workorder

import (
	"context"
	"errors"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// ClockKind names one of an order's two clocks.
type ClockKind string

// The clocks: the first response (a handler's first action on the order)
// and the resolution (办结).
const (
	ClockResponse   ClockKind = "response"
	ClockResolution ClockKind = "resolution"
)

var clockKindNames = map[ClockKind]string{ClockResponse: "首次响应", ClockResolution: "办结"}

// Name is the clock's Chinese name.
func (k ClockKind) Name() string { return nameOr(clockKindNames, k) }

// ClockState is where a clock stands.
type ClockState string

// The clock states. A lapsed clock may still be counting (overdue and
// open) or stopped late; LapsedAt says when it lapsed, StoppedAt whether
// it stopped.
const (
	ClockRunning   ClockState = "running"
	ClockPaused    ClockState = "paused"    // 挂账, 核查
	ClockMet       ClockState = "met"       // stopped in time
	ClockLapsed    ClockState = "lapsed"    // past its deadline
	ClockCancelled ClockState = "cancelled" // the order ended otherwise (撤销, 转交, 并单)
)

var clockStateNames = map[ClockState]string{ClockRunning: "计时中", ClockPaused: "暂停计时", ClockMet: "按时完成",
	ClockLapsed: "已超时", ClockCancelled: "已终止"}

// Name is the state's Chinese name.
func (s ClockState) Name() string { return nameOr(clockStateNames, s) }

// Clock is one clock of an order, as stored.
type Clock struct {
	ID        int64      `json:"-"`
	OrderID   int64      `json:"-"`
	Kind      ClockKind  `json:"kind"`
	Limit     Limit      `json:"limit"`
	State     ClockState `json:"state"`
	StartedAt time.Time  `json:"started_at"`
	WarnAt    time.Time  `json:"warn_at"`
	DueAt     time.Time  `json:"due_at"`
	// PausedAt is set while the clock is paused; Paused and Extended are
	// the counted time of past pauses and of granted extensions, in the
	// clock's measure (wall-clock, or time on working days).
	PausedAt    *time.Time    `json:"paused_at,omitempty"`
	Paused      time.Duration `json:"-"`
	Extended    time.Duration `json:"-"`
	StoppedAt   *time.Time    `json:"stopped_at,omitempty"`
	LapsedAt    *time.Time    `json:"lapsed_at,omitempty"`
	WarnedAt    *time.Time    `json:"warned_at,omitempty"`
	EscalatedAt *time.Time    `json:"escalated_at,omitempty"`
	// Reminders counts the 催办 sent after the lapse.
	Reminders int   `json:"reminders"`
	Epoch     int64 `json:"-"`
}

// live reports whether the clock still counts or may count again after a
// pause: it has not stopped.
func (c Clock) live() bool {
	return c.StoppedAt == nil && c.State != ClockCancelled && c.State != ClockMet
}

// ClockPolicy tunes warnings and reminders.
type ClockPolicy struct {
	// WarnShare is the share of the limit after which the early warning
	// (临期预警) goes out.
	WarnShare float64
	// WarnLead, when set, sends the warning this long before the deadline
	// (in the clock's measure) instead.
	WarnLead time.Duration
	// UrgeEvery is the time between reminders (催办) once a clock lapsed;
	// the first goes out at the lapse, with the escalation.
	UrgeEvery time.Duration
	// MaxUrges bounds the reminders of one lapse.
	MaxUrges int
	// ReviewHour is the China hour on a parked order's review date at which
	// the review reminder goes out.
	ReviewHour int
	// Hours is the counted part of a working day for limits in working
	// days; zero counts the whole day, so the limit ends at 24:00.
	Hours calendar.OfficeHours
}

// DefaultClockPolicy warns at three quarters of the limit, reminds daily
// three times after a lapse, and reminds of parking reviews at 09:00.
var DefaultClockPolicy = ClockPolicy{WarnShare: 0.75, UrgeEvery: 24 * time.Hour, MaxUrges: 3, ReviewHour: 9}

// withDefaults fills the unset settings from DefaultClockPolicy.
func (p ClockPolicy) withDefaults() ClockPolicy {
	d := DefaultClockPolicy
	if p.WarnShare <= 0 && p.WarnLead <= 0 {
		p.WarnShare = d.WarnShare
	}
	p.UrgeEvery, p.MaxUrges = clockOr(p.UrgeEvery, d.UrgeEvery), clockOr(p.MaxUrges, d.MaxUrges)
	p.ReviewHour = clockOr(p.ReviewHour, d.ReviewHour)
	return p
}

// clockOr is v when it is set (above zero), else d.
func clockOr[T int | time.Duration](v, d T) T {
	if v <= 0 {
		return d
	}
	return v
}

// ClockDeps are what the clocks need beside the service.
type ClockDeps struct {
	Jobs     *jobs.Queue
	Calendar *calendar.Calendar
	// Notify tells a staff account, in the caller's transaction (identity's
	// NotifyAccountTx: in-app message and SMS); nil notifies nobody. Texts
	// carry the order number and category, never the requester.
	Notify func(ctx context.Context, tx *db.Tx, accountID int64, text string) error
	// Staff names the people to notify; nil notifies nobody.
	Staff ClockStaff
	// Policy tunes the warnings and reminders; unset settings are
	// DefaultClockPolicy's.
	Policy ClockPolicy
}

// Clocks runs the working-time clocks of work orders (part 4): it starts
// an order's response and resolution clocks when it is filed, stops,
// pauses and resumes them from the order's events, warns, reminds (催办)
// and escalates through durable jobs, and handles extension (延期) and
// parking (挂账) requests and their approval.
type Clocks struct {
	ClockDeps
	s *Service
}

// NewClocks returns the clocks of s and subscribes them to its events; it
// fails on missing dependencies, which is a wiring mistake. Call it while
// wiring, before serving, and Register its workers on the queue.
func NewClocks(s *Service, d ClockDeps) (*Clocks, error) {
	if s == nil || d.Jobs == nil || d.Calendar == nil {
		return nil, errors.New("workorder: clocks need the service, jobs and the calendar")
	}
	d.Policy = d.Policy.withDefaults()
	c := &Clocks{ClockDeps: d, s: s}
	s.OnEvent(c.onEvent, c.tellDispatched)
	return c, nil
}

// Register adds the clocks' job workers to q.
func (c *Clocks) Register(q *jobs.Queue) {
	jobs.Register(q, &ClockWorker{c: c})
	jobs.Register(q, &ParkReviewWorker{c: c})
}

// meter returns the meter of a limit's unit.
func (c *Clocks) meter(basis LimitUnit) clockMeter {
	return clockMeter{basis: basis, cal: c.Calendar, hours: c.Policy.Hours}
}

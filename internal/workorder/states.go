package workorder

import (
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// State is where an order is in its handling.
type State string

// The states. Only closed is final; resolved waits for the follow-up (回访)
// and may still be reopened.
const (
	StateFiled     State = "filed"     // 待派单: received, no unit yet
	StateAssigned  State = "assigned"  // 待签收: sent to a unit
	StatePooled    State = "pooled"    // 抢单中: offered to a pool of workers
	StateReturned  State = "returned"  // 退单待审: the unit says it is not theirs
	StateHandling  State = "handling"  // 处理中
	StateParked    State = "parked"    // 挂账: cannot be fixed soon, review date set
	StateVerifying State = "verifying" // 待核查: the unit reported, a checker verifies
	StateResolved  State = "resolved"  // 已办结: an outcome is set, follow-up pending
	StateClosed    State = "closed"    // 已关闭
)

var stateNames = map[State]string{
	StateFiled: "待派单", StateAssigned: "待签收", StatePooled: "抢单中", StateReturned: "退单待审",
	StateHandling: "处理中", StateParked: "挂账", StateVerifying: "待核查", StateResolved: "已办结", StateClosed: "已关闭",
}

// States lists every state, in the order of a typical order's life.
var States = []State{StateFiled, StateAssigned, StatePooled, StateReturned, StateHandling, StateParked,
	StateVerifying, StateResolved, StateClosed}

// Name is the state's Chinese name.
func (s State) Name() string { return nameOr(stateNames, s) }

// Open reports whether the order still needs work (not resolved or closed).
func (s State) Open() bool { return s != StateResolved && s != StateClosed && s != "" }

// PublicName is the state as the requester and Open311 see it: the
// internal steps of dispatch are all "处理中" to them.
func (s State) PublicName() string {
	switch s {
	case StateFiled:
		return "已受理"
	case StateResolved:
		return "已办结"
	case StateClosed:
		return "已关闭"
	}
	return "处理中"
}

// Outcome is how an order ended. The outcomes are never folded together:
// "fixed" is counted apart from everything else.
type Outcome string

// The outcomes.
const (
	OutcomeFixed     Outcome = "fixed"     // 已解决
	OutcomeNotFixed  Outcome = "not_fixed" // 未解决（已答复、已关闭）
	OutcomeNotOurs   Outcome = "not_ours"  // 不属于本区职责
	OutcomeDuplicate Outcome = "duplicate" // 重复诉求，已并单
	OutcomeReferred  Outcome = "referred"  // 已转交其他渠道办理
	OutcomeCancelled Outcome = "cancelled" // 已撤销
)

var outcomeNames = map[Outcome]string{
	OutcomeFixed: "已解决", OutcomeNotFixed: "未解决", OutcomeNotOurs: "非本区职责", OutcomeDuplicate: "重复诉求（已并单）",
	OutcomeReferred: "已转交办理", OutcomeCancelled: "已撤销",
}

// Outcomes lists every outcome.
var Outcomes = []Outcome{OutcomeFixed, OutcomeNotFixed, OutcomeNotOurs, OutcomeDuplicate, OutcomeReferred, OutcomeCancelled}

// Name is the outcome's Chinese name.
func (o Outcome) Name() string { return nameOr(outcomeNames, o) }

// Transition is one row of the state machine: an event kind allowed in the
// From states, moving the order To a state ("" keeps the state: notes,
// reminders, photos). Outcomes lists the outcomes the event may set (one
// of them is required when non-empty). Public events are shown to the
// requester by default.
type Transition struct {
	Kind     EventKind
	From     []State
	To       State
	Outcomes []Outcome
	Public   bool
}

// open lists the states in which work goes on.
var open = []State{StateFiled, StateAssigned, StatePooled, StateReturned, StateHandling, StateParked, StateVerifying}

// Machine is the state machine, as data: every change of an order goes
// through one of these rows, and later parts add behaviour by recording
// these kinds, never by writing states directly.
var Machine = []Transition{
	{Kind: EventFiled, From: []State{""}, To: StateFiled, Public: true},
	{Kind: EventDispatched, From: []State{StateFiled, StateReturned}, To: StateAssigned, Public: true},
	{Kind: EventPooled, From: []State{StateFiled, StateReturned}, To: StatePooled, Public: true},
	{Kind: EventGrabbed, From: []State{StatePooled}, To: StateHandling, Public: true},
	{Kind: EventAccepted, From: []State{StateAssigned}, To: StateHandling, Public: true},
	{Kind: EventReturned, From: []State{StateAssigned, StateHandling}, To: StateReturned},
	{Kind: EventReturnUpheld, From: []State{StateReturned}, To: StateAssigned},
	{Kind: EventReassigned, From: []State{StateAssigned, StateReturned, StateHandling, StatePooled}, To: StateAssigned},
	{Kind: EventAssistAdded, From: []State{StateAssigned, StateHandling}},
	{Kind: EventAssistAccepted, From: []State{StateAssigned, StateHandling, StateVerifying, StateParked}},
	{Kind: EventAssistDone, From: []State{StateAssigned, StateHandling, StateVerifying, StateParked}},
	{Kind: EventResponded, From: open, Public: true},
	{Kind: EventNote, From: open},
	{Kind: EventPhotoAdded, From: open},
	{Kind: EventPhotoRedacted, From: append(slices.Clone(open), StateResolved, StateClosed)},
	{Kind: EventWarned, From: open},
	{Kind: EventUrged, From: open},
	{Kind: EventEscalated, From: open},
	{Kind: EventExtensionAsked, From: []State{StateHandling}},
	{Kind: EventExtensionDecided, From: []State{StateHandling, StateParked}},
	{Kind: EventParked, From: []State{StateHandling}, To: StateParked, Public: true},
	{Kind: EventUnparked, From: []State{StateParked}, To: StateHandling, Public: true},
	{Kind: EventParkAsked, From: []State{StateHandling}},
	{Kind: EventParkRefused, From: open},
	{Kind: EventReported, From: []State{StateHandling}, To: StateVerifying, Outcomes: []Outcome{OutcomeFixed, OutcomeNotFixed}},
	{Kind: EventVerifyFailed, From: []State{StateVerifying}, To: StateHandling},
	{Kind: EventResolved, From: []State{StateHandling, StateVerifying, StateReturned}, To: StateResolved,
		Outcomes: []Outcome{OutcomeFixed, OutcomeNotFixed, OutcomeNotOurs}, Public: true},
	{Kind: EventFollowedUp, From: []State{StateResolved}, To: StateClosed, Public: true},
	{Kind: EventClosed, From: []State{StateResolved}, To: StateClosed, Public: true},
	{Kind: EventReopened, From: []State{StateResolved, StateClosed}, To: StateHandling, Public: true},
	{Kind: EventMerged, From: open, To: StateClosed, Outcomes: []Outcome{OutcomeDuplicate}, Public: true},
	{Kind: EventReferred, From: []State{StateFiled, StateAssigned, StateReturned, StatePooled}, To: StateClosed,
		Outcomes: []Outcome{OutcomeReferred}, Public: true},
	{Kind: EventCancelled, From: []State{StateFiled, StateAssigned, StatePooled, StateReturned}, To: StateClosed,
		Outcomes: []Outcome{OutcomeCancelled}, Public: true},
	{Kind: EventRecategorised, From: open},
	{Kind: EventRelocated, From: open},
	{Kind: EventFollowerAdded, From: open},
}

// transitionOf returns the row for kind.
func transitionOf(kind EventKind) (Transition, bool) {
	i := slices.IndexFunc(Machine, func(t Transition) bool { return t.Kind == kind })
	if i < 0 {
		return Transition{}, false
	}
	return Machine[i], true
}

// Next checks that an event of kind may happen in state from with outcome
// (empty when the event sets none) and returns the state after it.
func Next(from State, kind EventKind, outcome Outcome) (State, error) {
	t, ok := transitionOf(kind)
	if !ok {
		return "", apperr.Invalid("kind", "未知的工单事件："+string(kind))
	}
	if !slices.Contains(t.From, from) {
		return "", apperr.Conflict("工单当前为「" + from.Name() + "」，不能" + kind.Name())
	}
	switch {
	case len(t.Outcomes) == 0 && outcome != "":
		return "", apperr.Invalid("outcome", kind.Name()+"不设办理结果")
	case len(t.Outcomes) > 0 && !slices.Contains(t.Outcomes, outcome):
		return "", apperr.Invalid("outcome", "请选择有效的办理结果")
	}
	if t.To == "" {
		return from, nil
	}
	return t.To, nil
}

package approval

// State is where an application stands.
type State string

// The states of an application. Acceptance and approval are separate
// (受理权与审批权分离): front desks move an application from submitted to
// accepted; departments move it from accepted to a decision.
const (
	StateDraft     State = "draft"     // 草稿: the applicant is still filling it in
	StateSubmitted State = "submitted" // 待预审: waiting for pre-review at a front desk
	StateReturned  State = "returned"  // 待补正: a one-time notice lists what to fix
	StateAccepted  State = "accepted"  // 审批中: accepted, with the departments
	StateSuspended State = "suspended" // 中止计时: correction, hearing, testing or expert review
	StateApproved  State = "approved"  // 准予许可 / 办结
	StateRefused   State = "refused"   // 不予许可
	StateRejected  State = "rejected"  // 不予受理
	StateWithdrawn State = "withdrawn" // 已撤回 by the applicant before acceptance
)

var stateNames = map[State]string{
	StateDraft: "草稿", StateSubmitted: "待预审", StateReturned: "待补正", StateAccepted: "审批中",
	StateSuspended: "中止计时", StateApproved: "准予许可", StateRefused: "不予许可",
	StateRejected: "不予受理", StateWithdrawn: "已撤回",
}

// Name is the state's Chinese name.
func (s State) Name() string {
	if n, ok := stateNames[s]; ok {
		return n
	}
	return string(s)
}

// Valid reports whether s is a known state.
func (s State) Valid() bool { _, ok := stateNames[s]; return ok }

// Final reports whether nothing more happens to an application in s.
func (s State) Final() bool {
	switch s {
	case StateApproved, StateRefused, StateRejected, StateWithdrawn:
		return true
	}
	return false
}

// transitions lists, for every state, the states an application may move
// to. Everything else is refused, which is what stops a decision on a
// withdrawn application or a second acceptance.
var transitions = map[State][]State{
	StateDraft:     {StateSubmitted, StateWithdrawn},
	StateSubmitted: {StateReturned, StateAccepted, StateRejected, StateWithdrawn},
	StateReturned:  {StateSubmitted, StateWithdrawn},
	StateAccepted:  {StateSuspended, StateApproved, StateRefused},
	StateSuspended: {StateAccepted},
}

// CanMove reports whether an application may go from one state to another.
func CanMove(from, to State) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

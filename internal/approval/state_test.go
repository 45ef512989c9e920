package approval

import "testing"

func TestTransitions(t *testing.T) {
	allowed := []struct{ from, to State }{
		{StateDraft, StateSubmitted}, {StateSubmitted, StateReturned}, {StateReturned, StateSubmitted},
		{StateSubmitted, StateAccepted}, {StateSubmitted, StateRejected}, {StateSubmitted, StateWithdrawn},
		{StateAccepted, StateSuspended}, {StateSuspended, StateAccepted}, {StateAccepted, StateApproved},
		{StateAccepted, StateRefused},
	}
	for _, c := range allowed {
		if !CanMove(c.from, c.to) {
			t.Errorf("%s → %s refused, want allowed", c.from, c.to)
		}
	}
	refused := []struct{ from, to State }{
		{StateWithdrawn, StateApproved}, {StateAccepted, StateWithdrawn}, {StateApproved, StateApproved},
		{StateDraft, StateAccepted}, {StateReturned, StateAccepted}, {StateSuspended, StateApproved},
		{StateRejected, StateSubmitted}, {StateRefused, StateAccepted},
	}
	for _, c := range refused {
		if CanMove(c.from, c.to) {
			t.Errorf("%s → %s allowed, want refused", c.from, c.to)
		}
	}
}

func TestFinalStatesHaveNoWayOut(t *testing.T) {
	for s := range stateNames {
		if s.Final() && len(transitions[s]) > 0 {
			t.Errorf("final state %s has transitions %v", s, transitions[s])
		}
		if !s.Final() && len(transitions[s]) == 0 {
			t.Errorf("state %s is a dead end but not final", s)
		}
		if s.Name() == string(s) {
			t.Errorf("state %s has no Chinese name", s)
		}
	}
	if State("bogus").Valid() {
		t.Error("unknown state reported valid")
	}
}

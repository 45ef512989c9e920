package workorder

import (
	"encoding/json"
	"fmt"
	"time"
)

// genOrder is one generated order and everything written with it.
type genOrder struct {
	Order
	fields string
	events []Event
	clocks []genClock
	assign *genAssign
	follow *genFollow
	fact   measureFact
}

// genUnit is a unit generated orders go to, written kind:code in events
// as the dispatch part writes them (community, grid, street, department,
// property).
type genUnit struct {
	Kind string `json:"kind"`
	Code string `json:"code"`
}

// ref is the unit as events carry it.
func (u genUnit) ref() string {
	if u.Kind == "" {
		return ""
	}
	return u.Kind + ":" + u.Code
}

// genDispatch is the payload of generated dispatch events.
type genDispatch struct {
	Lead     genUnit  `json:"lead"`
	Mode     string   `json:"mode"`
	Source   string   `json:"source"`
	Previous *genUnit `json:"previous,omitempty"`
}

// genClock is a row of workorder_clocks.
type genClock struct {
	kind, basis                        string
	limit                              int
	started, warn, due                 time.Time
	paused, stopped, lapsed, escalated *time.Time
	reminders                          int
	state                              string
}

// genAssign is the order's lead hop (workorder_assignments).
type genAssign struct {
	mode     string
	unit     genUnit
	state    string
	assigned time.Time
	accepted *time.Time
	ended    *time.Time
}

// genFollow is an answered follow-up (workorder_followups).
type genFollow struct {
	channel      string
	asked        time.Time
	fixed        bool
	satisfaction int
}

// genLife records events on an order as long as they are not in the future
// (an order filed yesterday is still open today).
type genLife struct {
	o   *genOrder
	now time.Time
	at  time.Time
	cut bool
}

// actor is who records an event in generated data: a kind, a synthetic
// account id and a role.
type genActor struct {
	kind string
	id   int64
	role string
}

var (
	genSystem   = genActor{kind: "system"}
	genResident = genActor{kind: "resident", id: 1}
	genDesk     = genActor{kind: "staff", id: 900001, role: "front_desk"}
)

// add records kind after d (from the previous event); it reports false,
// recording nothing more, once an event would fall after now.
func (l *genLife) add(d time.Duration, kind EventKind, outcome Outcome, unit genUnit, who genActor, note string, payload any) bool {
	at := l.at.Add(max(d, time.Second))
	if l.cut || at.After(l.now) {
		l.cut = true
		return false
	}
	from := l.o.State
	to, err := Next(from, kind, outcome)
	if err != nil {
		panic(fmt.Sprintf("workorder: generate: %s after %s: %v", kind, from, err)) // a bug in the script below
	}
	t, _ := transitionOf(kind)
	b := []byte(`{}`)
	if payload != nil {
		b, _ = json.Marshal(payload)
	}
	ref := unit.ref()
	l.o.events = append(l.o.events, Event{Seq: len(l.o.events) + 1, Kind: kind, ActorKind: who.kind, ActorID: who.id,
		ActorRole: who.role, Unit: ref, From: from, To: to, Outcome: outcome, Public: t.Public, Note: note,
		Payload: b, At: at})
	l.at, l.o.State, l.o.Version, l.o.UpdatedAt = at, to, len(l.o.events), at
	switch {
	case !to.Open() && outcome != "":
		l.o.Outcome = outcome
	case to.Open():
		l.o.Outcome = ""
	}
	if to == StateResolved {
		l.o.ResolvedAt = &at
	}
	if to == StateClosed {
		l.o.ClosedAt = &at
	}
	return true
}

// genStaffOf is the worker of a unit who acts on its behalf.
func genStaffOf(u genUnit) genActor {
	role := "grid_worker"
	switch u.Kind {
	case "property":
		role = "property_staff"
	case "street", "department":
		role = "front_desk"
	}
	return genActor{kind: "staff", id: 910000 + int64(len(u.Code)), role: role}
}

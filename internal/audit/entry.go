package audit

import (
	"errors"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Entry is what a service tells the log about one state change.
type Entry struct {
	// Actor performed the change; authz.System(district) for background jobs.
	Actor *authz.Actor
	// Action names the change, e.g. "approval.application.accept".
	Action string
	// ObjectType and ObjectID name the changed object, e.g. "application", "42".
	// They are stored as given: never put personal data in them.
	ObjectType string
	ObjectID   string
	// Before and After are the object's states around the change (nil when
	// it did not exist before, or no longer exists after). They are only
	// digested, never stored.
	Before any
	After  any
}

// Record is one stored audit record.
type Record struct {
	Seq          int64
	OccurredAt   time.Time
	ActorID      int64
	ActorKind    string
	ActorName    string
	District     string
	SessionID    string
	RequestID    string
	Action       string
	ObjectType   string
	ObjectID     string
	BeforeDigest string
	AfterDigest  string
	PrevHash     string
	Hash         string
}

// newRecord checks an entry and turns it into a record, not yet chained
// (Seq, PrevHash and Hash are set by Append).
func newRecord(now time.Time, e Entry) (Record, error) {
	if err := e.validate(); err != nil {
		return Record{}, err
	}
	before, err := Digest(e.Before)
	if err != nil {
		return Record{}, err
	}
	after, err := Digest(e.After)
	if err != nil {
		return Record{}, err
	}
	a := e.Actor
	return Record{
		OccurredAt:   stamp(now),
		ActorID:      a.AccountID,
		ActorKind:    string(a.Kind),
		ActorName:    a.Name,
		District:     a.District,
		SessionID:    a.SessionID,
		RequestID:    a.RequestID,
		Action:       e.Action,
		ObjectType:   e.ObjectType,
		ObjectID:     e.ObjectID,
		BeforeDigest: before,
		AfterDigest:  after,
	}, nil
}

// validate refuses entries that would leave an untraceable or invisible
// record: a change must say who did what to which object, in which
// district (staff read the log district by district).
func (e Entry) validate() error {
	switch {
	case e.Actor == nil:
		return errors.New("no actor")
	case e.Actor.District == "":
		return errors.New("actor has no district")
	case e.Actor.Kind == "":
		return errors.New("actor has no kind")
	case e.Action == "":
		return errors.New("no action")
	case e.ObjectType == "":
		return errors.New("no object type")
	}
	return nil
}

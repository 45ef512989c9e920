package audit_test

import (
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"testing"

	"github.com/emmansun/gmsm/sm3"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
)

// documentedHash recomputes a record's hash from the encoding described in
// the package documentation, independently of the package's own code.
func documentedHash(r audit.Record) string {
	fields := []string{"shanzhi-audit-v1", strconv.FormatInt(r.Seq, 10),
		r.OccurredAt.UTC().Format("2006-01-02T15:04:05.000000Z"), strconv.FormatInt(r.ActorID, 10),
		r.ActorKind, r.ActorName, r.District, r.SessionID, r.RequestID, r.Action, r.ObjectType,
		r.ObjectID, r.BeforeDigest, r.AfterDigest, r.PrevHash}
	var msg []byte
	for _, f := range fields {
		msg = binary.BigEndian.AppendUint32(msg, uint32(len(f)))
		msg = append(msg, f...)
	}
	return sm3hex(msg)
}

func sm3hex(b []byte) string {
	sum := sm3.Sum(b)
	return hex.EncodeToString(sum[:])
}

func TestDigestIsSM3OfCanonicalJSON(t *testing.T) {
	type state struct {
		Zeta  string `json:"zeta"`
		Alpha int    `json:"alpha"`
		Note  string `json:"note"`
	}
	want := sm3hex([]byte(`{"alpha":2,"note":"<a&b>","zeta":"栖霞"}`))
	inputs := map[string]any{
		"struct":  state{Zeta: "栖霞", Alpha: 2, Note: "<a&b>"},
		"pointer": &state{Zeta: "栖霞", Alpha: 2, Note: "<a&b>"},
		"map":     map[string]any{"note": "<a&b>", "zeta": "栖霞", "alpha": 2},
	}
	for name, v := range inputs {
		got, err := audit.Digest(v)
		if err != nil || got != want {
			t.Errorf("%s: Digest = %q, %v; want %q", name, got, err, want)
		}
	}
	var none *state
	for name, v := range map[string]any{"nil": nil, "typed nil": none} {
		if got, err := audit.Digest(v); err != nil || got != "" {
			t.Errorf("%s: Digest = %q, %v; want empty", name, got, err)
		}
	}
	if _, err := audit.Digest(make(chan int)); err == nil {
		t.Error("Digest accepted a value JSON cannot encode")
	}
}

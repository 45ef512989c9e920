package gm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const rawID = "32011319900101123X"

// leaks reports whether out shows the raw ID or its hidden middle part.
func leaks(out string) bool {
	return strings.Contains(out, rawID) || strings.Contains(out, "19900101")
}

type holder struct {
	Public  Sensitive
	private Sensitive
	Ptr     *Sensitive
	List    []Sensitive
	Map     map[string]Sensitive
}

func newHolder() holder {
	s := NewSensitiveMasked(rawID, MaskIDNumber)
	return holder{Public: s, private: s, Ptr: &s, List: []Sensitive{s}, Map: map[string]Sensitive{"k": s}}
}

func TestSensitiveFmt(t *testing.T) {
	s := NewSensitiveMasked(rawID, MaskIDNumber)
	h := newHolder()
	verbs := []string{"%v", "%s", "%+v", "%#v", "%q", "%x", "%X", "%d", "%10s", "%-20v", "%T", "%p"}
	for _, verb := range verbs {
		for _, arg := range []any{s, &s, h, &h} {
			if out := fmt.Sprintf(verb, arg); leaks(out) {
				t.Errorf("Sprintf(%q, %T) leaked: %s", verb, arg, out)
			}
		}
	}
	for _, out := range []string{fmt.Sprint(s, h), fmt.Sprintln(s, h), fmt.Errorf("bad %v", s).Error()} {
		if leaks(out) {
			t.Errorf("leaked: %s", out)
		}
	}
	if got := fmt.Sprintf("%v|%s|%#v", s, s, s); got != "[REDACTED]|[REDACTED]|gm.Sensitive([REDACTED])" {
		t.Errorf("formatted as %q", got)
	}
}

func TestSensitiveSlog(t *testing.T) {
	s := NewSensitiveMasked(rawID, MaskIDNumber)
	plain := NewSensitive(rawID)
	var buf bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
		log := slog.New(h)
		log.Info("resident", "id", s, "plain", plain, slog.Any("ptr", &s), "holder", newHolder(),
			slog.Group("g", "id", s), "err", fmt.Errorf("lookup %v failed", s))
		log.With("id", s).Warn("with")
	}
	out := buf.String()
	if leaks(out) {
		t.Fatalf("slog output leaked:\n%s", out)
	}
	if !strings.Contains(out, `"id":"[REDACTED]"`) || !strings.Contains(out, "id=[REDACTED]") {
		t.Fatalf("unexpected slog output:\n%s", out)
	}
}

func TestSensitiveJSON(t *testing.T) {
	type payload struct {
		ID    Sensitive `json:"id"`
		Name  Sensitive `json:"name"`
		Note  Sensitive `json:"note"`
		Empty Sensitive `json:"empty,omitzero"`
	}
	p := payload{
		ID:   NewSensitiveMasked(rawID, MaskIDNumber),
		Name: NewSensitiveMasked("张三丰", MaskName),
		Note: NewSensitive("秘密"),
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"320113********123X","name":"张*丰","note":"[REDACTED]"}`
	if string(b) != want {
		t.Fatalf("json = %s, want %s", b, want)
	}
	var in payload
	if err := json.Unmarshal([]byte(`{"id":"`+rawID+`","name":null}`), &in); err != nil {
		t.Fatal(err)
	}
	if in.ID.Reveal() != rawID || !in.Name.IsZero() || in.ID.Masked() != Redacted {
		t.Fatalf("unmarshal: %q %q", in.ID.Reveal(), in.Name.Reveal())
	}
	if err := json.Unmarshal([]byte(`{"id":42}`), &in); err == nil {
		t.Fatal("number accepted")
	}
}

func TestSensitiveValue(t *testing.T) {
	var zero Sensitive
	if zero.Reveal() != "" || !zero.IsZero() || zero.Masked() != "" || zero.String() != Redacted {
		t.Fatal("zero value")
	}
	a, b := NewSensitive("x"), NewSensitiveMasked("x", MaskName)
	if !a.Equal(b) || a.Equal(NewSensitive("y")) || !zero.Equal(NewSensitive("")) {
		t.Fatal("Equal")
	}
	if NewSensitiveMasked("张三", nil).Masked() != Redacted {
		t.Fatal("nil mask")
	}
}

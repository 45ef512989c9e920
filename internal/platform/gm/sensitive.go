package gm

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"log/slog"
)

// Redacted is what a Sensitive value prints as.
const Redacted = "[REDACTED]"

// Sensitive holds personal data (ID numbers, names, phone numbers) and
// keeps it out of logs and debug output: fmt with any verb, slog and
// %v of structs that embed it (even in unexported fields) never show the
// raw value. JSON shows the masked form. Use Reveal to get the value.
//
// It deliberately implements no database/sql interface: personal data
// should be stored encrypted (Keyring.Encrypt), not as plain text.
// The zero value holds "".
type Sensitive struct {
	p *sensitiveValue
}

// sensitiveValue keeps the text inside a closure: where fmt cannot call
// Sensitive's methods (unexported fields, bad-verb fallbacks) it reflects
// on the fields, and a func always prints as an address.
type sensitiveValue struct {
	raw  func() string
	mask func(string) string
}

// NewSensitive wraps raw; its JSON form is Redacted.
func NewSensitive(raw string) Sensitive {
	return NewSensitiveMasked(raw, nil)
}

// NewSensitiveMasked wraps raw; its JSON form is mask(raw), e.g. with
// MaskIDNumber. A nil mask acts like NewSensitive.
func NewSensitiveMasked(raw string, mask func(string) string) Sensitive {
	return Sensitive{&sensitiveValue{raw: func() string { return raw }, mask: mask}}
}

// Reveal returns the raw value. Call it only where the value is used,
// never to log it.
func (s Sensitive) Reveal() string {
	if s.p == nil {
		return ""
	}
	return s.p.raw()
}

// IsZero reports whether the value is empty (for json omitzero).
func (s Sensitive) IsZero() bool { return s.Reveal() == "" }

// Equal reports in constant time whether s and o hold the same value.
func (s Sensitive) Equal(o Sensitive) bool {
	return subtle.ConstantTimeCompare([]byte(s.Reveal()), []byte(o.Reveal())) == 1
}

// Masked returns the display form: "" for an empty value, the mask's
// output if a mask was given, Redacted otherwise.
func (s Sensitive) Masked() string {
	switch {
	case s.IsZero():
		return ""
	case s.p.mask != nil:
		return s.p.mask(s.p.raw())
	}
	return Redacted
}

// String returns Redacted.
func (s Sensitive) String() string { return Redacted }

// GoString returns a redacted Go-syntax form for %#v.
func (s Sensitive) GoString() string { return "gm.Sensitive(" + Redacted + ")" }

// Format implements fmt.Formatter so that every verb, including %d, %x and
// %q, prints Redacted instead of the value.
func (s Sensitive) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, s.GoString())
		return
	}
	fmt.Fprint(f, Redacted)
}

// LogValue implements slog.LogValuer and returns Redacted.
func (s Sensitive) LogValue() slog.Value { return slog.StringValue(Redacted) }

// MarshalJSON encodes the masked form (see Masked).
func (s Sensitive) MarshalJSON() ([]byte, error) { return json.Marshal(s.Masked()) }

// UnmarshalJSON decodes a JSON string (or null, giving the zero value),
// e.g. from a request body. The result has no mask.
func (s *Sensitive) UnmarshalJSON(b []byte) error {
	var v *string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("gm: Sensitive wants a JSON string")
	}
	*s = Sensitive{}
	if v != nil {
		*s = NewSensitive(*v)
	}
	return nil
}

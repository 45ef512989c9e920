package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Span is one daily opening period of an office, as offsets from CST
// midnight: [Start, End) with 0 <= Start < End <= 24h.
type Span struct {
	Start, End time.Duration
}

// OfficeHours are the daily opening periods on working days, in ascending
// order and not overlapping. The zero value means the whole day
// (00:00–24:00). Build one with [NewOfficeHours] or [ParseOfficeHours].
type OfficeHours struct {
	spans []Span
	total time.Duration
}

var fullDay = []Span{{0, dayLen}}

// NewOfficeHours returns office hours open during the given spans, which
// must be valid, ascending and not overlapping (touching is allowed).
func NewOfficeHours(spans ...Span) (OfficeHours, error) {
	if len(spans) == 0 {
		return OfficeHours{}, errors.New("calendar: office hours need at least one span")
	}
	h := OfficeHours{spans: slices.Clone(spans)}
	for i, s := range spans {
		if s.Start < 0 || s.End > dayLen || s.Start >= s.End {
			return OfficeHours{}, fmt.Errorf("calendar: bad office hours span %s", s)
		}
		if i > 0 && s.Start < spans[i-1].End {
			return OfficeHours{}, fmt.Errorf("calendar: office hours span %s overlaps or precedes %s", s, spans[i-1])
		}
		h.total += s.End - s.Start
	}
	return h, nil
}

// ParseOfficeHours parses comma-separated spans such as
// "09:00-12:00,13:30-17:30"; "24:00" may end the last span.
func ParseOfficeHours(s string) (OfficeHours, error) {
	var spans []Span
	for _, part := range strings.Split(s, ",") {
		from, to, ok := strings.Cut(strings.TrimSpace(part), "-")
		a, errA := parseClock(from)
		b, errB := parseClock(to)
		if !ok || errA != nil || errB != nil {
			return OfficeHours{}, fmt.Errorf("calendar: bad office hours %q: want HH:MM-HH:MM[,HH:MM-HH:MM…]", s)
		}
		spans = append(spans, Span{a, b})
	}
	return NewOfficeHours(spans...)
}

// DefaultOfficeHours returns the usual government office hours,
// 09:00–12:00 and 13:30–17:30.
func DefaultOfficeHours() OfficeHours {
	h, _ := NewOfficeHours(Span{9 * time.Hour, 12 * time.Hour}, Span{13*time.Hour + 30*time.Minute, 17*time.Hour + 30*time.Minute})
	return h
}

// Spans returns the daily opening periods.
func (h OfficeHours) Spans() []Span { return slices.Clone(h.list()) }

// PerDay returns the total opening time of one working day.
func (h OfficeHours) PerDay() time.Duration {
	if len(h.spans) == 0 {
		return dayLen
	}
	return h.total
}

// Open returns the opening time on the CST date of t.
func (h OfficeHours) Open(t time.Time) time.Time {
	return instant(dayNum(t), h.list()[0].Start)
}

// Close returns the closing time on the CST date of t; 24:00 is returned as
// midnight at the start of the next day.
func (h OfficeHours) Close(t time.Time) time.Time {
	l := h.list()
	return instant(dayNum(t), l[len(l)-1].End)
}

// String formats h as ParseOfficeHours reads it.
func (h OfficeHours) String() string {
	parts := make([]string, 0, len(h.list()))
	for _, s := range h.list() {
		parts = append(parts, s.String())
	}
	return strings.Join(parts, ",")
}

// String formats s as "HH:MM-HH:MM".
func (s Span) String() string { return formatClock(s.Start) + "-" + formatClock(s.End) }

func (h OfficeHours) list() []Span {
	if len(h.spans) == 0 {
		return fullDay
	}
	return h.spans
}

func parseClock(s string) (time.Duration, error) {
	hh, mm, ok := strings.Cut(s, ":")
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if !ok || len(hh) != 2 || len(mm) != 2 || errH != nil || errM != nil ||
		h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("calendar: bad clock time %q", s)
	}
	return time.Duration(h)*time.Hour + time.Duration(m)*time.Minute, nil
}

func formatClock(d time.Duration) string {
	s := fmt.Sprintf("%02d:%02d", d/time.Hour, d%time.Hour/time.Minute)
	if rest := d % time.Minute; rest != 0 {
		s += fmt.Sprintf("+%v", rest)
	}
	return s
}

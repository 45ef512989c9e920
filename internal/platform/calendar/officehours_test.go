package calendar

import (
	"slices"
	"testing"
	"time"
)

func TestParseOfficeHours(t *testing.T) {
	tests := []struct {
		in     string
		perDay time.Duration
		ok     bool
	}{
		{"09:00-12:00,13:30-17:30", 7 * time.Hour, true},
		{"08:00-20:00", 12 * time.Hour, true},
		{" 09:00-12:00 , 12:00-13:00", 4 * time.Hour, true},
		{"00:00-24:00", 24 * time.Hour, true},
		{"", 0, false},
		{"9:00-12:00", 0, false},
		{"09:00-25:00", 0, false},
		{"24:30-24:45", 0, false},
		{"09:60-10:00", 0, false},
		{"12:00-09:00", 0, false},
		{"09:00-09:00", 0, false},
		{"13:30-17:30,09:00-12:00", 0, false},
		{"09:00-12:00,11:00-13:00", 0, false},
		{"09:00", 0, false},
	}
	for _, tt := range tests {
		h, err := ParseOfficeHours(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseOfficeHours(%q) error = %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && h.PerDay() != tt.perDay {
			t.Errorf("ParseOfficeHours(%q).PerDay() = %v, want %v", tt.in, h.PerDay(), tt.perDay)
		}
	}
}

func TestOfficeHoursAccessors(t *testing.T) {
	h := DefaultOfficeHours()
	if s := h.String(); s != "09:00-12:00,13:30-17:30" {
		t.Errorf("String() = %q", s)
	}
	want := []Span{{9 * time.Hour, 12 * time.Hour}, {13*time.Hour + 30*time.Minute, 17*time.Hour + 30*time.Minute}}
	if !slices.Equal(h.Spans(), want) {
		t.Errorf("Spans() = %v", h.Spans())
	}
	h.Spans()[0].Start = 0
	if h.Spans()[0].Start != 9*time.Hour {
		t.Error("Spans() exposes internal state")
	}
	noon := time.Date(2026, 9, 30, 4, 0, 0, 0, time.UTC) // 12:00 CST
	if got := h.Open(noon); !got.Equal(at(2026, 9, 30, 9, 0)) {
		t.Errorf("Open = %v", got)
	}
	if got := h.Close(noon); !got.Equal(at(2026, 9, 30, 17, 30)) {
		t.Errorf("Close = %v", got)
	}
}

func TestZeroOfficeHoursIsWholeDay(t *testing.T) {
	var h OfficeHours
	if h.PerDay() != 24*time.Hour || h.String() != "00:00-24:00" {
		t.Errorf("zero OfficeHours = %v, %v", h, h.PerDay())
	}
	if got := h.Close(at(2026, 9, 30, 12, 0)); !got.Equal(date(2026, 10, 1)) {
		t.Errorf("Close = %v", got)
	}
}

func TestIsOpen(t *testing.T) {
	c, h := quiet(t), DefaultOfficeHours()
	tests := []struct {
		t    time.Time
		want bool
	}{
		{at(2026, 9, 30, 9, 0), true},
		{at(2026, 9, 30, 8, 59), false},
		{at(2026, 9, 30, 12, 0), false}, // spans are half-open
		{at(2026, 9, 30, 13, 30), true},
		{at(2026, 10, 1, 10, 0), false}, // National Day
		{at(2026, 10, 10, 10, 0), true}, // make-up Saturday
	}
	for _, tt := range tests {
		if got := c.IsOpen(tt.t, h); got != tt.want {
			t.Errorf("IsOpen(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

package notify

import (
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// ConsolePrefix starts every line ConsoleSMS prints, so nobody mistakes the
// simulator's output for a real delivery.
const ConsolePrefix = "[短信模拟器]"

// ConsoleSMS is the SMS simulator of the demo: it sends nothing and prints
// each message to a writer (usually the terminal running the demo), with
// the phone number masked. The text is printed in full, login codes
// included: showing them to the person trying the demo is its purpose.
// Never use it in production.
type ConsoleSMS struct {
	mu sync.Mutex
	w  io.Writer
}

// NewConsoleSMS returns a simulator printing to w.
func NewConsoleSMS(w io.Writer) *ConsoleSMS { return &ConsoleSMS{w: w} }

// Send prints "[短信模拟器] 发往 138****5678: text".
func (c *ConsoleSMS) Send(ctx context.Context, phone, text string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("notify: console sms: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := fmt.Fprintf(c.w, "%s 发往 %s: %s\n", ConsolePrefix, gm.MaskPhone(phone), text); err != nil {
		return fmt.Errorf("notify: console sms: %w", err)
	}
	return nil
}

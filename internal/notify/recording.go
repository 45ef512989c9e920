package notify

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"time"
)

// SMS is one message kept by RecordingSMS.
type SMS struct {
	Phone  string
	Text   string
	SentAt time.Time
}

// RecordingSMS is the SMS provider of tests: it keeps every message in
// memory so a test can read the code a resident would have received. It
// is safe for concurrent use. Set Fail to make Send fail (a gateway
// outage).
type RecordingSMS struct {
	mu       sync.Mutex
	messages []SMS
	fail     error
	notify   chan struct{}
}

// NewRecordingSMS returns an empty recorder.
func NewRecordingSMS() *RecordingSMS { return &RecordingSMS{notify: make(chan struct{})} }

// Send records the message, or returns the failure set with Fail.
func (r *RecordingSMS) Send(ctx context.Context, phone, text string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("notify: recording sms: %w", err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return fmt.Errorf("notify: recording sms: %w", r.fail)
	}
	r.messages = append(r.messages, SMS{Phone: phone, Text: text, SentAt: time.Now()})
	close(r.notify)
	r.notify = make(chan struct{})
	return nil
}

// Fail makes every later Send return err; nil restores delivery.
func (r *RecordingSMS) Fail(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fail = err
}

// Messages returns a copy of every message sent so far, oldest first.
func (r *RecordingSMS) Messages() []SMS {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]SMS(nil), r.messages...)
}

// To returns the messages sent to phone, oldest first.
func (r *RecordingSMS) To(phone string) []SMS {
	var out []SMS
	for _, m := range r.Messages() {
		if m.Phone == phone {
			out = append(out, m)
		}
	}
	return out
}

// codePattern finds a 6-digit code standing alone in a message.
var codePattern = regexp.MustCompile(`(?:^|\D)(\d{6})(?:\D|$)`)

// LastCode returns the 6-digit code in the latest message to phone, and
// false when no message to phone carried one.
func (r *RecordingSMS) LastCode(phone string) (string, bool) {
	msgs := r.To(phone)
	for i := len(msgs) - 1; i >= 0; i-- {
		if m := codePattern.FindStringSubmatch(msgs[i].Text); m != nil {
			return m[1], true
		}
	}
	return "", false
}

// WaitFor waits until a message to phone satisfying match has been sent,
// or until timeout, and returns it; false on timeout. Jobs send from other
// goroutines, so tests wait with it instead of sleeping.
func (r *RecordingSMS) WaitFor(phone string, match func(SMS) bool, timeout time.Duration) (SMS, bool) {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		wake := r.notify
		r.mu.Unlock()
		for _, m := range r.To(phone) {
			if match == nil || match(m) {
				return m, true
			}
		}
		select {
		case <-wake:
		case <-deadline.C:
			return SMS{}, false
		}
	}
}

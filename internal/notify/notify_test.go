package notify

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestConsoleSMSMasksThePhone(t *testing.T) {
	var buf bytes.Buffer
	c := NewConsoleSMS(&buf)
	if err := c.Send(context.Background(), "13812345678", "【善治】您的验证码为 123456"); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	want := "[短信模拟器] 发往 138****5678: 【善治】您的验证码为 123456\n"
	if got != want {
		t.Fatalf("printed %q, want %q", got, want)
	}
	if strings.Contains(got, "13812345678") {
		t.Fatal("the raw phone number was printed")
	}
}

func TestConsoleSMSHonoursCancellation(t *testing.T) {
	var buf bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := NewConsoleSMS(&buf).Send(ctx, "13812345678", "x"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Send = %v", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("printed %q after cancellation", buf.String())
	}
}

func TestRecordingSMSKeepsMessagesAndCodes(t *testing.T) {
	r := NewRecordingSMS()
	ctx := context.Background()
	_ = r.Send(ctx, "13800000001", "【善治】验证码 111111，5分钟内有效")
	_ = r.Send(ctx, "13800000002", "【善治】验证码 222222，5分钟内有效")
	_ = r.Send(ctx, "13800000001", "【善治】验证码 333333，5分钟内有效")
	_ = r.Send(ctx, "13800000001", "【善治】欢迎使用")
	if code, ok := r.LastCode("13800000001"); !ok || code != "333333" {
		t.Fatalf("LastCode = %q, %v", code, ok)
	}
	if _, ok := r.LastCode("13900000000"); ok {
		t.Fatal("a code for a phone that got nothing")
	}
	if n := len(r.To("13800000001")); n != 3 {
		t.Fatalf("To = %d messages", n)
	}
	if n := len(r.Messages()); n != 4 {
		t.Fatalf("Messages = %d", n)
	}
}

func TestRecordingSMSFail(t *testing.T) {
	r := NewRecordingSMS()
	outage := errors.New("gateway down")
	r.Fail(outage)
	if err := r.Send(context.Background(), "13800000001", "x"); !errors.Is(err, outage) {
		t.Fatalf("Send = %v", err)
	}
	r.Fail(nil)
	if err := r.Send(context.Background(), "13800000001", "x"); err != nil {
		t.Fatal(err)
	}
	if n := len(r.Messages()); n != 1 {
		t.Fatalf("%d messages kept", n)
	}
}

func TestRecordingSMSConcurrentAndWaitFor(t *testing.T) {
	r := NewRecordingSMS()
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			_ = r.Send(context.Background(), "13800000001", strings.Repeat("x", i))
		})
	}
	go func() {
		time.Sleep(10 * time.Millisecond)
		_ = r.Send(context.Background(), "13800000009", "late")
	}()
	m, ok := r.WaitFor("13800000009", func(m SMS) bool { return m.Text == "late" }, 5*time.Second)
	if !ok || m.Text != "late" {
		t.Fatalf("WaitFor = %+v, %v", m, ok)
	}
	wg.Wait()
	if n := len(r.To("13800000001")); n != 20 {
		t.Fatalf("%d messages after 20 concurrent sends", n)
	}
	if _, ok := r.WaitFor("13800000010", nil, 20*time.Millisecond); ok {
		t.Fatal("WaitFor found a message nobody sent")
	}
}

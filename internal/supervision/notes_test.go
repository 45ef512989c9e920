package supervision

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// notice is one queued notice.
type notice struct {
	account int64
	text    string
}

// notes records notices as identity's NotifyAccountTx would queue them,
// with its 140-character limit; fail makes every call fail.
type notes struct {
	mu   sync.Mutex
	sent []notice
	fail bool
}

func (n *notes) notify(_ context.Context, _ *db.Tx, id int64, text string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.fail {
		return errors.New("sms queue down")
	}
	if text == "" || utf8.RuneCountInString(text) > 140 {
		return apperr.Invalid("text", "通知内容应为1到140个字")
	}
	n.sent = append(n.sent, notice{id, text})
	return nil
}

// to returns the texts sent to an account.
func (n *notes) to(id int64) []string {
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []string
	for _, x := range n.sent {
		if x.account == id {
			out = append(out, x.text)
		}
	}
	return out
}

// count is the number of notices sent.
func (n *notes) count() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.sent)
}

// fakeStaff names inspectors by street and the same approvers for every
// department, remembering which departments were asked for.
type fakeStaff struct {
	mu         sync.Mutex
	inspectors map[string][]int64
	approvers  []int64
	asked      []string
}

func (f *fakeStaff) InspectorsOf(_ context.Context, street string) ([]int64, error) {
	return slices.Clone(f.inspectors[street]), nil
}

func (f *fakeStaff) ApproversOf(_ context.Context, dept string) ([]int64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, dept)
	if !strings.HasPrefix(dept, district+"D") {
		return nil, errors.New("not a department code: " + dept)
	}
	return slices.Clone(f.approvers), nil
}

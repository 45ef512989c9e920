package approval

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// The gates below stand in for the verify, credit and esign modules in
// this package's tests; internal/app tests the real ones wired together.

// testIdentity passes accounts that have verified to a level.
type testIdentity struct{ levels map[int64]int }

func (g testIdentity) Require(_ context.Context, account int64, purpose string, level int) (Verified, error) {
	if g.levels[account] < level {
		return Verified{}, apperr.Forbidden("请先完成身份核验")
	}
	return Verified{ID: "ver-" + purpose, Name: "王小栖", IDNumber: applicantID}, nil
}

func (g testIdentity) Consume(_ context.Context, _ *db.Tx, account int64, id, purpose string, level int) (string, error) {
	if g.levels[account] < level || id != "ver-"+purpose {
		return "", apperr.Forbidden("身份核验已失效")
	}
	return "王小栖", nil
}

// testCredit refuses parties whose code is in black, warns for grey.
type testCredit struct{ black, grey map[string]bool }

func (c testCredit) Admit(_ context.Context, req CreditRequest) (CreditResult, error) {
	res := CreditResult{Outcome: CreditPass}
	for _, p := range req.Parties {
		switch {
		case c.black[p.Code]:
			res.Outcome = CreditRefuse
			res.Reasons = append(res.Reasons, p.Role.Name()+p.Masked().Name+"列入严重失信主体名单")
		case c.grey[p.Code] && res.Outcome == CreditPass:
			res.Outcome = CreditWarn
			res.Reasons = append(res.Reasons, p.Role.Name()+"有一般失信记录")
		}
	}
	res.Decision, _ = json.Marshal(res)
	return res, nil
}

// testSigner records what was signed.
type testSigner struct {
	mu   sync.Mutex
	docs []SignDoc
}

func (s *testSigner) Sign(_ context.Context, _ *db.Tx, d SignDoc) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.docs = append(s.docs, d)
	return "sig", nil
}

// testNotifier records messages.
type testNotifier struct {
	mu   sync.Mutex
	sent map[int64][]string
}

func (n *testNotifier) Notify(_ context.Context, _ *db.Tx, account int64, text string) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.sent == nil {
		n.sent = map[int64][]string{}
	}
	n.sent[account] = append(n.sent[account], text)
	return nil
}

// applicantID is the ID number the test identity gate verifies for every
// applicant (valid check digit).
const applicantID = "320113198505120031"

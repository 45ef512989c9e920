package identity

import (
	"context"
	"fmt"
	"unicode/utf8"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// maxNoticeLen bounds a notice: about two SMS segments.
const maxNoticeLen = 140

// NotifyAccountArgs is an SMS notice to an account's own phone, queued by
// other modules in the transaction of the change it reports. The text must
// carry no personal data: job arguments are stored in clear.
type NotifyAccountArgs struct {
	AccountID int64  `json:"account_id"`
	Text      string `json:"text"`
}

// Kind names the job.
func (NotifyAccountArgs) Kind() string { return "identity.notify_account" }

// NotifyAccountTx notifies an account in tx: the notice is kept for the
// account's in-app messages (我的消息) and an SMS to its phone is queued,
// sent once tx commits, by any node.
func (s *Service) NotifyAccountTx(ctx context.Context, tx *db.Tx, accountID int64, text string) error {
	if text == "" || utf8.RuneCountInString(text) > maxNoticeLen {
		return apperr.Invalid("text", "通知内容应为1到140个字")
	}
	if _, err := tx.Exec(ctx, `INSERT INTO notices (account_id, text, created_at) VALUES (?, ?, ?)`,
		accountID, text, tx.Now()); err != nil {
		return fmt.Errorf("identity: keep notice: %w", err)
	}
	return s.q.InsertTx(ctx, tx, NotifyAccountArgs{AccountID: accountID, Text: text}, nil)
}

// NotifyAccountWorker sends queued notices.
type NotifyAccountWorker struct {
	river.WorkerDefaults[NotifyAccountArgs]
	s *Service
}

// Work sends the notice; an account without a phone is skipped with a log
// line, a failed send is retried by River.
func (w *NotifyAccountWorker) Work(ctx context.Context, job *jobs.Job[NotifyAccountArgs]) error {
	return w.s.smsAccount(ctx, job.Args.AccountID, "notify", "notice not sent",
		func(*accountRow) string { return job.Args.Text })
}

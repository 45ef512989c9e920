package approval

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// maxMessageLen bounds one consultation message.
const maxMessageLen = 500

// Message is one consultation message between the applicant and staff.
type Message struct {
	At        time.Time `json:"at"`
	FromStaff bool      `json:"from_staff"`
	Author    string    `json:"author"` // staff shown masked to the applicant
	Body      string    `json:"body"`
}

// PostMessage adds a message to an application's consultation: the
// applicant asks, anyone handling the application answers. The other side
// is told: staff answers reach the applicant by SMS.
func (s *Service) PostMessage(ctx context.Context, actor *authz.Actor, id int64, body string) error {
	body = strings.TrimSpace(body)
	if n := utf8.RuneCountInString(body); n == 0 || n > maxMessageLen {
		return apperr.Invalid("body", "留言应为1到500个字")
	}
	f, err := s.Get(ctx, actor, id)
	if err != nil {
		return err
	}
	if f.State == StateDraft {
		return apperr.Conflict("提交后才能咨询")
	}
	fromStaff := f.ApplicantID != actor.AccountID
	return s.DB.InTx(ctx, func(tx *db.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO application_messages (application_id, at, author_id, author_name, from_staff, body)
			VALUES (?, ?, ?, ?, ?, ?)`, id, tx.Now(), actor.AccountID, actor.Name, fromStaff, body); err != nil {
			return fmt.Errorf("approval: message: %w", err)
		}
		if err := addEvent(ctx, tx, &f.Application, actor, "message", f.State, "", true); err != nil {
			return err
		}
		if fromStaff {
			return s.notify(ctx, tx, &f.Application, "您的办件"+f.Number+"有新的答复，请登录查看。")
		}
		return nil
	})
}

// Messages lists an application's consultation, oldest first.
func (s *Service) Messages(ctx context.Context, actor *authz.Actor, id int64) ([]Message, error) {
	f, err := s.Get(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.DB.Query(ctx, `SELECT at, from_staff, body, author_name FROM application_messages
		WHERE application_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("approval: messages: %w", err)
	}
	defer rows.Close()
	out := []Message{}
	for rows.Next() {
		var m Message
		if err := rows.Scan(&m.At, &m.FromStaff, &m.Body, &m.Author); err != nil {
			return nil, fmt.Errorf("approval: messages: %w", err)
		}
		if m.FromStaff && f.ApplicantID == actor.AccountID {
			m.Author = "工作人员 " + gm.MaskName(m.Author)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

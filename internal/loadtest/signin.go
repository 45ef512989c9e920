package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/notify"
)

// session is the part of the sign-in answer the scenario needs.
type session struct {
	CSRFToken string `json:"csrf_token"`
	Account   struct {
		ID int64 `json:"id"`
	} `json:"account"`
}

// signInStaff signs a staff member in with a password through the API.
func signInStaff(ctx context.Context, c *Client, rec *Recorder, username, password string) error {
	var s session
	err := c.JSON(ctx, rec, "sign-in.staff", http.MethodPost, "/api/v1/sessions/staff",
		map[string]string{"username": username, "password": password}, &s)
	if err != nil {
		return fmt.Errorf("loadtest: sign in %s: %w", username, err)
	}
	c.csrf = s.CSRFToken
	return nil
}

// signInResident asks for an SMS code, reads it from the recording SMS
// gateway (the code is sent before the request answers) and signs in.
func signInResident(ctx context.Context, c *Client, rec *Recorder, sms *notify.RecordingSMS, phone string) error {
	since := time.Now()
	if err := c.JSON(ctx, rec, "sign-in.sms-code", http.MethodPost, "/api/v1/sessions/sms-code",
		map[string]string{"phone": phone}, nil); err != nil {
		return fmt.Errorf("loadtest: sms code for resident: %w", err)
	}
	code, ok := codeSince(sms, phone, since)
	if !ok {
		return fmt.Errorf("loadtest: no sign-in code was sent to resident %s", maskPhone(phone))
	}
	var s session
	if err := c.JSON(ctx, rec, "sign-in.resident", http.MethodPost, "/api/v1/sessions/resident",
		map[string]string{"phone": phone, "code": code}, &s); err != nil {
		return fmt.Errorf("loadtest: sign in resident: %w", err)
	}
	c.csrf = s.CSRFToken
	return nil
}

// codePattern finds the code in a text that carries one ("…验证码为123456，…").
var codePattern = regexp.MustCompile(`验证码为?(\d{6})`)

// codeSince returns the code in the latest text with a code sent to phone
// since then. Codes are texted before the request that asks for them
// answers; other texts (notices of earlier applications, sent by jobs)
// carry no "验证码" and are skipped.
func codeSince(sms *notify.RecordingSMS, phone string, since time.Time) (string, bool) {
	msgs := sms.To(phone)
	for i := len(msgs) - 1; i >= 0 && !msgs[i].SentAt.Before(since); i-- {
		if m := codePattern.FindStringSubmatch(msgs[i].Text); m != nil {
			return m[1], true
		}
	}
	return "", false
}

// maskPhone keeps the first 3 and last 4 digits, as screens do.
func maskPhone(p string) string {
	if len(p) != 11 {
		return "***"
	}
	return p[:3] + "****" + p[7:]
}

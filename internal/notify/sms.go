package notify

import "context"

// SMSSender delivers one text message to one mainland mobile number.
//
// Contract for implementations (a real gateway adapter must honour it):
//   - phone is the normalised 11-digit number (see check.Phone); text is
//     the full message in Chinese, signature included (e.g. "【善治】…").
//   - Send returns nil only once the provider has accepted the message; an
//     error means it may not have been sent, and callers may retry (durable
//     senders run inside River jobs, which retry with backoff).
//   - Send honours ctx's deadline and cancellation: no call may hang.
//   - Send must never log the phone number or the text in clear: a message
//     may carry a login code, and a phone number is personal data. Log
//     gm.MaskPhone(phone) at most.
//   - Implementations are safe for concurrent use.
//
// A gateway adapter typically maps text to a provider template ID and
// parameters, signs the request with the district's credentials and
// reports the provider's error code in the returned error (without the
// phone number).
type SMSSender interface {
	Send(ctx context.Context, phone, text string) error
}

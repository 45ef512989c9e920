package identity

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// WebSessions adapts the service to the web layer's session source: pass
// it as web.Config.Sessions.
func (s *Service) WebSessions() web.SessionSource { return webSessions{s} }

type webSessions struct{ s *Service }

// Lookup implements web.SessionSource.
func (w webSessions) Lookup(ctx context.Context, token string) (*authz.Actor, web.SessionInfo, error) {
	actor, sess, err := w.s.Lookup(ctx, token)
	if err != nil {
		return nil, web.SessionInfo{}, err
	}
	return actor, web.SessionInfo{ID: sess.ID, CSRFToken: sess.CSRFToken}, nil
}

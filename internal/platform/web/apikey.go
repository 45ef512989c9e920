package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// APIKeyInfo is what the web layer needs to know of an API key.
type APIKeyInfo struct {
	// ID identifies the key (never the secret): it scopes Idempotency-Keys
	// and appears in the request log.
	ID string
}

// APIKeySource resolves the secret of an "Authorization: Bearer" header
// (Open311 and system-to-system clients). An unknown or revoked key returns
// an error whose apperr code is unauthorized or not_found.
type APIKeySource interface {
	Lookup(ctx context.Context, key string) (*authz.Actor, APIKeyInfo, error)
}

// bearerToken returns the token of an "Authorization: Bearer …" header.
func bearerToken(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// useAPIKey authenticates an API call by its key. A request that presents
// a key and fails is refused: it never silently falls back to anonymous.
func (rt *Router) useAPIKey(ctx context.Context, st *reqState, key string) error {
	if rt.cfg.APIKeys == nil {
		return apperr.New(apperr.CodeUnauthorized, "本服务不接受 API 密钥")
	}
	if !plausibleToken(key) {
		return apperr.New(apperr.CodeUnauthorized, "API 密钥无效")
	}
	actor, info, err := rt.cfg.APIKeys.Lookup(ctx, key)
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.CodeUnauthorized, apperr.CodeNotFound:
			return apperr.Wrap(apperr.CodeUnauthorized, "API 密钥无效或已停用", err)
		}
		return apperr.Wrap(apperr.CodeUnavailable, "暂时无法验证 API 密钥，请稍后重试", err)
	}
	if actor == nil || info.ID == "" {
		return apperr.New(apperr.CodeUnauthorized, "API 密钥无效或已停用")
	}
	st.setActor(actor, "")
	st.apiKeyID = info.ID
	return nil
}

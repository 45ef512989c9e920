package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Idempotency headers.
const (
	IdempotencyHeader = "Idempotency-Key"
	ReplayedHeader    = "Idempotent-Replayed"
	maxIdempotencyKey = 128
)

// ValidIdempotencyKey reports whether k is 1–128 printable ASCII characters.
func ValidIdempotencyKey(k string) bool {
	if len(k) == 0 || len(k) > maxIdempotencyKey {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// idempotent makes an API POST carrying an Idempotency-Key run at most
// once per (caller, key): a repeat with the same request gets the stored
// response, a repeat with a different request 422, a repeat while the
// first still runs waits for it (409 when it takes too long).
func (rt *Router) idempotent(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		k, present, err := rt.idemKeyOf(w, r)
		if err != nil {
			rt.fail(w, r, err)
			return
		}
		if !present {
			next.ServeHTTP(w, r)
			return
		}
		rec, claimed, err := rt.idem.claim(r.Context(), k)
		if err != nil {
			rt.fail(w, r, err)
			return
		}
		if !claimed {
			replay(w, rec)
			return
		}
		rt.runClaimed(w, r, k, next)
	})
}

// idemKeyOf reads and checks the key, and hashes the request; present is
// false when the request carries no key.
func (rt *Router) idemKeyOf(w http.ResponseWriter, r *http.Request) (k idemKey, present bool, err error) {
	vals := r.Header.Values(IdempotencyHeader)
	if len(vals) == 0 {
		return idemKey{}, false, nil
	}
	if len(vals) > 1 || !ValidIdempotencyKey(vals[0]) {
		return k, true, apperr.Invalid(IdempotencyHeader, "Idempotency-Key 应为 1 到 128 个可打印 ASCII 字符")
	}
	st := stateFrom(r.Context())
	scope := idemScope(st)
	if scope == "" {
		return k, true, apperr.Invalid(IdempotencyHeader, "Idempotency-Key 仅用于已登录或持有 API 密钥的请求")
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, rt.cfg.MaxIdempotentBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return k, true, errTooLarge(rt.cfg.MaxIdempotentBytes)
		}
		return k, true, apperr.Wrap(apperr.CodeInvalid, "请求内容无法读取", err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	k = idemKey{scope: scope, key: vals[0], method: r.Method, path: r.URL.Path,
		hash: requestHash(r.Method, r.URL.RequestURI(), body)}
	return k, true, nil
}

// idemScope is who sent the request: keys of different callers never meet.
func idemScope(st *reqState) string {
	switch {
	case st.apiKeyID != "":
		return "apikey:" + st.apiKeyID
	case st.actor != nil && st.actor.AccountID != 0:
		return "account:" + strconv.FormatInt(st.actor.AccountID, 10)
	}
	return ""
}

// requestHash is the SHA-256 of method, path with query, and body.
func requestHash(method, uri string, body []byte) string {
	h := sha256.New()
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write([]byte(uri))
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// runClaimed runs the handler for a claimed key, capturing its response:
// a response below 500 is stored for replay; a 5xx or a panic releases the
// key so the client may retry.
func (rt *Router) runClaimed(w http.ResponseWriter, r *http.Request, k idemKey, next http.Handler) {
	cw := &captureWriter{header: w.Header()}
	// Finishing must not depend on the client still listening.
	done, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 10*time.Second)
	defer cancel()
	defer func() {
		if p := recover(); p != nil {
			if err := rt.idem.release(done, k); err != nil {
				noteError(r.Context(), err)
			}
			panic(p)
		}
	}()
	next.ServeHTTP(cw, r)
	status := cw.code()
	var err error
	if status < 500 {
		err = rt.idem.complete(done, k, status, w.Header().Get("Content-Type"), cw.body.Bytes())
	} else {
		err = rt.idem.release(done, k)
	}
	if err != nil {
		noteError(r.Context(), err)
	}
	w.WriteHeader(status)
	_, _ = w.Write(cw.body.Bytes())
}

// replay answers a stored response.
func replay(w http.ResponseWriter, rec idemRecord) {
	if rec.contentType != "" {
		w.Header().Set("Content-Type", rec.contentType)
	}
	w.Header().Set(ReplayedHeader, "true")
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body)
}

// captureWriter buffers a response to store it before it is sent. Headers
// go straight to the real response.
type captureWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

// Header implements http.ResponseWriter.
func (c *captureWriter) Header() http.Header { return c.header }

// WriteHeader implements http.ResponseWriter.
func (c *captureWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}

// Write implements http.ResponseWriter.
func (c *captureWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.body.Write(b)
}

func (c *captureWriter) code() int {
	if c.status == 0 {
		return http.StatusOK
	}
	return c.status
}

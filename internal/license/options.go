package license

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// MarkSource draws an issuing department's seal mark: a PNG image of the
// seal printed on licence PDFs (the seal module's Service.Mark). The image
// proves nothing by itself; the SM2 seal and the QR code's online check do.
type MarkSource interface {
	Mark(ctx context.Context, deptCode string) ([]byte, error)
}

// Option configures the licence service.
type Option func(*Service)

// WithMarks prints each issuing department's seal mark on licence PDFs.
// Without it the PDFs carry no seal image.
func WithMarks(m MarkSource) Option { return func(s *Service) { s.marks = m } }

// WithBaseURL sets the absolute address of the public site, e.g.
// https://zwfw.example.gov.cn: QR codes and share links must work from a
// phone that scans paper, so a relative path will not do. Without it PDFs
// and share links cannot be made (an unavailable error says so).
func WithBaseURL(base string) Option { return func(s *Service) { s.baseURL = base } }

// WithDemoMark prints "演示证照 · 不具法律效力" on every PDF: the demo's
// departments have made-up credit codes and its seals a demo CA.
func WithDemoMark(on bool) Option { return func(s *Service) { s.demo = on } }

// normalizeBaseURL checks a base URL: http or https, a host, no query or
// fragment; the trailing slash is dropped so paths can be appended.
func normalizeBaseURL(base string) (string, error) {
	if base == "" {
		return "", nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" ||
		u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("license: base URL %q must be an absolute http(s) address without query", base)
	}
	return strings.TrimRight(base, "/"), nil
}

// errNoBaseURL is returned where an absolute link is needed and the
// wiring gave none.
var errNoBaseURL = apperr.New(apperr.CodeUnavailable, "未配置站点地址，无法生成二维码和分享链接")

// absolute returns the site address of path, which starts with "/".
func (s *Service) absolute(path string) (string, error) {
	if s.baseURL == "" {
		return "", errNoBaseURL
	}
	return s.baseURL + path, nil
}

// VerifyPath is the public verification page of an identifier, the
// address the licence's QR code holds (relative to the site).
func VerifyPath(identifier string) string {
	return "/licences/verify?id=" + url.QueryEscape(identifier)
}

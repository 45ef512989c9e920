package open311

import (
	"errors"
	"mime"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/workorder"
)

// maxPostBytes bounds a POST body: a 4,000-character description and the
// attributes fit many times over.
const maxPostBytes = 64 << 10

// post files a service request as an order sent with the caller's API key
// (recorded under the key's channel) and answers its number.
func (h *Handlers) post(w http.ResponseWriter, r *http.Request, f format) error {
	if err := readForm(w, r); err != nil {
		return err
	}
	if err := h.checkJurisdiction(r.Form); err != nil {
		return err
	}
	actor, err := h.keyActor(r)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(r.Form.Get("service_code"))
	if code == "" {
		return invalid("service_code", "请提供服务类型（service_code）")
	}
	c, err := h.service(r, code)
	if err != nil {
		return err
	}
	in, err := fileInput(r.Form, c)
	if err != nil {
		return err
	}
	filed, err := h.svc.File(r.Context(), actor, in)
	if err != nil {
		return err
	}
	write(w, f, http.StatusCreated, serviceRequests[Receipt]{Items: []Receipt{{ID: filed.Order.Number,
		Notice: notice(c)}}})
	return nil
}

// readForm parses a form-encoded body within maxPostBytes; parameters in
// the query string count too (clients put api_key there).
func readForm(w http.ResponseWriter, r *http.Request) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/x-www-form-urlencoded" {
		return invalid("Content-Type", "请以 application/x-www-form-urlencoded 格式提交")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxPostBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return apperr.New(apperr.CodeTooLarge, "提交的内容过大，不能超过64 KB")
		}
		return apperr.Wrap(apperr.CodeInvalid, "提交的表单无法读取", err)
	}
	return nil
}

// keyActor resolves the api_key parameter to the key's actor: 403 when it
// is missing, unknown, revoked or of another district.
func (h *Handlers) keyActor(r *http.Request) (*authz.Actor, error) {
	secret := strings.TrimSpace(r.Form.Get("api_key"))
	if secret == "" {
		return nil, forbidden("缺少 api_key：提交诉求须使用区工单系统发放的API密钥")
	}
	actor, _, err := h.svc.Lookup(r.Context(), secret)
	switch {
	case apperr.CodeOf(err) == apperr.CodeUnauthorized:
		return nil, forbidden("api_key 无效或已停用")
	case err != nil:
		return nil, err
	case actor.District != h.district:
		return nil, forbidden("api_key 不属于本辖区")
	}
	return actor, nil
}

// notice says what happens next: the category's time limits.
func notice(c workorder.Category) string {
	response, resolution := c.LimitsFor(workorder.UrgencyNormal)
	if response.IsZero() || resolution.IsZero() {
		return "诉求已受理，将按规定时限办理。"
	}
	return "诉求已受理，将在" + response.String() + "内响应、" + resolution.String() + "内办结。"
}

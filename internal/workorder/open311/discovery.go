package open311

import (
	"net/http"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// Specification is the token of GeoReport v2 in discovery documents.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// keyService tells how to get an api_key.
const keyService = "API密钥（api_key）由区工单系统管理员在管理后台「工单接入密钥」中创建，每个密钥对应一个接入渠道；" +
	"请通过12345政务服务便民热线或区政务服务管理部门申请。"

// discovery answers the service discovery document. Its changesets are
// the publication time of the category tree: services and their
// definitions change only then.
func (h *Handlers) discovery(w http.ResponseWriter, r *http.Request, f format) error {
	tree, err := h.svc.CurrentTree(r.Context(), h.district)
	if err != nil {
		return err
	}
	changeset := ""
	if tree.PublishedAt != nil {
		changeset = w3c(*tree.PublishedAt)
	}
	write(w, f, http.StatusOK, Discovery{Changeset: changeset, Contact: h.contact, KeyService: keyService,
		Endpoints: []Endpoint{{Specification: Specification, URL: h.endpointURL(r), Changeset: changeset,
			Type: "production", Formats: []string{"text/xml", "application/json"}}}})
	return nil
}

// endpointURL is the absolute address of Prefix.
func (h *Handlers) endpointURL(r *http.Request) string {
	if h.baseURL != "" {
		return h.baseURL + Prefix
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host + Prefix
}

// w3c writes a time in the spec's W3C form, in China time (+08:00) so
// that people read the local clock: 2026-03-02T09:30:00+08:00.
func w3c(t time.Time) string { return web.InChina(t).Format(time.RFC3339) }

package approval

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// noticeKind is one of the written documents of an application.
type noticeKind struct {
	file  string // the path's last segment
	label string
	// ready reports whether the application has the document yet.
	ready func(a Application) bool
	build func(n noticeData) *pdfdoc.Doc
}

// noticeKinds are the documents an application may have: the acceptance
// notice (受理通知书), the notice of refusal to accept (不予受理通知书)
// and the decision (准予/不予行政许可决定书).
var noticeKinds = []noticeKind{
	{"acceptance.pdf", "受理通知书", func(a Application) bool { return a.AcceptanceNo != "" }, acceptanceDocument},
	{"rejection.pdf", "不予受理通知书", func(a Application) bool { return a.State == StateRejected }, rejectionDocument},
	{"decision.pdf", "行政许可决定书", func(a Application) bool { return a.Decision != "" }, decisionDocument},
}

// registerNoticePDFs serves each document twice: under the console for
// staff, and at /applications/{id}/… for anyone who may read the
// application, its applicant included (the applicant pages link there).
func (h *Handlers) registerNoticePDFs(rt *web.Router) {
	for _, k := range noticeKinds {
		rt.Page("GET /console/applications/{id}/"+k.file, h.noticePDF(k, true), web.SignedIn)
		rt.Page("GET /applications/{id}/"+k.file, h.noticePDF(k, false), web.SignedIn)
	}
}

// pdfLinks lists the documents an application has, under prefix ("" or
// "/console").
func pdfLinks(prefix string, a Application) []option {
	var out []option
	for _, k := range noticeKinds {
		if k.ready(a) {
			out = append(out, option{Value: prefix + "/applications/" + strconv.FormatInt(a.ID, 10) + "/" + k.file, Label: k.label})
		}
	}
	return out
}

// noticePDF answers one document of the path's application.
func (h *Handlers) noticePDF(k noticeKind, console bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, actor := r.Context(), web.ActorFrom(r.Context())
		id, err := formID(r, "id")
		if err == nil && console {
			err = mayConsole(actor)
		}
		var n noticeData
		if err == nil {
			n, err = h.noticeDataOf(ctx, actor, id)
		}
		if err == nil && !k.ready(n.Application) {
			err = apperr.NotFound("该办件尚无" + k.label)
		}
		var b []byte
		if err == nil {
			b, err = k.build(n).Bytes()
		}
		if err != nil {
			h.rd.Error(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Disposition", `inline; filename="`+n.Number+"-"+k.file+`"`)
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		_, _ = w.Write(b)
	}
}

// noticeData is what the documents of an application say.
type noticeData struct {
	Filed
	Applicant   string // masked: documents may be forwarded
	Point       string // the accepting service point
	Government  string // the people's government a reconsideration goes to
	LegalDue    string
	PromisedDue string
	RejectedAt  time.Time
}

// noticeDataOf reads an application for the actor (see Service.Get) with
// the names its documents print.
func (h *Handlers) noticeDataOf(ctx context.Context, actor *authz.Actor, id int64) (noticeData, error) {
	f, err := h.svc.Get(ctx, actor, id)
	if err != nil {
		return noticeData{}, err
	}
	n := noticeData{Filed: f, Point: f.AcceptedPoint}
	if err := h.namesForNotice(ctx, &n); err != nil {
		return noticeData{}, err
	}
	if !f.AcceptedAt.IsZero() {
		// The dates as of acceptance: the notice says what was promised then.
		for _, x := range []struct {
			days int
			out  *string
		}{{f.LegalDays, &n.LegalDue}, {f.PromisedDays, &n.PromisedDue}} {
			*x.out = dateCN(Limit{Days: x.days, Start: f.AcceptedAt}.Due(h.svc.Calendar, f.AcceptedAt))
		}
	}
	return n, nil
}

// namesForNotice fills the applicant, point and government names.
func (h *Handlers) namesForNotice(ctx context.Context, n *noticeData) error {
	if n.Point != "" {
		if p, err := h.svc.Org.GetServicePoint(ctx, nil, n.Point); err == nil {
			n.Point = p.Name
		}
	}
	d, err := h.svc.Org.GetDistrict(ctx, nil, n.District)
	if err != nil {
		return fmt.Errorf("approval: notice: district: %w", err)
	}
	n.Government = d.Name + "人民政府"
	var name string
	err = h.svc.DB.QueryRow(ctx, `SELECT actor_name FROM application_events WHERE application_id = ? AND kind = 'submit'
		ORDER BY id LIMIT 1`, n.ID).Scan(&name)
	if err != nil {
		return fmt.Errorf("approval: notice: applicant: %w", err)
	}
	n.Applicant = gm.MaskName(name)
	if n.State == StateRejected {
		err := h.svc.DB.QueryRow(ctx, `SELECT at FROM application_events WHERE application_id = ? AND kind = 'reject'
			ORDER BY id DESC LIMIT 1`, n.ID).Scan(&n.RejectedAt)
		if err != nil {
			return fmt.Errorf("approval: notice: rejection: %w", err)
		}
	}
	for _, p := range n.Parties {
		if n.ApplicantKind == ApplicantEnterprise && p.SubjectKind == "entity" {
			n.Applicant = p.Name // an enterprise's name is public
			break
		}
	}
	return nil
}

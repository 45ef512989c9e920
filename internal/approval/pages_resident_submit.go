package approval

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// rAnswer is one form answer as the signed document lists it.
type rAnswer struct{ Label, Value string }

// rSubmitView is the data of the identity-and-submission page.
type rSubmitView struct {
	rResidentPage
	App         Application
	Items       []catalog.Version
	Verify      rVerifyView
	Answers     []rAnswer
	Parties     []Party
	Commitments []catalog.Item
	Problems    []rProblem
	Alert       string
	Refused     []string // the credit check's reasons
	// HandwritingError explains a refused handwritten signature.
	HandwritingError string
}

// mySubmitPage explains the identity level the items need, walks the
// verification steps (?v= is the verification in progress), shows what
// the applicant signs, and offers to submit.
func (h *Handlers) mySubmitPage(w http.ResponseWriter, r *http.Request) {
	d, ok := h.rEditable(w, r)
	if !ok {
		return
	}
	h.rRender(w, r, http.StatusOK, "r_submit", h.rSubmitOf(r, d, r.URL.Query().Get("v")))
}

// rSubmitOf builds the submission page.
func (h *Handlers) rSubmitOf(r *http.Request, d Detail, vid string) rSubmitView {
	need := h.svc.levelOf(d.Filed)
	v := rSubmitView{rResidentPage: rAssets, App: d.Application, Items: d.Items,
		Verify: h.rVerifyOf(r.Context(), rActorOf(r), rAppPath(d.ID, "", nil), VerificationPurpose(d.ID), vid, need)}
	if need <= LevelSMS {
		v.Verify.Done, v.Verify.Next = true, ""
	}
	for _, fd := range MergedForm(d.Items) {
		if s := rShownAnswer(fd, d.Form[fd.Name]); s != "" {
			v.Answers = append(v.Answers, rAnswer{Label: fd.Label, Value: s})
		}
	}
	for _, p := range d.Parties {
		v.Parties = append(v.Parties, p.Masked())
	}
	if d.UseCommitment {
		for _, it := range d.Items {
			if it.Item.Commitment.Allowed {
				v.Commitments = append(v.Commitments, it.Item)
			}
		}
	}
	return v
}

// rShownAnswer writes an answer for the signature summary, with ID
// numbers and phone numbers masked.
func rShownAnswer(fd catalog.FormField, a any) string {
	switch fd.Type {
	case catalog.FieldIDNumber:
		return gm.MaskIDNumber(rTextOf(a))
	case catalog.FieldPhone:
		return gm.MaskPhone(rTextOf(a))
	case catalog.FieldFile:
		if rTextOf(a) != "" {
			return "已上传"
		}
		return ""
	case catalog.FieldTable:
		if n := len(rListOf(a)); n > 0 {
			return strconv.Itoa(n) + "行"
		}
		return ""
	case catalog.FieldMultiChoice:
		var out []string
		for _, x := range rListOf(a) {
			out = append(out, rTextOf(x))
		}
		return strings.Join(out, "、")
	}
	return rTextOf(a)
}

// myVerifyApp runs one verification step for the application.
func (h *Handlers) myVerifyApp(w http.ResponseWriter, r *http.Request) {
	d, ok := h.rEditable(w, r)
	if !ok {
		return
	}
	vid, err := h.rRunStep(r, VerificationPurpose(d.ID))
	if err == nil {
		rSee(w, r, rWithV(rAppPath(d.ID, "submit", nil), vid))
		return
	}
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	v := h.rSubmitOf(r, d, vid)
	rStepFailed(&v.Verify, r, err)
	if e, ok := apperr.As(err); ok && e.Fields["handwriting"] != "" {
		v.HandwritingError = e.Fields["handwriting"]
	}
	h.rRender(w, r, web.StatusOf(err), "r_submit", v)
}

// maxHandwritingField bounds the data URL of a handwritten signature.
const maxHandwritingField = 400 << 10

// rHandwriting decodes the signature pad's PNG data URL; empty is none.
func rHandwriting(v string) ([]byte, error) {
	if v == "" {
		return nil, nil
	}
	const prefix = "data:image/png;base64,"
	if len(v) > maxHandwritingField || !strings.HasPrefix(v, prefix) {
		return nil, apperr.Invalid("handwriting", "手写签名图片无效，请重写")
	}
	b, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(v, prefix))
	if err != nil {
		return nil, apperr.Invalid("handwriting", "手写签名图片无效，请重写")
	}
	return b, nil
}

// mySubmit signs and submits; refusals are shown on the page: every
// missing piece at once with links to the form, or the credit check's
// reasons.
func (h *Handlers) mySubmit(w http.ResponseWriter, r *http.Request) {
	d, ok := h.rEditable(w, r)
	if !ok {
		return
	}
	rev, err := strconv.Atoi(r.PostFormValue("revision"))
	if err != nil {
		rev = -2 // never a revision: the service answers "stale page"
	}
	hand, err := rHandwriting(r.PostFormValue("handwriting"))
	if err == nil {
		_, err = h.svc.SubmitSigned(r.Context(), rActorOf(r), d.ID, rev, hand)
	}
	if err == nil {
		rSee(w, r, rAppPath(d.ID, "", url.Values{"submitted": {"1"}}))
		return
	}
	if !rShown(err) {
		h.rFail(w, r, err)
		return
	}
	if d2, err2 := h.svc.Detail(r.Context(), rActorOf(r), d.ID); err2 == nil {
		d = d2 // the credit outcome may have been recorded
	}
	v := h.rSubmitOf(r, d, r.PostFormValue("v"))
	problems, msg := rFieldsOf(err)
	v.Problems, v.Alert = rProblemList(problems, d.Items), msg
	if apperr.CodeOf(err) == apperr.CodeForbidden && strings.HasPrefix(msg, "信用准入未通过：") {
		v.Alert, v.Refused = "信用准入未通过，暂不能提交。", strings.Split(strings.TrimPrefix(msg, "信用准入未通过："), "；")
	}
	h.rRender(w, r, web.StatusOf(err), "r_submit", v)
}

package approval

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

// rMaxFaceBytes bounds the face photo read from a page post; the verify
// service applies its own, usually smaller, limit with a clear message.
const rMaxFaceBytes = 10 << 20

// rVerifyView is the identity verification box of a page: the level
// needed, where the applicant stands and the form of the next step. Base
// is the page the steps post under (…/verify/start, /carrier, /sms,
// /code, /face).
type rVerifyView struct {
	Base, ID         string
	Need             int
	NeedName         string
	Level            int
	LevelName        string
	Next             string // start, carrier, sms, face or "" when done
	Done             bool
	Name, Phone      string // masked, once the carrier check passed
	CodeSent         bool   // a code of this verification was texted
	CodeMinutes      int    // how long a code lives
	Errors           map[string]string
	Alert            string
	TypedName, Typed string // what was typed, shown again after a refusal
}

// rLevelNames say the identity levels in words.
var rLevelNames = map[int]string{LevelSMS: verify.L1.Name(), LevelCarrier: verify.L2.Name(), LevelFace: verify.L3.Name()}

// rVerifyOf describes the verification vid (from the page's ?v=) for a
// need; a missing, foreign, used or expired one starts over.
func (h *Handlers) rVerifyOf(ctx context.Context, actor *authz.Actor, base, purpose, vid string, need int) rVerifyView {
	v := rVerifyView{Base: base, Need: need, NeedName: rLevelNames[need], Next: "start", Errors: map[string]string{},
		Level: LevelSMS, LevelName: rLevelNames[LevelSMS]}
	if vid == "" || len(vid) > 64 {
		return v
	}
	st, err := h.rSteps()
	if err != nil {
		v.Alert = rApperrMessage(err)
		return v
	}
	got, err := st.Get(ctx, actor, vid)
	if err != nil || got.Purpose != purpose || got.StatusAt(h.svc.DB.Clock.Now()) != verify.StatusOpen {
		return v
	}
	v.ID, v.Level = got.ID, int(got.Achieved())
	v.LevelName = rLevelNames[v.Level]
	if got.Carrier.Passed() {
		v.Name, v.Phone = got.Name.Masked(), got.Phone.Masked()
	}
	v.CodeSent = got.SMSSentAt != nil
	v.CodeMinutes = int(rCodeTTL(st) / time.Minute)
	if v.Level >= need {
		v.Done, v.Next = true, ""
	} else {
		v.Next = got.NextStep()
	}
	return v
}

// rCodeTTL is how long the verification's SMS codes live, for the hint.
func rCodeTTL(st IdentitySteps) time.Duration {
	if s, ok := st.(interface{ Config() verify.Config }); ok {
		return s.Config().SMSCodeTTL
	}
	return verify.DefaultConfig().SMSCodeTTL
}

// rRunStep runs one posted verification step for purpose and returns the
// verification id to show next; err is for the page to show.
func (h *Handlers) rRunStep(r *http.Request, purpose string) (string, error) {
	st, err := h.rSteps()
	if err != nil {
		return "", err
	}
	ctx, actor := r.Context(), rActorOf(r)
	vid := r.PostFormValue("v")
	switch r.PathValue("step") {
	case "start":
		v, err := st.Start(ctx, actor, purpose)
		return v.ID, err
	case "carrier":
		_, err := st.CheckCarrier(ctx, actor, vid, verify.CarrierInput{Name: r.PostFormValue("name"),
			IDNumber: r.PostFormValue("id_number"), Phone: r.PostFormValue("phone")})
		return vid, err
	case "sms":
		_, err := st.SendCode(ctx, actor, vid)
		return vid, err
	case "code":
		_, err := st.CheckCode(ctx, actor, vid, r.PostFormValue("code"))
		return vid, err
	case "face":
		img, err := rFaceImage(r)
		if err != nil {
			return vid, err
		}
		_, err = st.CheckFace(ctx, actor, vid, img)
		return vid, err
	}
	return vid, apperr.NotFound("页面不存在")
}

// rFaceImage reads the captured face photo of the face step.
func rFaceImage(r *http.Request) ([]byte, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File["image"]) == 0 || r.MultipartForm.File["image"][0].Filename == "" {
		return nil, apperr.Invalid("image", "请拍摄或选择一张本人正面照片")
	}
	f, err := r.MultipartForm.File["image"][0].Open()
	if err != nil {
		return nil, apperr.Invalid("image", "照片无法读取，请重新拍摄")
	}
	defer f.Close()
	return files.ReadLimited("image", f, rMaxFaceBytes)
}

// rStepFailed puts a step's error into the verification box: messages of
// the step's own fields beside them, anything else as its alert.
func rStepFailed(v *rVerifyView, r *http.Request, err error) {
	fields, msg := rFieldsOf(err)
	for k, m := range fields {
		v.Errors[k] = m
	}
	if len(fields) == 0 || apperr.CodeOf(err) != apperr.CodeInvalid {
		v.Alert = msg
	}
	v.TypedName = strings.TrimSpace(r.PostFormValue("name"))
	v.Typed = strings.TrimSpace(r.PostFormValue("phone"))
}

// rWithV adds the verification id to a page path.
func rWithV(path, vid string) string {
	if vid == "" {
		return path
	}
	return path + "?" + url.Values{"v": {vid}}.Encode()
}

// rApperrMessage is an error's message for a page.
func rApperrMessage(err error) string {
	_, msg := rFieldsOf(err)
	if msg == "" {
		return "操作未能完成，请稍后再试"
	}
	return msg
}

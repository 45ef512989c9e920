package verify

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/web"
)

// maxAPIBody bounds the JSON body of a verification API call.
const maxAPIBody = 4 << 10

// multipartSlack is what a multipart body may carry beyond the image:
// boundaries, part headers, small fields.
const multipartSlack = 16 << 10

// Handlers serves the verification API of the resident's phone flow.
type Handlers struct{ svc *Service }

// NewHandlers returns the handlers over svc.
func NewHandlers(svc *Service) *Handlers {
	if svc == nil {
		panic("verify: NewHandlers needs a service")
	}
	return &Handlers{svc: svc}
}

func (h *Handlers) apiStart(w http.ResponseWriter, r *http.Request) {
	var in StartRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	v, err := h.svc.Start(r.Context(), web.ActorFrom(r.Context()), in.Purpose)
	h.answer(w, r, http.StatusCreated, v, err)
}

func (h *Handlers) apiCarrier(w http.ResponseWriter, r *http.Request) {
	var in CarrierRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	v, err := h.svc.CheckCarrier(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"),
		CarrierInput(in))
	h.answer(w, r, http.StatusOK, v, err)
}

func (h *Handlers) apiSendCode(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.SendCode(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"))
	h.answer(w, r, http.StatusOK, v, err)
}

func (h *Handlers) apiCheckCode(w http.ResponseWriter, r *http.Request) {
	var in CodeRequest
	if err := web.DecodeJSON(r, &in, maxAPIBody); err != nil {
		web.WriteError(w, r, err)
		return
	}
	v, err := h.svc.CheckCode(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"), in.Code)
	h.answer(w, r, http.StatusOK, v, err)
}

func (h *Handlers) apiFace(w http.ResponseWriter, r *http.Request) {
	img, err := h.readImage(w, r)
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	v, err := h.svc.CheckFace(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"), img)
	h.answer(w, r, http.StatusOK, v, err)
}

func (h *Handlers) apiGet(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Get(r.Context(), web.ActorFrom(r.Context()), r.PathValue("id"))
	h.answer(w, r, http.StatusOK, v, err)
}

func (h *Handlers) answer(w http.ResponseWriter, r *http.Request, status int, v Verification, err error) {
	if err != nil {
		web.WriteError(w, r, err)
		return
	}
	web.WriteJSON(w, status, h.svc.resource(v, h.svc.now()))
}

// readImage reads the "image" part of a multipart body, at most one byte
// over the limit (so that CheckImage reports the size), ignoring others.
func (h *Handlers) readImage(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return nil, apperr.Invalid("image", msgMultipartOnly)
	}
	limit := h.svc.cfg.MaxImageBytes
	r.Body = http.MaxBytesReader(w, r.Body, limit+multipartSlack)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, apperr.Invalid("image", msgMultipartOnly)
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, apperr.Invalid("image", msgImageEmpty)
		}
		if err != nil {
			return nil, imageReadError(err, limit)
		}
		if part.FormName() != "image" {
			continue
		}
		img, err := io.ReadAll(io.LimitReader(part, limit+1))
		if err != nil {
			return nil, imageReadError(err, limit)
		}
		return img, nil
	}
}

// imageReadError explains a body that could not be read: too large, or
// not a well-formed multipart body.
func imageReadError(err error, limit int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return apperr.Invalid("image", sprintfSize(msgImageTooLarge, limit))
	}
	return apperr.Invalid("image", msgMultipartOnly)
}

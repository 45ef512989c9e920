package verify

import (
	"context"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// FaceOutcome is a face provider's answer apart from the score.
type FaceOutcome string

// The face outcomes.
const (
	// FaceCompared: the capture was compared with the ID photo; see Score.
	FaceCompared FaceOutcome = "compared"
	// FaceNoPhoto: the population registry has no photo for this identity.
	FaceNoPhoto FaceOutcome = "no_photo"
)

// FaceQuery is a live capture to compare with the ID photo of an identity.
type FaceQuery struct {
	Name     gm.Sensitive
	IDNumber gm.Sensitive
	// Image is the capture, already checked: JPEG or PNG by content, within
	// Config.MaxImageBytes.
	Image []byte
	// ImageType is "image/jpeg" or "image/png".
	ImageType string
}

// FaceResult is a face provider's answer.
type FaceResult struct {
	Outcome FaceOutcome
	// Score is the similarity from 0 to 1; the service compares it with
	// Config.FaceThreshold.
	Score float64
	// Reference is the provider's transaction id, kept as evidence.
	Reference string
}

// FaceMatch compares a live capture with the ID photo of (name, ID number)
// (人脸识别比对).
//
// A real provider (the public-security population photo comparison service,
// or a licensed vendor in front of it) implements it as one HTTPS call: it
// sends the image with the name and ID number, answers FaceCompared with a
// similarity score in [0, 1] (or FaceNoPhoto) and its transaction id,
// honours ctx's deadline and cancellation, and returns an error when it
// could not get an answer. Liveness detection happens in the capture SDK on
// the phone; the score threshold is the platform's (Config.FaceThreshold),
// not the provider's. Neither its logs nor its errors may contain the
// query's values or the image (the service logs provider errors).
type FaceMatch interface {
	// Provider names the provider in evidence and errors, e.g. "face-sim".
	Provider() string
	// MatchFace compares the capture with the ID photo.
	MatchFace(ctx context.Context, q FaceQuery) (FaceResult, error)
}

package verify

import (
	"bytes"
	"context"
	"strconv"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// FaceSimulator is the local stand-in for the face comparison service,
// used by the demo and the tests. It is deterministic and decides from the
// identity and from a marker anywhere in the image bytes (put it in a PNG
// tEXt chunk or a JPEG comment, which leave the picture valid):
//
//   - an ID number whose sequence code (digits 15–17) is 999 has no photo
//     in the registry: FaceNoPhoto;
//   - an image containing "SIMFACE:FAIL" scores 0.31 (below the default
//     threshold 0.80): the face does not match;
//   - an image containing "SIMFACE:SCORE=0.NN" scores 0.NN;
//   - any other image scores 0.93: the face matches. A real phone photo
//     therefore passes in the demo.
type FaceSimulator struct{}

// FaceSimulatorName is the simulator's provider name.
const FaceSimulatorName = "face-sim"

// The simulator's markers and scores.
const (
	FaceMarkerFail  = "SIMFACE:FAIL"
	FaceMarkerScore = "SIMFACE:SCORE="
	faceScorePass   = 0.93
	faceScoreFail   = 0.31
)

// NewFaceSimulator returns the simulator.
func NewFaceSimulator() *FaceSimulator { return &FaceSimulator{} }

// Provider implements FaceMatch.
func (FaceSimulator) Provider() string { return FaceSimulatorName }

// MatchFace implements FaceMatch.
func (FaceSimulator) MatchFace(ctx context.Context, q FaceQuery) (FaceResult, error) {
	if err := ctx.Err(); err != nil {
		return FaceResult{}, err
	}
	id := q.IDNumber.Reveal()
	res := FaceResult{Outcome: FaceCompared, Score: faceScorePass,
		Reference: "sim-" + gm.SM3Hex(append([]byte("face\x00"+id+"\x00"), q.Image...))[:16]}
	switch {
	case len(id) == 18 && id[14:17] == "999":
		res.Outcome, res.Score = FaceNoPhoto, 0
	case bytes.Contains(q.Image, []byte(FaceMarkerFail)):
		res.Score = faceScoreFail
	default:
		if s, ok := markedScore(q.Image); ok {
			res.Score = s
		}
	}
	return res, nil
}

// markedScore reads "SIMFACE:SCORE=0.NN" from the image.
func markedScore(img []byte) (float64, bool) {
	i := bytes.Index(img, []byte(FaceMarkerScore))
	if i < 0 {
		return 0, false
	}
	rest := img[i+len(FaceMarkerScore):]
	end := 0
	for end < len(rest) && end < 6 && (rest[end] == '.' || (rest[end] >= '0' && rest[end] <= '9')) {
		end++
	}
	s, err := strconv.ParseFloat(string(rest[:end]), 64)
	if err != nil || s < 0 || s > 1 {
		return 0, false
	}
	return s, true
}

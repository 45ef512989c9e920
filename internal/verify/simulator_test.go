package verify_test

import (
	"context"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
	"github.com/shanzhi-gov/shanzhi/internal/verify"
)

func TestCarrierSimulator(t *testing.T) {
	sim := verify.NewCarrierSimulator()
	sim.Register(phoneB, "李四", idA)
	cases := []struct {
		name, phone, person string
		want                verify.CarrierOutcome
	}{
		{"any identity on an ordinary number", phoneA, "张三", verify.CarrierMatch},
		{"number of someone else", phoneTaken, "张三", verify.CarrierMismatch},
		{"number not in service", phoneGone, "张三", verify.CarrierUnknownNumber},
		{"registered number, its owner", phoneB, "李四", verify.CarrierMatch},
		{"registered number, another name", phoneB, "张三", verify.CarrierMismatch},
	}
	for _, c := range cases {
		q := verify.CarrierQuery{Name: gm.NewSensitive(c.person), IDNumber: gm.NewSensitive(idA), Phone: gm.NewSensitive(c.phone)}
		res, err := sim.CheckCarrier(context.Background(), q)
		if err != nil || res.Outcome != c.want || res.Reference == "" {
			t.Errorf("%s: %+v, %v; want %s", c.name, res, err, c.want)
		}
		again, _ := sim.CheckCarrier(context.Background(), q)
		if again != res {
			t.Errorf("%s: not deterministic", c.name)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sim.CheckCarrier(ctx, verify.CarrierQuery{Phone: gm.NewSensitive(phoneA)}); err == nil {
		t.Error("cancelled context answered")
	}
}

func TestFaceSimulator(t *testing.T) {
	sim := verify.NewFaceSimulator()
	cases := []struct {
		name, id, marker string
		outcome          verify.FaceOutcome
		score            float64
	}{
		{"plain picture matches", idA, "", verify.FaceCompared, 0.93},
		{"fail marker", idA, verify.FaceMarkerFail, verify.FaceCompared, 0.31},
		{"score marker", idA, verify.FaceMarkerScore + "0.79", verify.FaceCompared, 0.79},
		{"no photo on file", idNoPhoto, "", verify.FaceNoPhoto, 0},
	}
	for _, c := range cases {
		res, err := sim.MatchFace(context.Background(), verify.FaceQuery{Name: gm.NewSensitive("张三"),
			IDNumber: gm.NewSensitive(c.id), Image: pngImage(t, c.marker), ImageType: "image/png"})
		if err != nil || res.Outcome != c.outcome || res.Score != c.score || res.Reference == "" {
			t.Errorf("%s: %+v, %v", c.name, res, err)
		}
	}
}

func TestCheckImage(t *testing.T) {
	const limit = 4 << 10
	big := append(pngImage(t, ""), make([]byte, limit)...)
	cases := []struct {
		name string
		img  []byte
		ok   string
	}{
		{"png", pngImage(t, ""), "image/png"},
		{"jpeg", jpegImage(t), "image/jpeg"},
		{"empty", nil, ""},
		{"not an image", []byte("hello, this is text pretending to be a photo"), ""},
		{"pdf", []byte("%PDF-1.7\n1 0 obj\n"), ""},
		{"png header only", pngImage(t, "")[:20], ""},
		{"oversize", big, ""},
	}
	for _, c := range cases {
		ct, err := verify.CheckImage("image", c.img, limit)
		if c.ok != "" {
			if err != nil || ct != c.ok {
				t.Errorf("%s: %q, %v", c.name, ct, err)
			}
			continue
		}
		e := wantCode(t, err, "invalid", "image")
		if e.Message == "" {
			t.Errorf("%s: no message", c.name)
		}
	}
}

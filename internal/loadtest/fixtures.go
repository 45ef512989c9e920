package loadtest

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
)

// pdfBytes is the smallest file the material store recognises as a PDF.
var pdfBytes = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

// faceJPEG is a small valid JPEG (32×32): the face simulator scores any
// picture without a marker as a match.
var faceJPEG = mustFace()

func mustFace() []byte {
	img := image.NewGray(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	img.Set(16, 16, color.White)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		panic(fmt.Sprintf("loadtest: face picture: %v", err))
	}
	return buf.Bytes()
}

// maxResidents bounds the synthetic residents: their phones 1371000001…
// must never end in 0000 or 9999, which the carrier simulator fails.
const maxResidents = 9000

// residentPhone is the i-th resident's phone, which the carrier simulator
// passes for any name and ID number.
func residentPhone(i int) string { return fmt.Sprintf("1371%07d", i+1) }

// residentSource is the i-th resident's loopback source address
// (127.1.x.y), so per-address limits count residents apart.
func residentSource(i int) string { return fmt.Sprintf("127.1.%d.%d", i/250, i%250+1) }

// residentID is the i-th resident's ID number: valid check digit, born in
// Qixia between 1980 and 2004, sequence 500–899, so never 999 (which the
// face simulator treats as "no photo on file") and never one of the credit
// demo subjects (sequences 101–404).
func residentID(i int) string {
	birth := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, (i*37)%9000)
	return check.MakeIDNumber("320113", birth, 500+i%400)
}

// surnames and given names make distinct plausible Chinese names.
var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗")
	givens   = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华")
)

// residentName is the i-th resident's name: surname and two given characters.
func residentName(i int) string {
	return string([]rune{surnames[i%len(surnames)], givens[(i/len(surnames))%len(givens)], givens[(i*7+3)%len(givens)]})
}

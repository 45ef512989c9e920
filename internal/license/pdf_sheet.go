package license

import (
	"bytes"
	"sort"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc"
)

// The licence page: A4 portrait, in millimetres. The rows of data run from
// rowsTop; the last page keeps footTop… for the QR code, the issuer and
// its seal, the identifier and the note.
const (
	sheetW     = 210.0
	sheetH     = 297.0
	bodyX      = 24.0
	bodyW      = sheetW - 2*bodyX
	labelW     = 40.0
	rowsTop    = 64.0
	contTop    = 30.0  // where rows go on on a continued page
	rowsBottom = 270.0 // rows end here on a continued page
	footTop    = 200.0
	qrSize     = 38.0
	markSize   = 40.0
)

// fontName is the embedded CJK font's family in the PDF.
const fontName = "wqymicrohei"

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	inkColour   = rgb{0x1f, 0x23, 0x28}
	greyColour  = rgb{0x5f, 0x67, 0x70}
	redColour   = rgb{0xc0, 0x1c, 0x1c} // titles, demo line, overprint
	frameColour = rgb{0xa8, 0x7a, 0x2c} // the frame, dark gold
)

// sheet draws one licence.
type sheet struct {
	p       *fpdf.Fpdf
	l       Licence
	verdict Verdict
	demo    bool
	link    string   // the verification page the QR code opens
	qr      [][]bool // its modules
	mark    []byte   // seal mark PNG, or nil
	printed time.Time
}

// build lays the licence out and returns the PDF.
func (s *sheet) build() ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	s.p = p
	p.SetMargins(0, 0, 0)
	p.SetAutoPageBreak(false, 0)
	p.SetCompression(true)
	p.SetTitle(s.l.Meta.Name+" "+s.l.Meta.Number, true)
	p.SetSubject("电子证照 "+s.l.Meta.Identifier, true)
	p.SetCreator("Shanzhi", true)
	p.SetCreationDate(s.printed)
	p.AddUTF8FontFromBytes(fontName, "", pdfdoc.FontTTF())
	p.SetHeaderFunc(s.frame)
	p.SetFooterFunc(s.overprint)
	p.AddPage()
	s.head()
	s.rows()
	s.foot()
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// frame draws every page's double frame and, for demo licences, the red
// line saying the page has no legal force.
func (s *sheet) frame() {
	p := s.p
	p.SetDrawColor(frameColour.r, frameColour.g, frameColour.b)
	p.SetLineWidth(1.2)
	p.Rect(8, 8, sheetW-16, sheetH-16, "D")
	p.SetLineWidth(0.3)
	p.Rect(11.5, 11.5, sheetW-23, sheetH-23, "D")
	if s.demo {
		s.text(bodyX, 15, bodyW, 12, redColour, true, "C", "演示证照 · 不具法律效力")
	}
}

// overprint stamps a licence that is not current, across every page,
// after its content: a paper copy must not pass for a valid licence.
func (s *sheet) overprint() {
	if s.verdict == VerdictCurrent {
		return
	}
	p := s.p
	p.SetAlpha(0.28, "Normal")
	p.TransformBegin()
	p.TransformRotate(35, sheetW/2, sheetH/2)
	s.text(0, sheetH/2-14, sheetW, 60, redColour, true, "C", s.verdict.Name())
	p.TransformEnd()
	p.SetAlpha(1, "Normal")
}

// head sets the title, the number and, for a licence that is not current,
// a banner with the status and its reason.
func (s *sheet) head() {
	m := s.l.Meta
	y := 26.0
	for _, line := range s.wrap(m.Name, bodyW, 24) {
		s.text(bodyX, y, bodyW, 24, redColour, true, "C", line)
		y += lineH(24)
	}
	s.text(bodyX, y+1, bodyW, 11, greyColour, false, "C", "编号："+m.Number)
	if s.verdict == VerdictCurrent {
		return
	}
	msg := "本证照" + s.verdict.Name()
	if s.l.State.Reason != "" && s.verdict != VerdictExpired {
		msg += "（" + s.l.State.Reason + "）"
	}
	msg += "，本打印件不能作为有效证照使用。"
	s.p.SetDrawColor(redColour.r, redColour.g, redColour.b)
	s.p.SetLineWidth(0.4)
	s.p.Rect(bodyX, 50, bodyW, 10, "D")
	s.text(bodyX+2, 51.5, bodyW-4, 10.5, redColour, false, "C", s.fit(msg, bodyW-4, 10.5))
}

// rows sets the holder, the licence data and the issue facts as label and
// value, values wrapped, going on over further pages when they must.
func (s *sheet) rows() {
	y := rowsTop
	for _, f := range s.fields() {
		labels, lines := s.wrap(f[0], labelW-3, 12), s.wrap(f[1], bodyW-labelW, 12)
		h := float64(max(len(labels), len(lines)))*lineH(12) + 2.5
		if y+h > rowsBottom {
			s.p.AddPage()
			y = contTop
		}
		for i, line := range labels {
			s.text(bodyX, y+float64(i)*lineH(12), labelW-3, 12, greyColour, false, "L", line)
		}
		for i, line := range lines {
			s.text(bodyX+labelW, y+float64(i)*lineH(12), bodyW-labelW, 12, inkColour, false, "L", line)
		}
		y += h
	}
	s.p.SetY(y)
}

// fields are the rows of the page: the holder, the data in key order,
// then validity, issuer and date.
func (s *sheet) fields() [][2]string {
	m := s.l.Meta
	codeLabel := "统一社会信用代码"
	if m.HolderCodeType == HolderIDNumber {
		codeLabel = "公民身份号码"
	}
	out := [][2]string{{"持证主体", m.HolderName}, {codeLabel, m.HolderCode}}
	keys := make([]string, 0, len(m.Data))
	for k := range m.Data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, [2]string{k, m.Data[k]})
	}
	return append(out, [2]string{"有效期", validityCN(m)}, [2]string{"颁发机构", m.IssuerName},
		[2]string{"颁证日期", dateCN(m.IssuedOn)})
}

package license

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"
)

// foot sets the last page's bottom: the QR code of the verification page
// at the left, the issuer and date under the seal mark at the right, then
// the identifier and a note on how to check the licence. It starts a new
// page when the rows reached into it.
func (s *sheet) foot() {
	if s.p.GetY() > footTop {
		s.p.AddPage()
	}
	s.drawQR(bodyX+4, footTop+6, qrSize)
	s.text(bodyX, footTop+qrSize+7, qrSize+8, 9, greyColour, false, "C", "扫码核验真伪")
	m := s.l.Meta
	right := bodyX + 70.0
	rw := bodyW - 70
	if s.mark != nil {
		opt := fpdf.ImageOptions{ImageType: "PNG"}
		s.p.RegisterImageOptionsReader("seal", opt, bytes.NewReader(s.mark))
		s.p.ImageOptions("seal", right+(rw-markSize)/2, footTop+4, markSize, markSize, false, opt, 0, "")
	}
	s.text(right, footTop+18, rw, 13, inkColour, true, "C", s.fit(m.IssuerName, rw, 13))
	s.text(right, footTop+27, rw, 12, inkColour, false, "C", dateCN(m.IssuedOn))
	y := footTop + qrSize + 16
	s.text(bodyX, y, bodyW, 9, inkColour, false, "C", "证照标识："+m.Identifier)
	note := "本证照由" + m.IssuerName + "加盖电子印章（证书序列号 " + s.l.Seal.CertSerial + "）。扫描二维码或访问 " +
		s.link + " 可核验真伪和当前状态。打印时间：" + s.printed.In(chinaTime).Format("2006-01-02 15:04") + "。"
	for i, line := range s.wrap(note, bodyW, 8) {
		s.text(bodyX, y+6+float64(i)*lineH(8), bodyW, 8, greyColour, false, "L", line)
	}
}

// drawQR draws the QR code as vector squares (crisp on any printer), one
// rectangle per run of dark modules, on white with its quiet zone.
func (s *sheet) drawQR(x, y, size float64) {
	p := s.p
	n := len(s.qr) + 2*qrQuiet
	mod := size / float64(n)
	p.SetFillColor(255, 255, 255)
	p.Rect(x, y, size, size, "F")
	p.SetFillColor(0, 0, 0)
	for r, row := range s.qr {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			p.Rect(x+float64(start+qrQuiet)*mod, y+float64(r+qrQuiet)*mod, float64(c-start)*mod, mod, "F")
		}
	}
}

// text sets one line in a box of width w at (x, y).
func (s *sheet) text(x, y, w, size float64, c rgb, bold bool, align, txt string) {
	p := s.p
	p.SetFont(fontName, "", size)
	p.SetTextColor(c.r, c.g, c.b)
	if bold {
		// The font has no bold face: stroke the outlines thinly as well.
		p.SetDrawColor(c.r, c.g, c.b)
		p.SetLineWidth(size * 0.012)
		p.SetTextRenderingMode(2)
	}
	p.SetXY(x, y)
	p.CellFormat(w, lineH(size), txt, "", 0, align, false, 0, "")
	if bold {
		p.SetTextRenderingMode(0)
	}
}

// lineH is the line height in mm of size-point text.
func lineH(size float64) float64 { return size * 25.4 / 72 * 1.45 }

// wrap breaks txt into lines no wider than w at size points: Chinese
// between any two characters, runs of Latin letters and digits (codes,
// dates, addresses' numbers) kept whole when they fit a line. Newlines
// start lines. fpdf's SplitText drops the character at a Chinese break.
func (s *sheet) wrap(txt string, w, size float64) []string {
	s.p.SetFont(fontName, "", size)
	var lines []string
	for _, para := range strings.Split(txt, "\n") {
		lines = append(lines, s.wrapLine([]rune(para), w)...)
	}
	return lines
}

func (s *sheet) wrapLine(rs []rune, w float64) []string {
	var lines []string
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && s.p.GetStringWidth(string(rs[:n+1])) <= w {
			n++
		}
		if n < len(rs) {
			n = keepWord(rs, n)
		}
		lines = append(lines, strings.TrimRight(string(rs[:n]), " "))
		rs = []rune(strings.TrimLeft(string(rs[n:]), " "))
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// keepWord moves a break at n back to the start of the Latin word it
// would split, unless the word fills the whole line.
func keepWord(rs []rune, n int) int {
	if !latin(rs[n]) || !latin(rs[n-1]) {
		return n
	}
	i := n
	for i > 0 && latin(rs[i-1]) {
		i--
	}
	if i == 0 {
		return n
	}
	return i
}

func latin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-./:_?=&%", r))
}

// fit shortens txt with "…" until it fits w at size points.
func (s *sheet) fit(txt string, w, size float64) string {
	s.p.SetFont(fontName, "", size)
	rs := []rune(txt)
	if s.p.GetStringWidth(txt) <= w {
		return txt
	}
	for len(rs) > 1 && s.p.GetStringWidth(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}

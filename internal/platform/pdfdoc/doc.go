// Package pdfdoc writes simple printable A4 documents in Chinese: guides,
// notices, licences. It wraps go-pdf/fpdf with an embedded CJK font
// (WenQuanYi Micro Hei, Apache-2.0), a running header and footer (title,
// page x / y, time of generation) and a few blocks that flow down the page:
// title, headings, paragraphs, numbered lists, key–value rows and tables
// whose cells wrap and whose rows break across pages.
//
// Documents are built in one goroutine and written once:
//
//	d := pdfdoc.New("办事指南", pdfdoc.GeneratedAt(now))
//	d.Title("食品经营许可（新办）")
//	d.Heading("受理条件")
//	d.Numbered(conditions)
//	b, err := d.Bytes()
//
// fpdf keeps the first error it meets and so does Doc: blocks after an
// error do nothing and Bytes or WriteTo return it.
package pdfdoc

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/go-pdf/fpdf"
)

// The page geometry in millimetres: A4 with 20 mm side margins.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginX      = 20.0
	marginTop    = 22.0
	marginBottom = 20.0
	contentW     = pageW - 2*marginX
	bottomY      = pageH - marginBottom
)

// china is the time zone generation times are printed in.
var china = time.FixedZone("CST", 8*60*60)

// Doc is one document being built.
type Doc struct {
	pdf   *fpdf.Fpdf
	title string
	cfg   config
	topY  float64 // where the current page's content begins
}

// config holds what the options set.
type config struct {
	generated time.Time
	issuer    string
	compress  bool
}

// Option tunes a new document.
type Option func(*config)

// GeneratedAt sets the time printed in the footer and stored as the PDF's
// creation date. Without it the footer prints no time, so that the bytes
// depend only on the content.
func GeneratedAt(t time.Time) Option { return func(c *config) { c.generated = t } }

// Issuer names the body the document comes from, printed at the right of
// the running header, e.g. 南京市栖霞区人民政府.
func Issuer(name string) Option { return func(c *config) { c.issuer = name } }

// Uncompressed leaves the page streams readable, for tests and debugging;
// production documents are compressed.
func Uncompressed() Option { return func(c *config) { c.compress = false } }

// New starts an A4 portrait document whose running header shows title.
func New(title string, opts ...Option) *Doc {
	d := &Doc{title: title, cfg: config{compress: true}}
	for _, o := range opts {
		o(&d.cfg)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.SetMargins(marginX, marginTop, marginX)
	// Breaks are placed by the blocks themselves (see flow.go), which know
	// how to carry a table's header or a row's remaining lines over.
	p.SetAutoPageBreak(false, marginBottom)
	p.SetCompression(d.cfg.compress)
	p.SetTitle(title, true)
	p.SetCreator("Shanzhi", true)
	p.SetProducer("Shanzhi pdfdoc", true)
	if !d.cfg.generated.IsZero() {
		p.SetCreationDate(d.cfg.generated)
	} else {
		p.SetCreationDate(time.Unix(0, 0))
	}
	p.AddUTF8FontFromBytes(fontFamily, "", microHei)
	p.AliasNbPages(aliasPages)
	p.SetHeaderFuncMode(d.header, true)
	p.SetFooterFunc(d.footer)
	d.pdf = p
	p.AddPage()
	d.topY = p.GetY()
	return d
}

// aliasPages stands for the page count until the document is written.
const aliasPages = "{nb}"

// header draws the running header: the title at the left, the issuer at
// the right, a hairline below.
func (d *Doc) header() {
	p := d.pdf
	p.SetFont(fontFamily, "", sizeSmall)
	p.SetTextColor(grey.r, grey.g, grey.b)
	p.SetXY(marginX, 10)
	p.CellFormat(contentW/2, 5, d.title, "", 0, "L", false, 0, "")
	p.CellFormat(contentW/2, 5, d.cfg.issuer, "", 0, "R", false, 0, "")
	p.SetDrawColor(rule.r, rule.g, rule.b)
	p.SetLineWidth(0.2)
	p.Line(marginX, 15.5, pageW-marginX, 15.5)
	p.SetTextColor(ink.r, ink.g, ink.b)
}

// footer draws the generation time at the left and 第 x 页 / 共 y 页 at
// the right.
func (d *Doc) footer() {
	p := d.pdf
	p.SetFont(fontFamily, "", sizeSmall)
	p.SetTextColor(grey.r, grey.g, grey.b)
	p.SetXY(marginX, pageH-13)
	gen := ""
	if !d.cfg.generated.IsZero() {
		gen = "生成时间 " + d.cfg.generated.In(china).Format("2006-01-02 15:04")
	}
	p.CellFormat(contentW/2, 5, gen, "", 0, "L", false, 0, "")
	p.CellFormat(contentW/2, 5, fmt.Sprintf("第 %d 页 / 共 %s 页", p.PageNo(), aliasPages), "", 0, "R", false, 0, "")
	p.SetTextColor(ink.r, ink.g, ink.b)
}

// PageCount is the number of pages so far.
func (d *Doc) PageCount() int { return d.pdf.PageCount() }

// Err is the first error met while building, if any.
func (d *Doc) Err() error { return d.pdf.Error() }

// WriteTo writes the finished document to w. A document is written once.
func (d *Doc) WriteTo(w io.Writer) (int64, error) {
	cw := &countingWriter{w: w}
	if err := d.pdf.Output(cw); err != nil {
		return cw.n, fmt.Errorf("pdfdoc: write %q: %w", d.title, err)
	}
	return cw.n, nil
}

// Bytes returns the finished document. A document is written once.
func (d *Doc) Bytes() ([]byte, error) {
	var b bytes.Buffer
	if _, err := d.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// countingWriter counts what it passes on, for WriteTo's result.
type countingWriter struct {
	w io.Writer
	n int64
}

// Write implements io.Writer.
func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// Package pdftest reads back, in tests, the PDFs that pdfdoc writes: it
// checks their structure (header, cross-reference table, trailer), counts
// their pages and finds text in their content streams. It is a checker for
// fpdf's plain output, not a general PDF parser.
package pdftest

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"unicode/utf16"
)

// Info is what Parse learned of a document.
type Info struct {
	Pages   int
	Objects int
	// Streams holds every stream, inflated when it was compressed.
	Streams [][]byte
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHeadRe  = regexp.MustCompile(`^xref\s+0 (\d+)\s+`)
	xrefRowRe   = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])\s{1,2}`)
	lengthRe    = regexp.MustCompile(`/Length (\d+)[\s/>]`)
	pageRe      = regexp.MustCompile(`/Type\s*/Page[^s]`)
)

// Parse checks that b is a complete PDF whose cross-reference table points
// at its objects, and returns its pages and streams.
func Parse(b []byte) (Info, error) {
	if !bytes.HasPrefix(b, []byte("%PDF-1.")) {
		return Info{}, errors.New("pdftest: no %PDF-1.x header")
	}
	m := startxrefRe.FindSubmatch(b)
	if m == nil {
		return Info{}, errors.New("pdftest: no startxref … %%EOF trailer")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	offsets, err := readXref(b, xref)
	if err != nil {
		return Info{}, err
	}
	info := Info{Objects: len(offsets)}
	for n, off := range offsets {
		obj, err := object(b, n+1, off)
		if err != nil {
			return Info{}, err
		}
		if pageRe.Match(dictOf(obj)) {
			info.Pages++
		}
		if s, ok, err := stream(obj); err != nil {
			return Info{}, fmt.Errorf("pdftest: object %d: %w", n+1, err)
		} else if ok {
			info.Streams = append(info.Streams, s)
		}
	}
	return info, nil
}

// readXref reads the offsets of objects 1… from the table at off.
func readXref(b []byte, off int) ([]int, error) {
	if off <= 0 || off >= len(b) {
		return nil, fmt.Errorf("pdftest: startxref %d outside the file", off)
	}
	rest := b[off:]
	h := xrefHeadRe.FindSubmatch(rest)
	if h == nil {
		return nil, fmt.Errorf("pdftest: startxref %d does not point at an xref table", off)
	}
	count, _ := strconv.Atoi(string(h[1]))
	rest = rest[len(h[0]):]
	var offsets []int
	for i := 0; i < count; i++ {
		row := xrefRowRe.FindSubmatch(rest)
		if row == nil {
			return nil, fmt.Errorf("pdftest: xref row %d malformed", i)
		}
		rest = rest[len(row[0]):]
		if i > 0 {
			o, _ := strconv.Atoi(string(row[1]))
			offsets = append(offsets, o)
		}
	}
	return offsets, nil
}

// object returns object n, which the xref table places at off.
func object(b []byte, n, off int) ([]byte, error) {
	head := fmt.Sprintf("%d 0 obj", n)
	if off >= len(b) || !bytes.HasPrefix(b[off:], []byte(head)) {
		return nil, fmt.Errorf("pdftest: xref places object %d at %d, where it is not", n, off)
	}
	return b[off+len(head):], nil
}

// dictOf is the part of an object before its stream or its end.
func dictOf(obj []byte) []byte {
	end := bytes.Index(obj, []byte("endobj"))
	if s := bytes.Index(obj, []byte("stream")); s >= 0 && (end < 0 || s < end) {
		end = s
	}
	if end < 0 {
		return obj
	}
	return obj[:end]
}

// stream returns the object's stream, inflated if compressed; ok is false
// for an object without one.
func stream(obj []byte) (data []byte, ok bool, err error) {
	dict := dictOf(obj)
	rest := obj[len(dict):]
	if !bytes.HasPrefix(rest, []byte("stream")) {
		return nil, false, nil
	}
	rest = bytes.TrimPrefix(bytes.TrimPrefix(rest[len("stream"):], []byte("\r")), []byte("\n"))
	m := lengthRe.FindSubmatch(dict)
	if m == nil {
		return nil, true, errors.New("stream without a direct /Length")
	}
	n, _ := strconv.Atoi(string(m[1]))
	if n > len(rest) || !bytes.HasPrefix(bytes.TrimLeft(rest[n:], "\r\n"), []byte("endstream")) {
		return nil, true, fmt.Errorf("stream /Length %d does not end at endstream", n)
	}
	data = rest[:n]
	if !bytes.Contains(dict, []byte("/FlateDecode")) {
		return data, true, nil
	}
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, true, fmt.Errorf("inflate: %w", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return nil, true, fmt.Errorf("inflate: %w", err)
	}
	return out, true, nil
}

// HasText reports whether s is set, on one line, in one of the streams.
// fpdf writes the text of its Unicode fonts as UTF-16BE strings, escaped
// as PDF literal strings, so that is what is looked for.
func (i Info) HasText(s string) bool {
	want := Encode(s)
	for _, st := range i.Streams {
		if bytes.Contains(st, want) {
			return true
		}
	}
	return false
}

// Encode is s as fpdf writes it in a content stream with a Unicode font.
func Encode(s string) []byte {
	var raw []byte
	for _, u := range utf16.Encode([]rune(s)) {
		raw = append(raw, byte(u>>8), byte(u))
	}
	var out []byte
	for _, c := range raw {
		switch c {
		case '\\', '(', ')':
			out = append(out, '\\', c)
		case '\r':
			out = append(out, '\\', 'r')
		default:
			out = append(out, c)
		}
	}
	return out
}

package pdfdoc

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// noStart holds the punctuation Chinese typesetting keeps off the head of a
// line (行首禁则): closing marks, pauses and stops.
const noStart = "，。、；：？！）》」』】〕〉”’…—·～%,.;:?!)]}"

// noEnd holds the opening marks kept off the tail of a line (行尾禁则).
const noEnd = "（《「『【〔〈“‘([{"

// wrapText breaks text into lines no wider than width, as measure tells
// widths. Explicit newlines start new lines. Chinese breaks between any two
// characters, Latin words and numbers (codes, phone numbers, dates) stay
// whole unless they alone are wider than a line, and the line-break rules
// of Chinese punctuation are kept. An empty text gives one empty line, so a
// blank cell still has a height.
func wrapText(text string, width float64, measure func(string) float64) []string {
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		lines = append(lines, wrapParagraph(para, width, measure)...)
	}
	return lines
}

// wrapParagraph wraps one paragraph greedily: tokens are added to the line
// while they fit; the first that does not starts the next line, taking
// along what the punctuation rules say may not stay behind.
func wrapParagraph(text string, width float64, measure func(string) float64) []string {
	toks := splitWide(tokenize(text), width, measure)
	var lines []string
	var cur []string
	w := 0.0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if len(cur) == 0 && isSpace(t) {
			continue
		}
		tw := measure(t)
		if w+tw <= width || len(cur) == 0 || isSpace(t) {
			cur, w = append(cur, t), w+tw
			continue
		}
		var carry []string
		cur, carry = breakBefore(cur, t)
		lines = append(lines, joinLine(cur))
		cur = trimLeadingSpace(carry)
		w = measure(strings.Join(cur, ""))
		i-- // place t again, now after the carried tokens
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, joinLine(cur))
	}
	return lines
}

// breakBefore splits the line cur where next must start a new line. It
// returns what stays and what moves to the next line: the tokens before a
// mark that may not start a line, and any opening mark at the tail. A line
// always keeps at least one token, so the loop in wrapParagraph ends.
func breakBefore(cur []string, next string) (stay, carry []string) {
	if isNoStart(next) {
		if len(cur) == 1 && utf8.RuneCountInString(cur[0]) > 1 {
			// A lone word gives up its last character rather than let
			// the mark lead the next line.
			w := cur[0]
			_, n := utf8.DecodeLastRuneInString(w)
			cur = []string{w[:len(w)-n], w[len(w)-n:]}
		}
		for len(cur) > 1 {
			last := cur[len(cur)-1]
			cur, carry = cur[:len(cur)-1], append([]string{last}, carry...)
			if !isNoStart(last) && !isSpace(last) {
				break
			}
		}
	}
	for len(cur) > 1 && isNoEnd(cur[len(cur)-1]) {
		cur, carry = cur[:len(cur)-1], append([]string{cur[len(cur)-1]}, carry...)
	}
	return cur, carry
}

// tokenize cuts text into the units a line may break between: each space,
// each Han character, wide rune or Chinese punctuation mark, and runs of
// narrow characters (Latin, digits, ASCII punctuation), so that "GB/T 39046"
// or "8:00" never break inside.
func tokenize(text string) []string {
	var toks []string
	start := -1 // start of the current narrow run
	for i, r := range text {
		narrow := r < 0x2E80 && !unicode.IsSpace(r) && (r < utf8.RuneSelf || !strings.ContainsRune(noStart+noEnd, r))
		if narrow {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks, start = append(toks, text[start:i]), -1
		}
		toks = append(toks, string(r))
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// splitWide breaks any token wider than a line into single runes, so that
// every token fits on a line of its own.
func splitWide(toks []string, width float64, measure func(string) float64) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if utf8.RuneCountInString(t) == 1 || measure(t) <= width {
			out = append(out, t)
			continue
		}
		for _, r := range t {
			out = append(out, string(r))
		}
	}
	return out
}

func isSpace(t string) bool { return strings.TrimSpace(t) == "" }

func isNoStart(t string) bool { return strings.Contains(noStart, t) && t != "" }

func isNoEnd(t string) bool { return strings.Contains(noEnd, t) && t != "" }

func joinLine(toks []string) string {
	return strings.TrimRightFunc(strings.Join(toks, ""), unicode.IsSpace)
}

func trimLeadingSpace(toks []string) []string {
	for len(toks) > 0 && isSpace(toks[0]) {
		toks = toks[1:]
	}
	return toks
}

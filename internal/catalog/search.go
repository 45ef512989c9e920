package catalog

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Field weights of the search: a word in an item's name says more about
// the item than the same word in its keywords, life events, department or
// the body of its guide.
const (
	wName    = 10.0
	wKeyword = 6.0
	wLife    = 4.0
	wDept    = 3.0
	wGuide   = 1.0
	// wPhrase scores, per character, a whole keyword or name found in the
	// query: the phrases residents use are the strongest evidence.
	wPhrase = 4.0
	// wSynonym scales the terms a synonym adds, below the resident's own words.
	wSynonym = 0.6
	// minShare drops hits scoring under this share of the best hit: a
	// single common character pair is noise, not an answer.
	minShare = 0.15
)

// Hit is one search result: the item, its score and the terms of the query
// that matched it (the reason it was found).
type Hit struct {
	Item    Item     `json:"item"`
	Score   float64  `json:"score"`
	Matched []string `json:"matched"`
}

// posting is a term's occurrence in one item with the weight of the best
// field it occurs in.
type posting struct {
	doc int32
	w   float32
}

// index is an in-memory inverted index of the items in force: character
// bigrams of every field, and whole phrases (keywords, names, life events)
// looked up as substrings of the query.
type index struct {
	items   []Item
	names   []string // normalised names, for whole-query matches
	terms   map[string][]posting
	phrases map[string][]posting
	idf     map[string]float64
}

// newIndex indexes items.
func newIndex(items []Item) *index {
	ix := &index{items: items, names: make([]string, len(items)),
		terms: map[string][]posting{}, phrases: map[string][]posting{}, idf: map[string]float64{}}
	for d := range items {
		ix.add(int32(d), &items[d])
	}
	n := float64(len(items))
	for t, ps := range ix.terms {
		ix.idf[t] = math.Log(1 + n/float64(len(ps)))
	}
	return ix
}

// add indexes one item's fields.
func (ix *index) add(d int32, it *Item) {
	ix.names[d] = normalize(it.Name)
	ix.addText(d, it.Name, wName)
	ix.addPhrase(d, it.Name, 1.2)
	for _, k := range it.Keywords {
		ix.addText(d, k, wKeyword)
		ix.addPhrase(d, k, 1)
	}
	for _, e := range it.LifeEvents {
		ix.addText(d, e, wLife)
		ix.addPhrase(d, e, 0.3)
	}
	ix.addText(d, it.Department, wDept)
	ix.addText(d, it.ImplementingBody, wGuide)
	for _, c := range it.Conditions {
		ix.addText(d, c, wGuide)
	}
	for _, m := range it.Materials {
		ix.addText(d, m.Name, wGuide)
	}
}

// addText adds the bigrams of s, keeping each term's best field weight.
func (ix *index) addText(d int32, s string, w float32) {
	for _, b := range bigrams([]rune(normalize(s))) {
		ps := ix.terms[b]
		if n := len(ps); n > 0 && ps[n-1].doc == d {
			ps[n-1].w = max(ps[n-1].w, w)
			continue
		}
		ix.terms[b] = append(ps, posting{doc: d, w: w})
	}
}

// addPhrase records s as a phrase of the item when it is short enough to
// be looked up as a substring of a query.
func (ix *index) addPhrase(d int32, s string, w float32) {
	p := normalize(s)
	if n := len([]rune(p)); n < 2 || n > maxPhraseRunes {
		return
	}
	ps := ix.phrases[p]
	if len(ps) > 0 && ps[len(ps)-1].doc == d {
		ps[len(ps)-1].w = max(ps[len(ps)-1].w, w)
		return
	}
	ix.phrases[p] = append(ps, posting{doc: d, w: w})
}

// normalize keeps letters and digits, lower-cased: punctuation, spaces and
// full-width brackets carry no meaning for the search.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// bigrams returns the distinct overlapping character pairs of rs; a single
// character is its own term.
func bigrams(rs []rune) []string {
	if len(rs) == 1 {
		return []string{string(rs)}
	}
	out := make([]string, 0, len(rs))
	for i := 0; i+1 < len(rs); i++ {
		b := string(rs[i : i+2])
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

package catalog

import (
	"cmp"
	"slices"
	"strings"
)

// scoring accumulates the scores of one query over the index.
type scoring struct {
	ix      *index
	score   []float64
	reasons map[int32][]string
	touched []int32
	marks   []uint64 // per item, the query bigrams it matched
	rs      []rune   // the normalised query
	terms   []string // its bigrams
}

func (s *scoring) add(d int32, v float64, reason string) {
	if s.score[d] == 0 {
		s.touched = append(s.touched, d)
	}
	s.score[d] += v
	if reason != "" && !slices.Contains(s.reasons[d], reason) {
		s.reasons[d] = append(s.reasons[d], reason)
	}
}

// search ranks the items matching q that keep accepts, best first. The
// query is read three ways, since Chinese has no spaces: the keywords and
// names it contains whole, the synonyms it contains, and its character
// bigrams weighted by field and rarity.
func (ix *index) search(q string, keep func(*Item) bool) (*scoring, []int32) {
	rs := []rune(normalize(q))
	s := &scoring{ix: ix, score: make([]float64, len(ix.items)), marks: make([]uint64, len(ix.items)),
		reasons: map[int32][]string{}}
	if len(rs) == 0 {
		return s, nil
	}
	expansions := s.phrases(rs)
	s.bigrams(rs, 1, "")
	for _, e := range expansions {
		s.bigrams([]rune(e[1]), wSynonym, e[0]+"→"+e[1])
	}
	if len(rs) == 1 {
		s.single(rs[0])
	}
	whole := string(rs)
	for _, d := range s.touched {
		if strings.Contains(ix.names[d], whole) {
			s.add(d, wName*float64(len(rs)), whole)
		}
	}
	return s, s.ranked(keep)
}

// phrases scores the item phrases found whole in the query and returns the
// synonym expansions ([said, meant]) the query calls for. Substrings are
// sliced from the query string by byte offset, so the lookups allocate
// nothing.
func (s *scoring) phrases(rs []rune) [][2]string {
	whole := string(rs)
	offs := runeOffsets(whole)
	var exp [][2]string
	for i := range rs {
		for j := i + 2; j <= len(rs) && j-i <= maxPhraseRunes; j++ {
			sub := whole[offs[i]:offs[j]]
			for _, p := range s.ix.phrases[sub] {
				v := wPhrase * float64(j-i) * float64(p.w)
				if j-i == len(rs) {
					v *= 2 // the query is exactly this item's phrase
				}
				s.add(p.doc, v, sub)
			}
			for _, m := range synonyms[sub] {
				exp = append(exp, [2]string{sub, m})
			}
		}
	}
	return exp
}

// runeOffsets returns the byte offset of every rune of s and len(s).
func runeOffsets(s string) []int {
	offs := make([]int, 0, len(s)+1)
	for i := range s {
		offs = append(offs, i)
	}
	return append(offs, len(s))
}

// maxMarked is how many distinct bigrams of a query are tracked per item
// for the reason; later ones still score.
const maxMarked = 64

// bigrams scores the query's bigrams by field weight and rarity. With a
// label (a synonym expansion), items matching every bigram get the label
// as a reason; without, the matched bigrams are kept in s.marks and merged
// into substrings of the query when a hit is built.
func (s *scoring) bigrams(rs []rune, factor float64, label string) {
	terms := bigrams(rs)
	marks := s.marks
	if label != "" {
		marks = make([]uint64, len(s.ix.items))
	} else {
		s.rs, s.terms = rs, terms
	}
	var marked []int32
	for ti, t := range terms {
		idf := s.ix.idf[t]
		for _, p := range s.ix.terms[t] {
			s.add(p.doc, factor*idf*float64(p.w), "")
			if ti < maxMarked {
				if label != "" && marks[p.doc] == 0 {
					marked = append(marked, p.doc)
				}
				marks[p.doc] |= 1 << ti
			}
		}
	}
	all := uint64(1)<<min(len(terms), maxMarked) - 1
	for _, d := range marked {
		if marks[d] == all {
			s.add(d, 0, label)
		}
	}
}

// runs merges matched adjacent bigrams back into substrings of the query,
// so the reason reads 食品经营 rather than 食品, 品经, 经营. Bit i of mask
// marks terms[i] as matched.
func runs(rs []rune, terms []string, mask uint64) []string {
	var out []string
	start := -1
	for i := 0; i+1 <= len(rs); i++ {
		on := false
		if i+1 < len(rs) {
			ti := slices.Index(terms, string(rs[i:i+2]))
			on = ti < maxMarked && mask&(1<<ti) != 0
		}
		if on && start < 0 {
			start = i
		}
		if !on && start >= 0 {
			out = append(out, string(rs[start:i+1]))
			start = -1
		}
	}
	return out
}

// single scores a one-character query by the names holding it.
func (s *scoring) single(r rune) {
	c := string(r)
	for d, n := range s.ix.names {
		if strings.Contains(n, c) {
			s.add(int32(d), wName, c)
		}
	}
}

// ranked returns the documents kept by keep, best first, dropping those
// far below the best.
func (s *scoring) ranked(keep func(*Item) bool) []int32 {
	var best float64
	ds := s.touched[:0:0]
	for _, d := range s.touched {
		if keep == nil || keep(&s.ix.items[d]) {
			ds = append(ds, d)
			best = max(best, s.score[d])
		}
	}
	ds = slices.DeleteFunc(ds, func(d int32) bool { return s.score[d] < best*minShare })
	slices.SortFunc(ds, func(a, b int32) int {
		if c := cmp.Compare(s.score[b], s.score[a]); c != 0 {
			return c
		}
		return strings.Compare(s.ix.items[a].ImplCode, s.ix.items[b].ImplCode)
	})
	return ds
}

// hit builds the result of one ranked document.
func (s *scoring) hit(d int32) Hit {
	r := slices.Clone(s.reasons[d])
	if s.marks != nil {
		for _, run := range runs(s.rs, s.terms, s.marks[d]) {
			if !slices.Contains(r, run) {
				r = append(r, run)
			}
		}
	}
	return Hit{Item: s.ix.items[d], Score: s.score[d], Matched: tidyReasons(r)}
}

// tidyReasons drops reasons that say nothing new: a term inside a longer
// matched term, and a synonym whose meaning another synonym already gave.
func tidyReasons(rs []string) []string {
	out := []string{}
	meant := map[string]bool{}
	for _, r := range rs {
		said, m, isSyn := strings.Cut(r, "→")
		if isSyn {
			if meant[m] {
				continue
			}
			meant[m] = true
			r = said + "→" + m
		} else if slices.ContainsFunc(rs, func(o string) bool {
			return o != r && !strings.Contains(o, "→") && strings.Contains(o, r)
		}) {
			continue
		}
		out = append(out, r)
	}
	return out
}

package workorder

import (
	"strings"
	"unicode/utf8"
)

// byAddress finds the community a typed address names: its short name
// ("尧化社区", "兴隆村") anywhere in the address, or the stem of that name
// ("尧化") when the address also names the community's street. The longest
// match wins; two communities matching equally well is no match, as is an
// address naming nothing: staff then pick the community.
func (g *gazetteer) byAddress(addr string) (CommunityPlace, bool) {
	addr = strings.Join(strings.Fields(addr), "")
	if addr == "" {
		return CommunityPlace{}, false
	}
	var best CommunityPlace
	bestLen, tie := 0, false
	for _, st := range g.streets {
		streetNamed := strings.Contains(addr, st.Name) || strings.Contains(addr, strings.TrimSuffix(st.Name, "街道"))
		for _, c := range st.Communities {
			n := matchLen(addr, c.Name, streetNamed)
			switch {
			case n > bestLen:
				best, bestLen, tie = c, n, false
			case n == bestLen && n > 0 && c.Code != best.Code:
				tie = true
			}
		}
	}
	if bestLen == 0 || tie {
		return CommunityPlace{}, false
	}
	return best, true
}

// matchLen scores how a community's short name appears in addr: the
// name's length in runes (plus one, so a full name beats a bare stem of
// another community), its stem's length when the street is named too, 0
// when it does not appear.
func matchLen(addr, name string, streetNamed bool) int {
	if name == "" {
		return 0
	}
	if strings.Contains(addr, name) {
		return utf8.RuneCountInString(name) + 1
	}
	stem := strings.TrimSuffix(strings.TrimSuffix(name, "社区"), "村")
	if streetNamed && utf8.RuneCountInString(stem) >= 2 && strings.Contains(addr, stem) {
		return utf8.RuneCountInString(stem)
	}
	return 0
}

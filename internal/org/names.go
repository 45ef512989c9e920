package org

import "strings"

// kindOfName reads whether a community is a village from its official
// name: villages end in 村委会 or 村民委员会 (村民委员会 is the village
// committee); every other suffix (社区居委会, 社区居民委员会, 居委会, 社区)
// names an urban community.
func kindOfName(name string) CommunityKind {
	if strings.HasSuffix(name, "村委会") || strings.HasSuffix(name, "村民委员会") {
		return KindVillage
	}
	return KindCommunity
}

// shortName turns an official committee name into the name people use:
// 尧化社区居委会 → 尧化社区, 兴隆村村委会 → 兴隆村, 孟北村委会 → 孟北村.
func shortName(name string, kind CommunityKind) string {
	if kind == KindVillage {
		base := trimAnySuffix(name, "村民委员会", "村委会")
		return strings.TrimSuffix(base, "村") + "村"
	}
	base := trimAnySuffix(name, "居民委员会", "居委会", "居委")
	return strings.TrimSuffix(base, "社区") + "社区"
}

// trimAnySuffix removes the first of the suffixes that s ends with.
func trimAnySuffix(s string, suffixes ...string) string {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return strings.TrimSuffix(s, suf)
		}
	}
	return s
}

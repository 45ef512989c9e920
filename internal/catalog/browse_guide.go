package catalog

import "slices"

// guideAccess says on a guide whether the resident can have the item
// handled where they are: at their service point, or on the phone.
type guideAccess struct {
	Point   *Place
	Online  bool   // the resident chose 网上办
	Allowed bool   // the item can be handled in the resident's context
	Note    string // what the resident should know, in words; "" without a context
	Problem string // a point or channel in the URL that could not be used
}

// legalBasisNone is said when no statute sets the legal limit.
const legalBasisNone = "法律未作规定，按江苏省办事指南惯例"

// legalBasis is the source of the item's legal limit in words.
func legalBasis(it Item) string {
	if it.LegalDaysBasis == "" {
		return legalBasisNone
	}
	return "依据：" + it.LegalDaysBasis
}

// whereNames names, per level, the service points that accept an item of
// that level anywhere in the district (区街同权).
var whereNames = map[Level]string{
	LevelDistrict:  "区政务服务中心（含部门分中心）",
	LevelStreet:    "各街道政务服务中心",
	LevelCommunity: "各社区（村）便民服务站",
}

// where lists the kinds of point that accept the item, from the top.
func where(it Item) []string {
	var out []string
	for _, l := range Levels {
		if slices.Contains(it.ExerciseLevels, l) {
			out = append(out, whereNames[l])
		}
	}
	return out
}

// access says whether the item can be handled in the resident's context.
func access(it Item, bc browseContext, problem string) guideAccess {
	a := guideAccess{Point: bc.Point, Online: bc.Online, Allowed: true, Problem: problem}
	switch {
	case bc.Point != nil && slices.Contains(it.ExerciseLevels, bc.Point.Level):
		a.Note = bc.Point.Name + "可以受理本事项。"
	case bc.Point != nil:
		a.Allowed = false
		a.Note = "您所在的" + bc.Point.Name + "是" + bc.Point.Kind() + "，不能受理本事项。请到下列网点办理" +
			pick(it.Online, "，或在手机上办理。", "。")
	case bc.Online && it.Online:
		a.Note = "本事项可以在手机上办理。"
	case bc.Online:
		a.Allowed = false
		a.Note = "本事项不能在手机上办理，请到下列网点办理。"
	}
	return a
}

package catalog

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Generate produces a realistic catalogue of n valid items for scale tests:
// item types in the shares of a district's published list (3,132 items of
// which 448 licences), 主项 with 子项 or 办理项 under them, and varied
// names, keywords, materials, steps and forms drawn from real-world
// vocabulary. The same n, seed and departments give the same items. Codes
// start with 9, so they never collide with the hand-written demo's; depts
// are department short names (it returns nil when there are none).
func Generate(n int, seed int64, depts []string) []Item {
	if n <= 0 || len(depts) == 0 {
		return nil
	}
	g := &genState{rnd: rand.New(rand.NewPCG(uint64(seed), 0x5348414e5a4849)), depts: depts}
	counts := genTypeCounts(n)
	for _, ts := range genTypeShare {
		for left := counts[ts.t]; left > 0; {
			size := min(left, 1+g.rnd.IntN(4))
			g.group(ts.t, size)
			left -= size
		}
	}
	return g.items
}

// genTypeCounts splits n among the item types; public services take the rest.
func genTypeCounts(n int) map[ItemType]int {
	out := map[ItemType]int{}
	left := n
	for _, ts := range genTypeShare[:len(genTypeShare)-1] {
		c := min(left, int(math.Round(float64(n)*ts.share)))
		out[ts.t] = c
		left -= c
	}
	out[TypePublicService] = left
	return out
}

type genState struct {
	rnd   *rand.Rand
	depts []string
	items []Item
}

// group adds a 主项 and size-1 items under it: 办理项 (新设, 变更, 延续,
// 注销) for licences, 子项 otherwise.
func (g *genState) group(t ItemType, size int) {
	subjects := genSubjects[t]
	name := subjects[g.rnd.IntN(len(subjects))] + genTypeWords[t] + genQualifiers[g.rnd.IntN(len(genQualifiers))]
	main := g.item(t, name)
	main.LevelKind = KindMain
	g.items = append(g.items, main)
	kinds := []HandlingKind{HandlingNew, HandlingChange, HandlingRenew, HandlingCancel}
	for k := 1; k < size; k++ {
		var it Item
		if t == TypeLicence {
			hk := kinds[(k-1)%len(kinds)]
			it = g.item(t, name+"（"+hk.Name()+"）")
			it.LevelKind, it.HandlingKind = KindHandling, hk
		} else {
			it = g.item(t, name+"—"+genSubNames[g.rnd.IntN(len(genSubNames))])
			it.LevelKind = KindSub
		}
		it.ParentBasicCode = main.BasicCode
		g.items = append(g.items, it)
	}
}

// item builds one valid item of type t, without its place in the
// structure.
func (g *genState) item(t ItemType, name string) Item {
	seq := len(g.items) + 1
	basic := fmt.Sprintf("9%s%09d", t, seq)
	dept := g.pick(g.depts)
	it := Item{
		BasicCode: basic, ImplCode: basic + "-320113", Name: name, ItemType: t,
		Department: dept, ImplementingBody: "南京市栖霞区" + dept,
		LegalBasis:     genSample(g.rnd, genLaws, 1, 2),
		ExerciseLevels: genSample(g.rnd, Levels, 1, 3), ServiceObjects: genSample(g.rnd, []ServiceObject{NaturalPerson, LegalPerson}, 1, 2),
		Conditions: genSample(g.rnd, genConditions, 1, 3), Materials: genSample(g.rnd, genMaterials, 1, 5),
		Steps: g.steps(dept), Place: g.pick(genPlaces), Hours: "工作日 9:00—12:00，13:30—17:30",
		ConsultPhone: "025-12345", ComplaintPhone: "12345", Bundle: []string{},
		Keywords: genSample(g.rnd, genKeywords, 1, 3), LifeEvents: genSample(g.rnd, LifeEvents, 0, 2), Form: g.form(),
	}
	g.times(&it)
	g.channels(&it)
	if t == TypeLicence {
		it.LicenceType = fmt.Sprintf("XK%04d", seq%1000)
		if seq > 1 && g.rnd.IntN(8) == 0 && g.items[seq-2].ItemType == TypeLicence {
			it.Bundle = []string{g.items[seq-2].ImplCode}
		}
	}
	return it
}

// genLicenceDaysBasis is the provision that sets a licence's limit when no
// special law sets another.
const genLicenceDaysBasis = "《中华人民共和国行政许可法》第四十二条"

// times sets the time limits and fee: licences have the statutory 20
// working days (行政许可法 Art. 42), others a customary limit that no
// statute sets, or 即办. Every generated promise is a demonstration value.
func (g *genState) times(it *Item) {
	it.DemoValues = true
	switch {
	case it.ItemType == TypeLicence:
		it.LegalDays, it.PromisedDays = 20, 1+g.rnd.IntN(20)
		it.LegalDaysBasis = genLicenceDaysBasis
	case g.rnd.IntN(3) == 0:
		it.Instant = true
	default:
		it.LegalDays = 5 + g.rnd.IntN(56)
		it.PromisedDays = 1 + g.rnd.IntN(it.LegalDays)
	}
	if g.rnd.IntN(10) == 0 {
		it.Fee = Fee{Charged: true, AmountFen: int64(1+g.rnd.IntN(50)) * 1000, Basis: "《江苏省行政事业性收费项目目录》"}
	}
}

// channels sets how the item can be handled.
func (g *genState) channels(it *Item) {
	it.Online = g.rnd.IntN(10) < 8
	if it.Online && g.rnd.IntN(2) == 0 {
		it.Visits = 0
	} else {
		it.Visits = 1 + g.rnd.IntN(2)
	}
	it.Agent = g.rnd.IntN(3) == 0
	it.DoorToDoor = g.rnd.IntN(10) == 0
	it.SameCityPickup = g.rnd.IntN(5) == 0
	if g.rnd.IntN(6) == 0 {
		it.Commitment = Commitment{Allowed: true, Text: "本人承诺所填报信息和提交的材料真实、合法、有效，如有虚假，愿承担相应法律责任。"}
	}
}

// steps are review and decision by the item's department, sometimes with
// a parallel check by two departments.
func (g *genState) steps(dept string) []Step {
	out := []Step{{Name: "受理审查", Department: dept, Role: StepReview}}
	if g.rnd.IntN(4) == 0 {
		out = append(out, Step{Name: "现场核查", Department: dept, Role: StepCheck, ParallelGroup: "并联核查"},
			Step{Name: "联合核查", Department: g.pick(g.depts), Role: StepCheck, ParallelGroup: "并联核查"})
	}
	return append(out, Step{Name: "审核决定", Department: dept, Role: StepDecide})
}

// form takes the applicant's identity fields and a few others, in order.
func (g *genState) form() Form {
	f := Form{}
	for i, fd := range genFields {
		if i < 3 || g.rnd.IntN(3) == 0 {
			f = append(f, genCloneField(fd))
		}
	}
	return f
}

// genCloneField deep-copies a vocabulary field, with the contract's empty
// lists, so that generated items share no slices.
func genCloneField(fd FormField) FormField {
	fd.Options = append([]string{}, fd.Options...)
	cols := make([]FormField, 0, len(fd.Columns))
	for _, c := range fd.Columns {
		cols = append(cols, genCloneField(c))
	}
	fd.Columns = cols
	return fd
}

func (g *genState) pick(vs []string) string { return vs[g.rnd.IntN(len(vs))] }

// genSample returns between lo and hi distinct elements of vs in their
// vocabulary order, as a new non-nil slice.
func genSample[T any](rnd *rand.Rand, vs []T, lo, hi int) []T {
	k := min(len(vs), lo+rnd.IntN(hi-lo+1))
	idx := rnd.Perm(len(vs))[:k]
	slices.Sort(idx)
	out := make([]T, 0, k)
	for _, i := range idx {
		out = append(out, vs[i])
	}
	return out
}

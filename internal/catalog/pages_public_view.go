package catalog

import (
	"fmt"
	"net/http"
	"strings"
)

// guideView is an item's guide laid out for reading: every element in
// words, ready for the template.
type guideView struct {
	Version   Version
	Item      Item
	Kind      string // 主项 / 子项 / 办理项（新设）
	Type      string
	Levels    string
	Objects   string
	Instant   string
	Legal     string // 法定办结时限
	Promised  string // 承诺办结时限
	Fee       string
	Visits    string
	Materials []guideMaterial
	Steps     []guideStep
	Bundle    []guideLink
	Fields    []guideField
	// LegalBasis says where the legal limit comes from.
	LegalBasis string
	// Demo marks the promised limit, place, hours and phones as
	// demonstration values.
	Demo       bool
	PrintHref  string
	PDFHref    string
	GuideHref  string
	Where      []string // the kinds of service point that accept the item
	Access     guideAccess
	Channels   []string
	LicenceOut string
	Print      bool // the printable page: bare shell, no links
}

// guideMaterial is one row of the materials table.
type guideMaterial struct {
	Name, Required, Copies, Original, Format, Source, Note string
	Submit                                                 bool // the applicant hands it in
}

// guideStep is one step of the flow.
type guideStep struct{ Name, Department, Role, Parallel string }

// guideLink points to another item's guide.
type guideLink struct{ Href, Name string }

// guideField is one field of the application form.
type guideField struct {
	Label, Type, Help string
	Required          bool
	Columns           string
}

// materialSources says in words what the applicant has to do.
var materialSources = map[Source]string{
	SourceApplicant:    "申请人提交",
	SourceSharedData:   "部门共享获取，无需提交",
	SourceLicenceReuse: "复用电子证照，无需提交",
	SourceSystem:       "系统生成",
}

// guideView builds the guide of v, naming the items of its bundle.
func (p *publicSite) guideView(r *http.Request, v Version) (guideView, error) {
	it := v.Item
	g := guideView{Version: v, Item: it, Kind: it.LevelKind.Name(), Type: it.ItemType.Name(),
		Levels: joinNames(it.ExerciseLevels), Objects: joinNames(it.ServiceObjects),
		Instant: "承诺件", Legal: days(it.LegalDays), Promised: "承诺 " + days(it.PromisedDays),
		Fee: "不收费", Visits: "0次（不见面办理）", PrintHref: "/services/" + it.ImplCode + "/print",
		PDFHref: "/services/" + it.ImplCode + "/pdf", GuideHref: "/services/" + it.ImplCode, LicenceOut: it.LicenceType,
		LegalBasis: legalBasis(it), Demo: it.DemoValues, Where: where(it)}
	if it.HandlingKind != HandlingNone {
		g.Kind += "（" + it.HandlingKind.Name() + "）"
	}
	if it.Instant {
		g.Instant, g.Promised = "即办件", "即办"
		if it.LegalDays == 0 {
			g.Legal = "即办"
		}
	}
	if it.Fee.Charged {
		g.Fee = fmt.Sprintf("%d.%02d元", it.Fee.AmountFen/100, it.Fee.AmountFen%100)
		if it.Fee.Basis != "" {
			g.Fee += "（依据：" + it.Fee.Basis + "）"
		}
	}
	if it.Visits > 0 {
		g.Visits = fmt.Sprintf("%d次", it.Visits)
	}
	g.Channels = channels(it)
	for _, m := range it.Materials {
		g.Materials = append(g.Materials, guideMaterial{Name: m.Name, Required: pick(m.Required, "必须", "非必须"),
			Copies: fmt.Sprintf("%d份", m.Copies), Original: m.Original.Name(), Format: m.Format.Name(),
			Source: nameOr(materialSources, m.Source), Note: m.Note, Submit: m.Source == SourceApplicant})
	}
	for _, s := range it.Steps {
		par := ""
		if s.ParallelGroup != "" {
			par = "并联审批（" + s.ParallelGroup + "）"
		}
		g.Steps = append(g.Steps, guideStep{Name: s.Name, Department: s.Department, Role: s.Role.Name(), Parallel: par})
	}
	for _, code := range it.Bundle {
		link := guideLink{Href: "/services/" + code, Name: code}
		if bv, err := p.h.svc.Get(r.Context(), code); err == nil {
			link.Name = bv.Item.Name
		}
		g.Bundle = append(g.Bundle, link)
	}
	for _, f := range it.Form {
		gf := guideField{Label: f.Label, Type: f.Type.Name(), Help: f.Help, Required: f.Required}
		var cols []string
		for _, c := range f.Columns {
			cols = append(cols, c.Label)
		}
		gf.Columns = strings.Join(cols, "、")
		g.Fields = append(g.Fields, gf)
	}
	return g, nil
}

// channels lists the ways an item can be handled, in words.
func channels(it Item) []string {
	var out []string
	for _, c := range []struct {
		on   bool
		name string
	}{{it.Online, "网上办理"}, {it.Visits == 0, "不见面办理"}, {it.Agent, "可代办"}, {it.DoorToDoor, "上门服务"},
		{it.SameCityPickup, "同城取件"}, {it.Commitment.Allowed, "告知承诺"}} {
		if c.on {
			out = append(out, c.name)
		}
	}
	return out
}

// days writes a limit in working days.
func days(n int) string {
	if n == 0 {
		return "即办"
	}
	return fmt.Sprintf("%d个工作日", n)
}

func pick(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

// joinNames joins the Chinese names of levels or service objects.
func joinNames[T interface{ Name() string }](xs []T) string {
	names := make([]string, len(xs))
	for i, x := range xs {
		names[i] = x.Name()
	}
	return strings.Join(names, "、")
}

package catalog

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc"
)

// demoMark stands beside each value of a guide that is a demonstration
// value rather than the district's published promise.
const demoMark = "（演示值）"

// guidePDF answers the printable PDF of the guide in force of the path's
// item: every element the guide page shows, on A4.
func (p *publicSite) guidePDF(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("implCode")
	v, err := p.h.svc.Get(r.Context(), code)
	if err == nil && v.District != p.h.district {
		err = apperr.NotFound("事项 " + short(code) + " 不存在或尚未生效")
	}
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	b, err := p.renderPDF(r, v)
	if err != nil {
		p.h.rd.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="`+v.ImplCode+`.pdf"`)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	_, _ = w.Write(b)
}

// renderPDF returns the guide's PDF, from the cache when rendered today.
func (p *publicSite) renderPDF(r *http.Request, v Version) ([]byte, error) {
	now := p.h.svc.db.Clock.Now()
	key := pdfKey(v, now)
	if b, ok := p.pdfs.get(key); ok {
		return b, nil
	}
	gv, err := p.guideView(r, v)
	if err != nil {
		return nil, err
	}
	b, err := guideDocument(gv, pdfdoc.GeneratedAt(now)).Bytes()
	if err != nil {
		return nil, fmt.Errorf("catalog: guide pdf of %s: %w", v.ImplCode, err)
	}
	p.pdfs.put(key, b)
	return b, nil
}

// guideDocument lays the guide g out as a PDF document.
func guideDocument(g guideView, opts ...pdfdoc.Option) *pdfdoc.Doc {
	it := g.Item
	d := pdfdoc.New(it.Name+" · 办事指南", append([]pdfdoc.Option{pdfdoc.Issuer(it.ImplementingBody)}, opts...)...)
	d.Title(it.Name)
	d.Subtitle(fmt.Sprintf("实施编码 %s · 基本编码 %s · 第%d版，%s起施行", it.ImplCode, it.BasicCode,
		g.Version.Number, g.Version.EffectiveFrom.In(calendar.CST).Format("2006年1月2日")))
	pdfBasics(d, g)
	pdfConditions(d, g)
	pdfMaterials(d, g)
	pdfSteps(d, g)
	pdfForm(d, g)
	pdfBundle(d, g)
	pdfPlace(d, g)
	pdfLegalBasis(d, it)
	d.Space(4)
	d.Note("本指南依据网上公布的现行版本生成，以网上公布的现行版本为准。")
	return d
}

// pdfBasics sets the 基本信息 grid: type, codes, bodies, limits, fee,
// visits, channels and the licence the item produces.
func pdfBasics(d *pdfdoc.Doc, g guideView) {
	it := g.Item
	d.Heading("基本信息")
	d.KeyValue("事项类型", g.Type+" · "+g.Kind)
	d.KeyValue("主管部门", it.Department)
	d.KeyValue("实施机关", it.ImplementingBody)
	d.KeyValue("可办理层级", g.Levels)
	d.KeyValue("服务对象", g.Objects)
	d.KeyValue("办件类型", g.Instant)
	d.KeyValue("法定办结时限", g.Legal+"\n"+legalBasis(it))
	d.KeyValue("承诺办结时限", g.Promised+demo(it))
	d.KeyValue("收费", g.Fee)
	d.KeyValue("到现场次数", g.Visits)
	d.KeyValue("办理渠道", orDefault(strings.Join(g.Channels, "、"), "窗口办理"))
	d.KeyValue("服务方式", serviceFlags(it))
	if g.LicenceOut != "" {
		d.KeyValue("办结证照", "电子证照（类型 "+g.LicenceOut+"）")
	}
}

// serviceFlags says in words which of 不见面、代办、上门、同城取件、告知承诺
// the item offers and which it does not.
func serviceFlags(it Item) string {
	flags := []struct {
		on   bool
		name string
	}{{it.Visits == 0, "不见面办理"}, {it.Agent, "代办"}, {it.DoorToDoor, "上门服务"},
		{it.SameCityPickup, "同城取件"}, {it.Commitment.Allowed, "告知承诺"}}
	parts := make([]string, len(flags))
	for i, f := range flags {
		parts[i] = f.name + "：" + pick(f.on, "可以", "不提供")
	}
	return strings.Join(parts, "；")
}

// pdfConditions sets the conditions and, when allowed, the commitment the
// applicant may sign instead of proving some of them.
func pdfConditions(d *pdfdoc.Doc, g guideView) {
	d.Heading("受理条件")
	if len(g.Item.Conditions) == 0 {
		d.Paragraph("无特别条件。")
	}
	d.Numbered(g.Item.Conditions)
	if g.Item.Commitment.Allowed {
		d.Heading("告知承诺")
		d.Paragraph("本事项可选择告知承诺方式办理，申请人签署以下承诺：")
		d.Paragraph(g.Item.Commitment.Text)
	}
}

// pdfMaterials sets the materials table.
func pdfMaterials(d *pdfdoc.Doc, g guideView) {
	d.Heading("申请材料")
	if len(g.Materials) == 0 {
		d.Paragraph("无需提交材料。")
		return
	}
	cols := []pdfdoc.Column{{Title: "序号", Weight: 1, Center: true}, {Title: "材料名称", Weight: 4.4},
		{Title: "必要性", Weight: 1.3, Center: true}, {Title: "份数", Weight: 1, Center: true},
		{Title: "原件/复印件", Weight: 2.1}, {Title: "形式", Weight: 1.2}, {Title: "来源", Weight: 2.9}}
	rows := make([][]string, len(g.Materials))
	for i, m := range g.Materials {
		name := m.Name
		if m.Note != "" {
			name += "\n（" + m.Note + "）"
		}
		rows[i] = []string{fmt.Sprint(i + 1), name, m.Required, m.Copies, m.Original, m.Format, m.Source}
	}
	d.Table(cols, rows)
}

// pdfSteps sets the flow, from the application to the result, naming the
// steps handled in parallel.
func pdfSteps(d *pdfdoc.Doc, g guideView) {
	d.Heading("办理流程")
	cols := []pdfdoc.Column{{Title: "序号", Weight: 0.9, Center: true}, {Title: "环节", Weight: 2.2},
		{Title: "办理部门", Weight: 2.6}, {Title: "内容", Weight: 1.3}, {Title: "说明", Weight: 4}}
	rows := [][]string{{"1", "申请", "申请人", "提交", "网上或窗口提交申请"}}
	for _, s := range g.Steps {
		rows = append(rows, []string{fmt.Sprint(len(rows) + 1), s.Name, s.Department, s.Role, s.Parallel})
	}
	result := "送达结果"
	if g.Item.SameCityPickup {
		result += "，可同城取件"
	}
	rows = append(rows, []string{fmt.Sprint(len(rows) + 1), "办结", g.Item.ImplementingBody, "送达", result})
	d.Table(cols, rows)
}

// pdfForm lists what the application form asks for.
func pdfForm(d *pdfdoc.Doc, g guideView) {
	if len(g.Fields) == 0 {
		return
	}
	d.Heading("需要填写的内容")
	rows := make([][]string, len(g.Fields))
	for i, f := range g.Fields {
		note := f.Help
		if f.Columns != "" {
			note = strings.TrimPrefix(note+"；每行包括："+f.Columns, "；")
		}
		rows[i] = []string{f.Label, pick(f.Required, "必填", "选填"), f.Type, note}
	}
	d.Table([]pdfdoc.Column{{Title: "填写项", Weight: 3}, {Title: "是否必填", Weight: 1.4, Center: true},
		{Title: "类型", Weight: 1.6}, {Title: "说明", Weight: 4}}, rows)
}

// pdfBundle names the items approved together with this one.
func pdfBundle(d *pdfdoc.Doc, g guideView) {
	if len(g.Bundle) == 0 {
		return
	}
	d.Heading("证照联办")
	d.Paragraph("以下事项可与本事项一并申请、并联审批：")
	names := make([]string, len(g.Bundle))
	for i, b := range g.Bundle {
		names[i] = b.Name + "（" + strings.TrimPrefix(b.Href, "/services/") + "）"
	}
	d.Numbered(names)
}

// pdfPlace sets where and when to go and whom to call.
func pdfPlace(d *pdfdoc.Doc, g guideView) {
	it := g.Item
	d.Heading("办理地点、时间和电话")
	d.KeyValue("办理地点", it.Place+demo(it))
	d.KeyValue("办理时间", it.Hours+demo(it))
	d.KeyValue("咨询电话", it.ConsultPhone+demo(it))
	d.KeyValue("投诉电话", it.ComplaintPhone+demo(it))
}

// pdfLegalBasis sets each provision the item rests on, with its text.
func pdfLegalBasis(d *pdfdoc.Doc, it Item) {
	d.Heading("设定依据")
	for i, b := range it.LegalBasis {
		d.Paragraph(fmt.Sprintf("%d. %s%s", i+1, b.Title, b.Article))
		if b.Text != "" {
			d.Note(b.Text)
		}
	}
}

// demo is the mark beside a demonstration value, or "".
func demo(it Item) string { return pick(it.DemoValues, demoMark, "") }

// orDefault is s, or alt when s is empty.
func orDefault(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

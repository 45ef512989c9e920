package approval

import (
	"fmt"
	"strings"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
	"github.com/shanzhi-gov/shanzhi/internal/platform/pdfdoc"
)

// dateCN formats a date in China as 2026年3月2日.
func dateCN(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(calendar.CST).Format("2006年1月2日")
}

// timeCN formats a moment in China as 2026年3月2日 09:30.
func timeCN(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(calendar.CST).Format("2006年1月2日 15:04")
}

// issuerOf is the body deciding the main item (实施机关).
func issuerOf(n noticeData) string {
	if len(n.Items) > 0 && n.Items[0].Item.ImplementingBody != "" {
		return n.Items[0].Item.ImplementingBody
	}
	return n.Government
}

// itemNames lists the items of an application with their codes.
func itemNames(n noticeData) []string {
	out := make([]string, len(n.Items))
	for i, v := range n.Items {
		out[i] = v.Item.Name + "（" + v.ImplCode + "）"
	}
	return out
}

// remedies is the notice of the right to apply for administrative
// reconsideration or to sue (行政许可法 Art. 38; 行政复议法 Art. 20;
// 行政诉讼法 Art. 46).
func remedies(n noticeData) string {
	return "如不服本决定，可以自收到本文书之日起六十日内依照《中华人民共和国行政复议法》向" + n.Government +
		"申请行政复议，或者自收到本文书之日起六个月内依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼。"
}

// tracking says how to follow the case.
func tracking(n noticeData) string {
	s := "请登录政务服务网或“善治”移动端，在“我的办件”中凭办件编号 " + n.Number + " 查询办理进度、查看和下载文书，也可在线留言咨询。"
	if len(n.Items) > 0 && n.Items[0].Item.ConsultPhone != "" {
		s += "咨询电话：" + n.Items[0].Item.ConsultPhone + "。"
	}
	return s
}

// acceptanceDocument lays out the acceptance notice (受理通知书).
func acceptanceDocument(n noticeData) *pdfdoc.Doc {
	d := pdfdoc.New("受理通知书 "+n.AcceptanceNo, pdfdoc.Issuer(n.Point), pdfdoc.GeneratedAt(n.AcceptedAt))
	d.Title("受理通知书")
	d.Subtitle(n.AcceptanceNo)
	d.Paragraph(n.Applicant + "：")
	d.Paragraph(fmt.Sprintf("你（单位）于%s提交的下列行政许可申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。",
		timeCN(n.SubmittedAt)))
	d.Numbered(itemNames(n))
	d.Space(2)
	d.KeyValue("受理通知书编号", n.AcceptanceNo)
	d.KeyValue("办件编号", n.Number)
	d.KeyValue("申请人", n.Applicant)
	d.KeyValue("受理时间", timeCN(n.AcceptedAt))
	d.KeyValue("受理网点", n.Point)
	d.KeyValue("承诺办结时限", fmt.Sprintf("%d个工作日，%s前办结", n.PromisedDays, n.PromisedDue))
	d.KeyValue("法定办结时限", fmt.Sprintf("%d个工作日，至%s", n.LegalDays, n.LegalDue))
	d.KeyValue("审批机关", issuerOf(n))
	d.Space(3)
	d.Heading("办理进度查询")
	d.Paragraph(tracking(n))
	d.Note("时限按工作日计算，不含法定节假日；依法需要听证、检验检测、专家评审或补正材料的，所需时间不计入办理时限。")
	return d
}

// rejectionDocument lays out the notice of refusal to accept (不予受理通知书).
func rejectionDocument(n noticeData) *pdfdoc.Doc {
	d := pdfdoc.New("不予受理通知书 "+n.DecisionNo, pdfdoc.Issuer(issuerOf(n)), pdfdoc.GeneratedAt(n.RejectedAt))
	d.Title("不予受理通知书")
	d.Subtitle(n.DecisionNo + " · 办件编号 " + n.Number)
	d.Paragraph(n.Applicant + "：")
	d.Paragraph(fmt.Sprintf("你（单位）于%s提交的下列行政许可申请，经审查，决定不予受理。", timeCN(n.SubmittedAt)))
	d.Numbered(itemNames(n))
	d.Heading("不予受理的理由和依据")
	d.Paragraph(n.Reason)
	d.Heading("救济途径")
	d.Paragraph(remedies(n))
	d.Space(3)
	d.KeyValue("申请人", n.Applicant)
	d.KeyValue("作出日期", dateCN(n.RejectedAt))
	d.KeyValue("作出机关", issuerOf(n))
	d.KeyValue("行政复议机关", n.Government)
	return d
}

// decisionDocument lays out the decision (准予/不予行政许可决定书).
func decisionDocument(n noticeData) *pdfdoc.Doc {
	title := "准予行政许可决定书"
	if n.Decision == "refused" {
		title = "不予行政许可决定书"
	}
	d := pdfdoc.New(title+" "+n.DecisionNo, pdfdoc.Issuer(issuerOf(n)), pdfdoc.GeneratedAt(n.DecidedAt))
	d.Title(title)
	d.Subtitle(n.DecisionNo)
	d.Paragraph(n.Applicant + "：")
	d.Paragraph(fmt.Sprintf("你（单位）于%s提交、%s受理（受理通知书 %s）的下列行政许可申请：", timeCN(n.SubmittedAt),
		dateCN(n.AcceptedAt), n.AcceptanceNo))
	d.Numbered(itemNames(n))
	if n.Decision == "refused" {
		refusalText(d, n)
	} else {
		grantText(d, n)
	}
	d.Space(3)
	d.KeyValue("决定书编号", n.DecisionNo)
	d.KeyValue("办件编号", n.Number)
	d.KeyValue("申请人", n.Applicant)
	d.KeyValue("决定", map[bool]string{true: "不予许可", false: "准予许可"}[n.Decision == "refused"])
	d.KeyValue("决定日期", dateCN(n.DecidedAt))
	d.KeyValue("决定机关", issuerOf(n))
	if n.Decision == "refused" {
		d.KeyValue("行政复议机关", n.Government)
	}
	return d
}

// grantText sets the grant and, for 告知承诺, the verification owed.
func grantText(d *pdfdoc.Doc, n noticeData) {
	d.Paragraph("经审查，申请符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可。")
	if n.UseCommitment {
		d.Paragraph("本许可以告知承诺方式作出。申请人应当履行所作承诺；行政机关将依法对承诺内容进行核查，发现实际情况与承诺内容不符的，依法予以处理。")
	}
	d.Paragraph(tracking(n))
}

// refusalText sets the reasons, the legal basis of the items and the remedies.
func refusalText(d *pdfdoc.Doc, n noticeData) {
	d.Paragraph("经审查，申请不符合法定条件、标准，根据《中华人民共和国行政许可法》第三十八条第二款的规定，决定不予行政许可。")
	d.Heading("理由和法律依据")
	d.Paragraph(n.Reason)
	var basis []string
	for _, v := range n.Items {
		for _, b := range v.Item.LegalBasis {
			basis = append(basis, strings.TrimSpace(b.Title+b.Article))
		}
	}
	if len(basis) > 0 {
		d.Paragraph("事项设定依据：")
		d.Numbered(dedupe(basis))
	}
	d.Heading("救济途径")
	d.Paragraph(remedies(n))
}

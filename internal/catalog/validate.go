package catalog

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of an item's texts.
const (
	maxCodeLen   = 64
	maxNameRunes = 100
	maxTextRunes = 2000
	// maxBasisRunes bounds the citation of the provision behind the legal
	// limit: a title and an article, not the provision's text.
	maxBasisRunes = 200
)

// codePattern accepts the printable ASCII codes the contract uses (digits,
// letters, '-'), without insisting on one province's numbering.
var codePattern = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z-]{0,63}$`)

// catchAll are the condition texts that would let a clerk refuse anything:
// the State Council guidance forbids an open-ended 受理条件.
var catchAll = []string{"其他条件", "其他", "其它", "等"}

// Validate checks the whole item and returns an invalid error whose Fields
// name every problem by its path (e.g. "materials[2].source"). depts holds
// the short names of the district's departments.
func (it *Item) Validate(depts map[string]bool) error {
	var p problems
	it.checkIdentity(&p)
	it.checkDepartment(&p, depts)
	it.checkScope(&p)
	it.checkConditions(&p)
	it.checkMaterials(&p)
	it.checkSteps(&p, depts)
	it.checkTimes(&p)
	it.checkChannels(&p)
	it.checkApproval(&p)
	it.Form.check(&p, "form", false)
	return p.err("事项「" + short(it.Name) + "」")
}

func (it *Item) checkIdentity(p *problems) {
	checkCode(p, "basic_code", it.BasicCode, true)
	checkCode(p, "impl_code", it.ImplCode, true)
	checkName(p, "name", it.Name)
	if !it.LevelKind.Valid() {
		p.add("level_kind", "事项层级无效")
	}
	switch {
	case it.LevelKind == KindMain && it.ParentBasicCode != "":
		p.add("parent_basic_code", "主项不能有上级事项")
	case it.LevelKind != KindMain && it.LevelKind.Valid():
		checkCode(p, "parent_basic_code", it.ParentBasicCode, true)
	}
	switch {
	case it.LevelKind == KindHandling && !it.HandlingKind.Valid():
		p.add("handling_kind", "办理项应注明新设、变更、延续或注销")
	case it.LevelKind != KindHandling && it.HandlingKind != HandlingNone:
		p.add("handling_kind", "只有办理项才有办理类型")
	}
	if !it.ItemType.Valid() {
		p.add("item_type", "事项类型无效")
	}
	checkCode(p, "licence_type", it.LicenceType, false)
	for i, b := range it.Bundle {
		checkCode(p, fmt.Sprintf("bundle[%d]", i), b, true)
		if b == it.ImplCode {
			p.add(fmt.Sprintf("bundle[%d]", i), "联办事项不能是本事项")
		}
	}
}

func (it *Item) checkDepartment(p *problems, depts map[string]bool) {
	if it.Department == "" {
		p.add("department", "请填写主管部门")
	} else if !depts[it.Department] {
		p.add("department", "部门「"+short(it.Department)+"」不存在")
	}
	checkName(p, "implementing_body", it.ImplementingBody)
	if len(it.LegalBasis) == 0 {
		p.add("legal_basis", "请至少填写一条设定依据")
	}
	for i, lb := range it.LegalBasis {
		at := fmt.Sprintf("legal_basis[%d]", i)
		checkName(p, at+".title", lb.Title)
		checkText(p, at+".text", lb.Text, true)
		checkText(p, at+".article", lb.Article, false)
	}
}

func (it *Item) checkScope(p *problems) {
	if len(it.ExerciseLevels) == 0 {
		p.add("exercise_levels", "请至少选择一个行使层级")
	}
	for i, l := range it.ExerciseLevels {
		if !l.Valid() {
			p.add(fmt.Sprintf("exercise_levels[%d]", i), "行使层级无效")
		}
	}
	if len(it.ServiceObjects) == 0 {
		p.add("service_objects", "请至少选择一个服务对象")
	}
	for i, o := range it.ServiceObjects {
		if !o.Valid() {
			p.add(fmt.Sprintf("service_objects[%d]", i), "服务对象无效")
		}
	}
	for i, e := range it.LifeEvents {
		if !knownLifeEvent(e) {
			p.add(fmt.Sprintf("life_events[%d]", i), "人生事件无效")
		}
	}
	for i, k := range it.Keywords {
		checkName(p, fmt.Sprintf("keywords[%d]", i), k)
	}
}

func (it *Item) checkConditions(p *problems) {
	for i, c := range it.Conditions {
		at := fmt.Sprintf("conditions[%d]", i)
		checkText(p, at, c, true)
		if isCatchAll(c) {
			p.add(at, "受理条件不能使用「其他条件」等兜底表述，请逐项列明")
		}
	}
}

func (it *Item) checkMaterials(p *problems) {
	for i, m := range it.Materials {
		at := fmt.Sprintf("materials[%d]", i)
		checkName(p, at+".name", m.Name)
		if m.Copies < 0 || m.Copies > 99 {
			p.add(at+".copies", "份数应在0到99之间")
		}
		if !m.Original.Valid() {
			p.add(at+".original", "原件/复印件要求无效")
		}
		if !m.Format.Valid() {
			p.add(at+".format", "材料形式无效")
		}
		if !m.Source.Valid() {
			p.add(at+".source", "来源无效")
		}
		if m.Source == SourceLicenceReuse {
			checkCode(p, at+".licence_type", m.LicenceType, true)
		}
		checkText(p, at+".note", m.Note, false)
	}
}

func (it *Item) checkSteps(p *problems, depts map[string]bool) {
	if len(it.Steps) == 0 {
		p.add("steps", "请至少填写一个办理环节")
	}
	groups := map[string]int{}
	for i, s := range it.Steps {
		at := fmt.Sprintf("steps[%d]", i)
		checkName(p, at+".name", s.Name)
		if !depts[s.Department] {
			p.add(at+".department", "部门「"+short(s.Department)+"」不存在")
		}
		if !s.Role.Valid() {
			p.add(at+".role", "环节角色无效")
		}
		if s.ParallelGroup != "" {
			groups[s.ParallelGroup]++
		}
	}
	for i, s := range it.Steps {
		if s.ParallelGroup != "" && groups[s.ParallelGroup] < 2 {
			p.add(fmt.Sprintf("steps[%d].parallel_group", i), "并联分组至少应有两个环节")
		}
	}
}

func (it *Item) checkTimes(p *problems) {
	if it.LegalDays < 0 || it.LegalDays > 365 {
		p.add("legal_days", "法定办结时限应在0到365个工作日之间")
	}
	checkLegalDaysBasis(p, it.LegalDaysBasis)
	switch {
	case it.PromisedDays < 0:
		p.add("promised_days", "承诺办结时限不能为负数")
	case it.Instant && it.PromisedDays != 0:
		p.add("promised_days", "即办件的承诺办结时限应为0")
	case it.LegalDays > 0 && it.PromisedDays > it.LegalDays:
		p.add("promised_days", "承诺办结时限不能超过法定办结时限")
	}
	if it.Fee.AmountFen < 0 || (!it.Fee.Charged && it.Fee.AmountFen != 0) {
		p.add("fee.amount_fen", "不收费事项的金额应为0")
	}
	if it.Fee.Charged && strings.TrimSpace(it.Fee.Basis) == "" {
		p.add("fee.basis", "收费事项应填写收费依据")
	}
}

func (it *Item) checkChannels(p *problems) {
	checkText(p, "place", it.Place, true)
	checkText(p, "hours", it.Hours, true)
	checkName(p, "consult_phone", it.ConsultPhone)
	checkName(p, "complaint_phone", it.ComplaintPhone)
	if it.Visits < 0 || it.Visits > 9 {
		p.add("visits", "到现场次数应在0到9之间")
	}
	if it.Visits == 0 && !it.Online {
		p.add("visits", "到现场次数为0的事项应支持网上办理")
	}
	if it.Commitment.Allowed && strings.TrimSpace(it.Commitment.Text) == "" {
		p.add("commitment.text", "实行告知承诺的事项应填写承诺书内容")
	}
	checkText(p, "commitment.text", it.Commitment.Text, false)
}

// checkLegalDaysBasis allows an empty basis (no statute sets the limit,
// the guide says so) but not a blank one, which would print as a citation
// of nothing.
func checkLegalDaysBasis(p *problems, v string) {
	switch {
	case v != "" && strings.TrimSpace(v) == "":
		p.add("legal_days_basis", "法定时限依据不能只有空格；法律未作规定的请留空")
	case !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxBasisRunes:
		p.add("legal_days_basis", "法定时限依据不能超过200个字")
	}
}

func checkCode(p *problems, path, v string, required bool) {
	switch {
	case v == "" && required:
		p.add(path, "请填写编码")
	case v != "" && !codePattern.MatchString(v):
		p.add(path, "编码只能包含字母、数字和连字符，且不超过64位")
	}
}

func checkName(p *problems, path, v string) {
	switch {
	case strings.TrimSpace(v) == "":
		p.add(path, "不能为空")
	case !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxNameRunes:
		p.add(path, "不能超过100个字")
	}
}

func checkText(p *problems, path, v string, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		p.add(path, "不能为空")
	case !utf8.ValidString(v) || utf8.RuneCountInString(v) > maxTextRunes:
		p.add(path, "不能超过2000个字")
	}
}

// isCatchAll reports whether a condition is an open-ended catch-all: one
// of the catch-all words alone, or a text ending in one ("…等", "其他条件").
func isCatchAll(c string) bool {
	c = strings.TrimRight(strings.TrimSpace(c), "。；;.、 ")
	for _, w := range catchAll {
		if c == w || strings.HasSuffix(c, w) || strings.HasPrefix(c, "其他") || strings.HasPrefix(c, "其它") {
			return true
		}
	}
	return false
}

func knownLifeEvent(e string) bool {
	for _, k := range LifeEvents {
		if k == e {
			return true
		}
	}
	return false
}

// short cuts a name for a message, so an overlong input does not flood it.
func short(s string) string {
	if utf8.RuneCountInString(s) <= 20 {
		return s
	}
	return string([]rune(s)[:20]) + "…"
}

func itoa(n int) string { return strconv.Itoa(n) }

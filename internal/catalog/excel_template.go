package catalog

import "strconv"

// The sheets of the Excel template (docs/catalog-excel-template.md). Row 1
// holds the Chinese headers staff read, row 2 the contract keys the
// importer matches columns by, data starts on row 3.
const (
	SheetItems     = "事项"
	SheetMaterials = "材料"
	SheetForm      = "表单"
	SheetSteps     = "环节"
	SheetBasis     = "设定依据"
	xlFirstDataRow = 3
)

// xlSheetOrder is the order of the sheets in a workbook and in a report.
var xlSheetOrder = []string{SheetItems, SheetMaterials, SheetForm, SheetSteps, SheetBasis}

// xlColumn is one column of a template sheet over rows of type T: its
// header, its contract key, and how a value is written and read back.
type xlColumn[T any] struct {
	header string
	key    string
	get    func(*T) string
	set    func(*T, string) string // returns a Chinese reason, "" when fine
}

func xlText[T any](header, key string, f func(*T) *string) xlColumn[T] {
	return xlColumn[T]{header, key, func(t *T) string { return *f(t) },
		func(t *T, s string) string { *f(t) = s; return "" }}
}

func xlBool[T any](header, key string, f func(*T) *bool) xlColumn[T] {
	return xlColumn[T]{header, key, func(t *T) string { return xlYesNo(*f(t)) },
		func(t *T, s string) string { return xlParseBool(s, f(t)) }}
}

func xlInt[T any](header, key string, f func(*T) *int) xlColumn[T] {
	return xlColumn[T]{header, key, func(t *T) string { return strconv.Itoa(*f(t)) },
		func(t *T, s string) string { return xlParseInt(s, f(t)) }}
}

func xlList[T any](header, key, sep string, f func(*T) *[]string) xlColumn[T] {
	return xlColumn[T]{header, key, func(t *T) string { return xlJoin(*f(t), sep) },
		func(t *T, s string) string { v, msg := xlSplit(s, sep); *f(t) = v; return msg }}
}

func xlEnum[T any, K ~string](header, key string, names map[K]string, allowEmpty bool, what string, f func(*T) *K) xlColumn[T] {
	return xlColumn[T]{header, key, func(t *T) string { return xlEnumName(names, *f(t)) },
		func(t *T, s string) string { return xlParseEnum(names, s, f(t), allowEmpty, what) }}
}

func xlEnums[T any, K ~string](header, key string, names map[K]string, what string, f func(*T) *[]K) xlColumn[T] {
	return xlColumn[T]{header, key, func(t *T) string { return xlJoinEnums(names, *f(t)) },
		func(t *T, s string) string { return xlParseEnums(names, s, f(t), what) }}
}

// xlImplCodeHeader heads the first column of every sheet but 事项: the item
// a row belongs to.
const xlImplCodeHeader = "实施编码"

// xlItemColumns are the columns of the 事项 sheet: every scalar element of
// an item and its short lists.
var xlItemColumns = []xlColumn[Item]{
	xlText("基本编码", "basic_code", func(i *Item) *string { return &i.BasicCode }),
	xlText(xlImplCodeHeader, "impl_code", func(i *Item) *string { return &i.ImplCode }),
	xlText("事项名称", "name", func(i *Item) *string { return &i.Name }),
	xlText("上级事项基本编码", "parent_basic_code", func(i *Item) *string { return &i.ParentBasicCode }),
	xlEnum("事项层级", "level_kind", levelKindNames, false, "事项层级", func(i *Item) *LevelKind { return &i.LevelKind }),
	xlEnum("办理类型", "handling_kind", handlingKindNames, true, "办理类型", func(i *Item) *HandlingKind { return &i.HandlingKind }),
	xlEnum("事项类型", "item_type", itemTypeNames, false, "事项类型", func(i *Item) *ItemType { return &i.ItemType }),
	xlText("主管部门", "department", func(i *Item) *string { return &i.Department }),
	xlText("实施机关", "implementing_body", func(i *Item) *string { return &i.ImplementingBody }),
	xlEnums("行使层级", "exercise_levels", levelNames, "行使层级", func(i *Item) *[]Level { return &i.ExerciseLevels }),
	xlEnums("服务对象", "service_objects", serviceObjectNames, "服务对象", func(i *Item) *[]ServiceObject { return &i.ServiceObjects }),
	xlBool("即办件", "instant", func(i *Item) *bool { return &i.Instant }),
	xlList("受理条件（每行一条）", "conditions", xlLineSep, func(i *Item) *[]string { return &i.Conditions }),
	xlInt("法定办结时限（工作日）", "legal_days", func(i *Item) *int { return &i.LegalDays }),
	xlText("法定时限依据", "legal_days_basis", func(i *Item) *string { return &i.LegalDaysBasis }),
	xlInt("承诺办结时限（工作日）", "promised_days", func(i *Item) *int { return &i.PromisedDays }),
	xlBool("演示值", "demo_values", func(i *Item) *bool { return &i.DemoValues }),
	xlBool("是否收费", "fee.charged", func(i *Item) *bool { return &i.Fee.Charged }),
	{"收费金额（元）", "fee.amount_yuan", func(i *Item) string { return xlYuan(i.Fee.AmountFen) },
		func(i *Item, s string) string { return xlParseYuan(s, &i.Fee.AmountFen) }},
	xlText("收费依据", "fee.basis", func(i *Item) *string { return &i.Fee.Basis }),
	xlText("办理地点", "place", func(i *Item) *string { return &i.Place }),
	xlText("办理时间", "hours", func(i *Item) *string { return &i.Hours }),
	xlText("咨询电话", "consult_phone", func(i *Item) *string { return &i.ConsultPhone }),
	xlText("投诉电话", "complaint_phone", func(i *Item) *string { return &i.ComplaintPhone }),
	xlInt("到现场次数", "visits", func(i *Item) *int { return &i.Visits }),
	xlBool("网上办理", "online", func(i *Item) *bool { return &i.Online }),
	xlBool("代办", "agent", func(i *Item) *bool { return &i.Agent }),
	xlBool("上门服务", "door_to_door", func(i *Item) *bool { return &i.DoorToDoor }),
	xlBool("同城取件", "same_city_pickup", func(i *Item) *bool { return &i.SameCityPickup }),
	xlBool("告知承诺", "commitment.allowed", func(i *Item) *bool { return &i.Commitment.Allowed }),
	xlText("承诺书内容", "commitment.text", func(i *Item) *string { return &i.Commitment.Text }),
	xlList("证照联办事项（实施编码）", "bundle", xlListSep, func(i *Item) *[]string { return &i.Bundle }),
	xlText("产生的电子证照类型", "licence_type", func(i *Item) *string { return &i.LicenceType }),
	xlList("关键词", "keywords", xlListSep, func(i *Item) *[]string { return &i.Keywords }),
	xlList("人生事件", "life_events", xlListSep, func(i *Item) *[]string { return &i.LifeEvents }),
	xlInt("身份核验等级（0按事项类型）", "identity_level", func(i *Item) *int { return &i.IdentityLevel }),
	xlEnum("信用准入规则", "credit_rules", creditRuleNames, true, "信用准入规则", func(i *Item) *CreditRuleSet { return &i.CreditRules }),
	xlEnums("须填写的相关人员", "party_roles", partyRoleNames, "相关人员身份", func(i *Item) *[]PartyRole { return &i.PartyRoles }),
}

// xlPathAliases maps validation paths to the column that holds them where
// the two differ (the amount is typed in yuan, stored in fen).
var xlPathAliases = map[string]string{"fee.amount_fen": "fee.amount_yuan"}

var xlMaterialColumns = []xlColumn[Material]{
	xlText("材料名称", "name", func(m *Material) *string { return &m.Name }),
	xlBool("必要", "required", func(m *Material) *bool { return &m.Required }),
	xlInt("份数", "copies", func(m *Material) *int { return &m.Copies }),
	xlEnum("原件/复印件", "original", originalNames, false, "原件/复印件要求", func(m *Material) *Original { return &m.Original }),
	xlEnum("材料形式", "format", formatNames, false, "材料形式", func(m *Material) *Format { return &m.Format }),
	xlEnum("来源", "source", sourceNames, false, "材料来源", func(m *Material) *Source { return &m.Source }),
	xlText("复用电子证照类型", "licence_type", func(m *Material) *string { return &m.LicenceType }),
	xlText("备注", "note", func(m *Material) *string { return &m.Note }),
}

// xlParentHeader heads the 表单 column naming the table field a row is a
// xlColumn of.
const xlParentHeader = "所属表格字段"

var xlFormColumns = []xlColumn[FormField]{
	xlText("字段名", "name", func(f *FormField) *string { return &f.Name }),
	xlText("标签", "label", func(f *FormField) *string { return &f.Label }),
	xlEnum("类型", "type", fieldTypeNames, false, "字段类型", func(f *FormField) *FieldType { return &f.Type }),
	xlBool("必填", "required", func(f *FormField) *bool { return &f.Required }),
	xlInt("长度上限", "max_len", func(f *FormField) *int { return &f.MaxLen }),
	xlList("选项", "options", xlListSep, func(f *FormField) *[]string { return &f.Options }),
	xlText("填写说明", "help", func(f *FormField) *string { return &f.Help }),
}

var xlStepColumns = []xlColumn[Step]{
	xlText("环节名称", "name", func(s *Step) *string { return &s.Name }),
	xlText("部门", "department", func(s *Step) *string { return &s.Department }),
	xlEnum("角色", "role", stepRoleNames, false, "环节角色", func(s *Step) *StepRole { return &s.Role }),
	xlText("并联分组", "parallel_group", func(s *Step) *string { return &s.ParallelGroup }),
}

var xlBasisColumns = []xlColumn[LegalBasis]{
	xlText("法规名称", "title", func(b *LegalBasis) *string { return &b.Title }),
	xlText("条款", "article", func(b *LegalBasis) *string { return &b.Article }),
	xlText("条文内容", "text", func(b *LegalBasis) *string { return &b.Text }),
}

// xlLayout is a sheet's header: Chinese headers and keys in column order.
type xlLayout struct {
	headers []string
	keys    []string
}

func xlLayoutOf[T any](cols []xlColumn[T], lead ...string) xlLayout {
	var l xlLayout
	for i := 0; i+1 < len(lead); i += 2 {
		l.headers = append(l.headers, lead[i])
		l.keys = append(l.keys, lead[i+1])
	}
	for _, c := range cols {
		l.headers = append(l.headers, c.header)
		l.keys = append(l.keys, c.key)
	}
	return l
}

// xlLayouts are the header rows of every sheet.
var xlLayouts = map[string]xlLayout{
	SheetItems:     xlLayoutOf(xlItemColumns),
	SheetMaterials: xlLayoutOf(xlMaterialColumns, xlImplCodeHeader, "impl_code"),
	SheetForm:      xlLayoutOf(xlFormColumns, xlImplCodeHeader, "impl_code", xlParentHeader, "parent"),
	SheetSteps:     xlLayoutOf(xlStepColumns, xlImplCodeHeader, "impl_code"),
	SheetBasis:     xlLayoutOf(xlBasisColumns, xlImplCodeHeader, "impl_code"),
}

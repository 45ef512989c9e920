package catalog

// ItemType is the 事项类型 code of GB/T 39046-2020.
type ItemType string

// The item types.
const (
	TypeLicence       ItemType = "01" // 行政许可
	TypePenalty       ItemType = "02" // 行政处罚
	TypeCoercion      ItemType = "03" // 行政强制
	TypeLevy          ItemType = "04" // 行政征收
	TypeBenefit       ItemType = "05" // 行政给付
	TypeInspection    ItemType = "06" // 行政检查
	TypeConfirmation  ItemType = "07" // 行政确认
	TypeReward        ItemType = "08" // 行政奖励
	TypeAdjudication  ItemType = "09" // 行政裁决
	TypeOtherPower    ItemType = "10" // 其他行政权力
	TypePublicService ItemType = "20" // 公共服务
)

// ItemTypes lists the item types in code order.
var ItemTypes = []ItemType{TypeLicence, TypePenalty, TypeCoercion, TypeLevy, TypeBenefit,
	TypeInspection, TypeConfirmation, TypeReward, TypeAdjudication, TypeOtherPower, TypePublicService}

var itemTypeNames = map[ItemType]string{
	TypeLicence: "行政许可", TypePenalty: "行政处罚", TypeCoercion: "行政强制", TypeLevy: "行政征收",
	TypeBenefit: "行政给付", TypeInspection: "行政检查", TypeConfirmation: "行政确认", TypeReward: "行政奖励",
	TypeAdjudication: "行政裁决", TypeOtherPower: "其他行政权力", TypePublicService: "公共服务",
}

// Name is the type's Chinese name.
func (t ItemType) Name() string { return nameOr(itemTypeNames, t) }

// Valid reports whether t is a known type.
func (t ItemType) Valid() bool { _, ok := itemTypeNames[t]; return ok }

// LevelKind places an item in the 主项 → 子项 → 办理项 structure.
type LevelKind string

// The structure levels.
const (
	KindMain     LevelKind = "main"
	KindSub      LevelKind = "sub"
	KindHandling LevelKind = "handling"
)

var levelKindNames = map[LevelKind]string{KindMain: "主项", KindSub: "子项", KindHandling: "办理项"}

// Name is the level kind's Chinese name.
func (k LevelKind) Name() string { return nameOr(levelKindNames, k) }

// Valid reports whether k is known.
func (k LevelKind) Valid() bool { _, ok := levelKindNames[k]; return ok }

// HandlingKind says what a 办理项 does to a licence or registration.
type HandlingKind string

// The handling kinds; empty for 主项 and 子项.
const (
	HandlingNone   HandlingKind = ""
	HandlingNew    HandlingKind = "new"
	HandlingChange HandlingKind = "change"
	HandlingRenew  HandlingKind = "renew"
	HandlingCancel HandlingKind = "cancel"
)

var handlingKindNames = map[HandlingKind]string{HandlingNew: "新设", HandlingChange: "变更", HandlingRenew: "延续", HandlingCancel: "注销"}

// Name is the handling kind's Chinese name.
func (k HandlingKind) Name() string { return nameOr(handlingKindNames, k) }

// Valid reports whether k is a known, non-empty handling kind.
func (k HandlingKind) Valid() bool { _, ok := handlingKindNames[k]; return ok }

// Level is a level of service point that may accept an item (行使层级).
type Level string

// The levels.
const (
	LevelDistrict  Level = "district"
	LevelStreet    Level = "street"
	LevelCommunity Level = "community"
)

// Levels lists the levels from the top.
var Levels = []Level{LevelDistrict, LevelStreet, LevelCommunity}

var levelNames = map[Level]string{LevelDistrict: "区级", LevelStreet: "街道", LevelCommunity: "社区"}

// Name is the level's Chinese name.
func (l Level) Name() string { return nameOr(levelNames, l) }

// Valid reports whether l is known.
func (l Level) Valid() bool { _, ok := levelNames[l]; return ok }

// ServiceObject is who an item serves (服务对象).
type ServiceObject string

// The service objects.
const (
	NaturalPerson ServiceObject = "natural_person"
	LegalPerson   ServiceObject = "legal_person"
)

var serviceObjectNames = map[ServiceObject]string{NaturalPerson: "自然人", LegalPerson: "法人"}

// Name is the service object's Chinese name.
func (o ServiceObject) Name() string { return nameOr(serviceObjectNames, o) }

// Valid reports whether o is known.
func (o ServiceObject) Valid() bool { _, ok := serviceObjectNames[o]; return ok }

// Original says whether a material is handed in as original, copy or both.
type Original string

// The original/copy kinds.
const (
	OriginalOnly Original = "original"
	CopyOnly     Original = "copy"
	OriginalBoth Original = "both"
)

var originalNames = map[Original]string{OriginalOnly: "原件", CopyOnly: "复印件", OriginalBoth: "原件和复印件"}

// Name is the kind's Chinese name.
func (o Original) Name() string { return nameOr(originalNames, o) }

// Valid reports whether o is known.
func (o Original) Valid() bool { _, ok := originalNames[o]; return ok }

// Format says whether a material is on paper, electronic or both.
type Format string

// The material formats.
const (
	FormatPaper      Format = "paper"
	FormatElectronic Format = "electronic"
	FormatBoth       Format = "both"
)

var formatNames = map[Format]string{FormatPaper: "纸质", FormatElectronic: "电子", FormatBoth: "纸质和电子"}

// Name is the format's Chinese name.
func (f Format) Name() string { return nameOr(formatNames, f) }

// Valid reports whether f is known.
func (f Format) Valid() bool { _, ok := formatNames[f]; return ok }

// Source says where a material comes from.
type Source string

// The material sources.
const (
	SourceApplicant    Source = "applicant"     // uploaded by the applicant
	SourceSharedData   Source = "shared_data"   // fetched from shared government data
	SourceLicenceReuse Source = "licence_reuse" // an electronic licence already issued
	SourceSystem       Source = "system"        // produced by the system itself
)

var sourceNames = map[Source]string{SourceApplicant: "申请人提交", SourceSharedData: "共享数据获取",
	SourceLicenceReuse: "电子证照复用", SourceSystem: "系统生成"}

// Name is the source's Chinese name.
func (s Source) Name() string { return nameOr(sourceNames, s) }

// Valid reports whether s is known.
func (s Source) Valid() bool { _, ok := sourceNames[s]; return ok }

// StepRole is what a step's handler does.
type StepRole string

// The step roles.
const (
	StepReview StepRole = "review" // 审查
	StepCheck  StepRole = "check"  // 核查
	StepDecide StepRole = "decide" // 决定
)

var stepRoleNames = map[StepRole]string{StepReview: "审查", StepCheck: "核查", StepDecide: "决定"}

// Name is the role's Chinese name.
func (r StepRole) Name() string { return nameOr(stepRoleNames, r) }

// Valid reports whether r is known.
func (r StepRole) Valid() bool { _, ok := stepRoleNames[r]; return ok }

// LifeEvents are the life events residents browse by.
var LifeEvents = []string{"出生", "上学", "就业", "开办企业", "养老", "婚育", "住房", "医疗", "社保", "身后事", "残疾人", "退役军人"}

func nameOr[K ~string](names map[K]string, k K) string {
	if n, ok := names[k]; ok {
		return n
	}
	return string(k)
}

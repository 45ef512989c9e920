package catalog

// Item is one catalogue item's guide as GB/T 39046-2020 lists its elements.
// Field names follow the shared JSON contract of the demo catalogue
// (internal/catalog/data/qixia_demo.json).
type Item struct {
	BasicCode        string          `json:"basic_code"`        // 基本编码
	ImplCode         string          `json:"impl_code"`         // 实施编码
	Name             string          `json:"name"`              // 事项名称
	ParentBasicCode  string          `json:"parent_basic_code"` // 主项/子项 above, '' for a 主项
	LevelKind        LevelKind       `json:"level_kind"`
	HandlingKind     HandlingKind    `json:"handling_kind"`
	ItemType         ItemType        `json:"item_type"`
	Department       string          `json:"department"`        // 主管部门, short name as seeded by org
	ImplementingBody string          `json:"implementing_body"` // 实施机关
	LegalBasis       []LegalBasis    `json:"legal_basis"`       // 设定依据
	ExerciseLevels   []Level         `json:"exercise_levels"`   // 行使层级
	ServiceObjects   []ServiceObject `json:"service_objects"`   // 服务对象
	Instant          bool            `json:"instant"`           // 即办件 (true) or 承诺件
	Conditions       []string        `json:"conditions"`        // 受理条件
	Materials        []Material      `json:"materials"`         // 申请材料
	Steps            []Step          `json:"steps"`             // 办理流程
	LegalDays        int             `json:"legal_days"`        // 法定办结时限, working days
	// LegalDaysBasis cites the provision that sets LegalDays, e.g.
	// 《中华人民共和国行政许可法》第四十二条; "" when no statute sets a limit
	// and LegalDays is the provincial guide's customary value.
	LegalDaysBasis string `json:"legal_days_basis"`
	PromisedDays   int    `json:"promised_days"` // 承诺办结时限, working days
	// DemoValues marks an item whose promised limit, place, hours and phone
	// numbers are demonstration values, not a district's published promise;
	// guides say so next to each such value.
	DemoValues     bool       `json:"demo_values"`
	Fee            Fee        `json:"fee"`
	Place          string     `json:"place"`
	Hours          string     `json:"hours"`
	ConsultPhone   string     `json:"consult_phone"`
	ComplaintPhone string     `json:"complaint_phone"`
	Visits         int        `json:"visits"` // 到现场次数, 0 = 不见面
	Online         bool       `json:"online"`
	Agent          bool       `json:"agent"`        // 代办
	DoorToDoor     bool       `json:"door_to_door"` // 上门服务
	SameCityPickup bool       `json:"same_city_pickup"`
	Commitment     Commitment `json:"commitment"`   // 告知承诺
	Bundle         []string   `json:"bundle"`       // 证照联办: impl codes approved together
	LicenceType    string     `json:"licence_type"` // electronic licence it produces
	Keywords       []string   `json:"keywords"`
	LifeEvents     []string   `json:"life_events"`
	Form           Form       `json:"form"`
	// IdentityLevel is the remote identity check an online application
	// needs (1 SMS sign-in, 2 + carrier real-name check, 3 + face match);
	// 0 means the default for the item's type (see approval).
	IdentityLevel int `json:"identity_level"`
	// CreditRules names the credit admission rule set checked at submission
	// (see credit), "" for the default set.
	CreditRules CreditRuleSet `json:"credit_rules"`
	// PartyRoles are the related persons an application must name, e.g.
	// legal_rep, shareholder, director, supervisor, manager.
	PartyRoles []PartyRole `json:"party_roles"`
}

// LegalBasis is one citable provision the item rests on (设定依据).
type LegalBasis struct {
	Title   string `json:"title"`
	Article string `json:"article"`
	Text    string `json:"text"`
}

// Material is one document an applicant provides or the system obtains.
type Material struct {
	Name        string   `json:"name"`
	Required    bool     `json:"required"`
	Copies      int      `json:"copies"`
	Original    Original `json:"original"`
	Format      Format   `json:"format"`
	Source      Source   `json:"source"`
	LicenceType string   `json:"licence_type"` // when Source is licence_reuse
	Note        string   `json:"note"`
}

// Step is one step of the approval flow. Steps sharing a non-empty
// ParallelGroup are handled at the same time (证照联办).
type Step struct {
	Name          string   `json:"name"`
	Department    string   `json:"department"`
	Role          StepRole `json:"role"`
	ParallelGroup string   `json:"parallel_group"`
}

// Fee says whether the item is charged, how much (in fen) and on what basis.
type Fee struct {
	Charged   bool   `json:"charged"`
	AmountFen int64  `json:"amount_fen"`
	Basis     string `json:"basis"`
}

// Commitment is the 告知承诺 option: when allowed, the applicant signs Text
// instead of proving some conditions up front.
type Commitment struct {
	Allowed bool   `json:"allowed"`
	Text    string `json:"text"`
}

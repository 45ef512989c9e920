package credit

// PartyRole is the part a subject plays in an application.
type PartyRole string

// The roles of the parties to an application.
const (
	Applicant   PartyRole = "applicant"   // 申请人
	LegalRep    PartyRole = "legal_rep"   // 法定代表人
	Shareholder PartyRole = "shareholder" // 股东
	Director    PartyRole = "director"    // 董事
	Supervisor  PartyRole = "supervisor"  // 监事
	Manager     PartyRole = "manager"     // 经理
	Agent       PartyRole = "agent"       // 代理人
)

var roleNames = map[PartyRole]string{Applicant: "申请人", LegalRep: "法定代表人", Shareholder: "股东",
	Director: "董事", Supervisor: "监事", Manager: "经理", Agent: "代理人"}

// Name is the Chinese name of the role.
func (r PartyRole) Name() string { return roleNames[r] }

// Valid reports whether r is a known role.
func (r PartyRole) Valid() bool { _, ok := roleNames[r]; return ok }

// Outcome is the result of a check: pass < warn < refuse.
type Outcome string

// The outcomes.
const (
	Pass   Outcome = "pass"   // 通过
	Warn   Outcome = "warn"   // 通过（提示）
	Refuse Outcome = "refuse" // 不予准入
)

var outcomeRank = map[Outcome]int{Pass: 0, Warn: 1, Refuse: 2}
var outcomeNames = map[Outcome]string{Pass: "通过", Warn: "通过（有提示）", Refuse: "不予准入"}

// Name is the Chinese name of the outcome.
func (o Outcome) Name() string { return outcomeNames[o] }

// worse returns the more severe of two outcomes.
func worse(a, b Outcome) Outcome {
	if outcomeRank[b] > outcomeRank[a] {
		return b
	}
	return a
}

// Signal is a kind of evidence the registry holds on a subject, counted
// only while in force.
type Signal string

// The signals.
const (
	SigBlackList Signal = "black_list" // on the serious dishonesty list
	SigSerious   Signal = "serious"    // an unrepaired, unexpired 严重失信 record
	SigBroken    Signal = "broken"     // a broken commitment whose breach still counts
	SigGeneral   Signal = "general"    // an unrepaired, unexpired 一般失信 record
	SigRedList   Signal = "red_list"   // on the red list, or a positive record
)

// signalOrder is the order findings are listed in, most severe first.
var signalOrder = []Signal{SigBlackList, SigSerious, SigBroken, SigGeneral, SigRedList}

// Rule maps a signal on a party in one of Roles to an outcome with a
// Chinese reason. Within a rule set, the first rule matching the signal
// and the role applies; a signal no rule matches is ignored.
type Rule struct {
	ID      string      `json:"id"`
	Signal  Signal      `json:"signal"`
	Roles   []PartyRole `json:"roles"`
	Outcome Outcome     `json:"outcome"`
	Reason  string      `json:"reason"`
}

// RuleSet is a named, versioned table of rules; items name the set they
// use. A change of any rule must bump Version: stored decisions cite it.
type RuleSet struct {
	Name    string `json:"name"`
	Title   string `json:"title"`
	Version int    `json:"version"`
	Rules   []Rule `json:"rules"`
}

// Role groups used by the tables.
var (
	// officers may not be persons under joint punishment in a new company
	// (法定代表人、董事、监事、高级管理人员).
	officers = []PartyRole{LegalRep, Director, Supervisor, Manager}
	// principals are everyone acting in their own name: all but agents.
	principals = []PartyRole{Applicant, LegalRep, Shareholder, Director, Supervisor, Manager}
	everyone   = []PartyRole{Applicant, LegalRep, Shareholder, Director, Supervisor, Manager, Agent}
)

// Rule set names.
const (
	RuleSetDefault     = "default"      // any item: records only warn
	RuleSetMarketEntry = "market_entry" // 市场主体登记: joint punishment of officers
	RuleSetCommitment  = "commitment"   // 告知承诺 use
)

// ruleSets are the admission rules, as data. Reasons are shown to the
// approver and, masked of others' data, to the applicant.
var ruleSets = map[string]RuleSet{
	RuleSetDefault: {Name: RuleSetDefault, Title: "一般事项信用核查", Version: 1, Rules: []Rule{
		{"default.black", SigBlackList, everyone, Warn, "列入严重失信主体名单，请审慎审查"},
		{"default.serious", SigSerious, principals, Warn, "存在未修复的严重失信记录，请审慎审查"},
		{"default.broken", SigBroken, principals, Warn, "有违反信用承诺的记录"},
		{"default.general", SigGeneral, principals, Warn, "存在一般失信记录"},
		{"default.red", SigRedList, principals, Pass, "守信激励对象，可享受容缺受理等便利措施"},
	}},
	RuleSetMarketEntry: {Name: RuleSetMarketEntry, Title: "市场主体准入（联合惩戒）", Version: 1, Rules: []Rule{
		{"market.black.officer", SigBlackList, officers, Refuse,
			"列入严重失信主体名单，不得担任新设企业的法定代表人、董事、监事、高级管理人员"},
		{"market.serious.officer", SigSerious, officers, Refuse,
			"存在未修复的严重失信记录，不得担任新设企业的法定代表人、董事、监事、高级管理人员"},
		{"market.black", SigBlackList, everyone, Warn, "列入严重失信主体名单，请审慎审查"},
		{"market.serious", SigSerious, principals, Warn, "存在未修复的严重失信记录，请审慎审查"},
		{"market.broken", SigBroken, principals, Warn, "有违反信用承诺的记录，不得适用告知承诺"},
		{"market.general", SigGeneral, principals, Warn, "存在一般失信记录"},
		{"market.red", SigRedList, principals, Pass, "守信激励对象，可享受容缺受理等便利措施"},
	}},
	RuleSetCommitment: {Name: RuleSetCommitment, Title: "告知承诺适用核查", Version: 1, Rules: []Rule{
		{"commitment.broken", SigBroken, principals, Refuse, "曾违反信用承诺，不得适用告知承诺"},
		{"commitment.black", SigBlackList, principals, Refuse, "列入严重失信主体名单，不得适用告知承诺"},
		{"commitment.serious", SigSerious, principals, Refuse, "存在未修复的严重失信记录，不得适用告知承诺"},
		{"commitment.general", SigGeneral, principals, Warn, "存在一般失信记录，请加强事中事后核查"},
		{"commitment.red", SigRedList, principals, Pass, "守信激励对象"},
	}},
}

// RuleSets returns the rule sets, for display and for the catalogue's
// choice of a set per item.
func RuleSets() []RuleSet {
	return []RuleSet{ruleSets[RuleSetDefault], ruleSets[RuleSetMarketEntry], ruleSets[RuleSetCommitment]}
}

// match returns the rule applying to signal on role, if any.
func (rs RuleSet) match(sig Signal, role PartyRole) (Rule, bool) {
	for _, r := range rs.Rules {
		if r.Signal != sig {
			continue
		}
		for _, x := range r.Roles {
			if x == role {
				return r, true
			}
		}
	}
	return Rule{}, false
}

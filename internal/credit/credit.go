package credit

import "time"

// SubjectKind separates natural persons from legal persons.
type SubjectKind string

// The kinds of subject.
const (
	Person SubjectKind = "person" // 自然人, by resident ID number
	Entity SubjectKind = "entity" // 法人和其他组织, by unified social credit code
)

// Name is the Chinese name of the kind.
func (k SubjectKind) Name() string {
	if k == Person {
		return "自然人"
	}
	return "法人和其他组织"
}

// Severity grades a record: dishonesty (一般失信, 严重失信) or a positive
// record (守信激励, e.g. 表彰奖励).
type Severity string

// The severities.
const (
	General  Severity = "general"  // 一般失信
	Serious  Severity = "serious"  // 严重失信
	Positive Severity = "positive" // 守信激励
)

var severityNames = map[Severity]string{General: "一般失信", Serious: "严重失信", Positive: "守信激励"}

// Name is the Chinese name of the severity.
func (s Severity) Name() string { return severityNames[s] }

// Valid reports whether s is a known severity.
func (s Severity) Valid() bool { _, ok := severityNames[s]; return ok }

// Kinds are the record kinds the registry accepts (记录类别).
var Kinds = []string{"行政处罚", "行政许可", "欠税", "失信被执行人", "虚假承诺", "违反承诺",
	"严重违法失信", "经营异常", "表彰奖励", "检查结果", "其他"}

// Subject is a person or entity of the registry, as shown to staff: the ID
// number and name of a person are masked.
type Subject struct {
	ID   int64       `json:"id"`
	Kind SubjectKind `json:"kind"`
	// Code is the credit code of an entity, or the masked ID number.
	Code string `json:"code"`
	// Name is the entity's name, or the masked name of a person.
	Name string `json:"name"`
}

// Record is one credit record.
type Record struct {
	ID         int64     `json:"id"`
	SubjectID  int64     `json:"subject_id"`
	Department string    `json:"department"`
	Kind       string    `json:"kind"`
	Severity   Severity  `json:"severity"`
	DocumentNo string    `json:"document_no"`
	DecidedOn  string    `json:"decided_on"`
	ValidUntil string    `json:"valid_until,omitempty"`
	Summary    string    `json:"summary,omitempty"`
	Repair     *Repair   `json:"repair,omitempty"`
	Revoked    *Revoked  `json:"revoked,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// Repair is a completed credit repair (信用修复).
type Repair struct {
	On   string `json:"on"`
	By   int64  `json:"by"`
	Note string `json:"note"`
}

// Revoked says a record was withdrawn (撤销), e.g. the decision was quashed.
type Revoked struct {
	At     time.Time `json:"at"`
	By     int64     `json:"by"`
	Reason string    `json:"reason"`
}

// Active reports whether the record counts on day (YYYY-MM-DD): neither
// revoked, repaired nor expired.
func (r Record) Active(day string) bool {
	return r.Revoked == nil && r.Repair == nil && (r.ValidUntil == "" || r.ValidUntil >= day)
}

// ListKind names the red list (守信红名单) or the black list (严重失信主体名单).
type ListKind string

// The lists.
const (
	RedList   ListKind = "red"
	BlackList ListKind = "black"
)

// ListEntry is a subject's place on a red or black list.
type ListEntry struct {
	ID         int64      `json:"id"`
	SubjectID  int64      `json:"subject_id"`
	List       ListKind   `json:"list"`
	ListName   string     `json:"list_name"`
	Department string     `json:"department"`
	Reason     string     `json:"reason"`
	From       string     `json:"from"`
	Until      string     `json:"until,omitempty"`
	RemovedAt  *time.Time `json:"removed_at,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
}

// Active reports whether the entry is in force on day.
func (e ListEntry) Active(day string) bool {
	return e.RemovedAt == nil && e.From <= day && (e.Until == "" || e.Until >= day)
}

// CommitmentStatus follows a commitment from signature to outcome.
type CommitmentStatus string

// The statuses of a commitment.
const (
	Pending CommitmentStatus = "pending" // 履约中
	Kept    CommitmentStatus = "kept"    // 已履约
	Broken  CommitmentStatus = "broken"  // 失信（违反承诺）
)

// Commitment is a credit commitment (信用承诺) a subject signed.
type Commitment struct {
	ID        int64            `json:"id"`
	SubjectID int64            `json:"subject_id"`
	ItemCode  string           `json:"item_code,omitempty"`
	Text      string           `json:"text"`
	SignedAt  time.Time        `json:"signed_at"`
	Status    CommitmentStatus `json:"status"`
	// BreachRecordID is the record created when the commitment was broken.
	BreachRecordID int64      `json:"breach_record_id,omitempty"`
	ResolvedAt     *time.Time `json:"resolved_at,omitempty"`
}

// Dossier is everything the registry holds on one subject.
type Dossier struct {
	Subject     Subject      `json:"subject"`
	Records     []Record     `json:"records"`
	Lists       []ListEntry  `json:"lists"`
	Commitments []Commitment `json:"commitments"`
}

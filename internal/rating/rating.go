package rating

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Level is a rating from 1 (非常不满意) to 5 (非常满意); 0 is "not rated".
type Level int

// The levels of 国办发〔2019〕51号.
const (
	VeryDissatisfied Level = 1 // 非常不满意
	Dissatisfied     Level = 2 // 不满意
	Fair             Level = 3 // 基本满意
	Satisfied        Level = 4 // 满意
	VerySatisfied    Level = 5 // 非常满意
)

// Levels lists the levels, best first, as the rating page offers them.
var Levels = []Level{VerySatisfied, Satisfied, Fair, Dissatisfied, VeryDissatisfied}

var levelNames = map[Level]string{VerySatisfied: "非常满意", Satisfied: "满意", Fair: "基本满意",
	Dissatisfied: "不满意", VeryDissatisfied: "非常不满意"}

// Name is the level's Chinese name.
func (l Level) Name() string {
	if n, ok := levelNames[l]; ok {
		return n
	}
	return "未评价"
}

// Valid reports whether l is one of the five levels.
func (l Level) Valid() bool { return l >= VeryDissatisfied && l <= VerySatisfied }

// Bad reports whether the level opens a rectification case (差评).
func (l Level) Bad() bool { return l.Valid() && l <= Dissatisfied }

// Tags lists the tags a rater may pick for the level: praise for the top
// three, complaints for the bottom two.
func (l Level) Tags() []string {
	if l.Bad() {
		return slices.Clone(badTags)
	}
	if l.Valid() {
		return slices.Clone(goodTags)
	}
	return nil
}

// The fixed tag lists.
var (
	goodTags = []string{"办事快捷", "态度热情", "一次办成", "指引清晰", "材料精简", "环境便利"}
	badTags  = []string{"材料要求多", "等待时间长", "多次跑腿", "态度不好", "指引不清", "超时未办结"}
)

// CaseKind says what was rated.
type CaseKind string

// The kinds of case.
const (
	CaseApplication CaseKind = "application" // 政务服务办件
	CaseInspection  CaseKind = "inspection"  // 执法检查
)

// Valid reports whether k is a known kind.
func (k CaseKind) Valid() bool { return k == CaseApplication || k == CaseInspection }

// Name is the kind's Chinese name.
func (k CaseKind) Name() string {
	if k == CaseInspection {
		return "执法检查"
	}
	return "政务服务办件"
}

// MaxComment bounds a rating's text, in characters.
const MaxComment = 500

// Rating is one case's invitation and, once given, its rating.
type Rating struct {
	ID         int64     `json:"id"`
	District   string    `json:"district"`
	CaseKind   CaseKind  `json:"case_kind"`
	CaseID     int64     `json:"case_id"`
	CaseNo     string    `json:"case_no,omitempty"`
	CaseTitle  string    `json:"case_title,omitempty"`
	RaterID    int64     `json:"rater_id"`
	Department string    `json:"department,omitempty"`
	Point      string    `json:"point,omitempty"`
	InvitedAt  time.Time `json:"invited_at"`
	Level      Level     `json:"level"`
	LevelName  string    `json:"level_name"`
	Tags       []string  `json:"tags"`
	Comment    string    `json:"comment,omitempty"`
	RatedAt    time.Time `json:"rated_at,omitzero"`
}

// Rated reports whether the rating has been given.
func (r Rating) Rated() bool { return r.Level.Valid() }

// Input is what the rater gives.
type Input struct {
	Level   Level    `json:"level"`
	Tags    []string `json:"tags"`
	Comment string   `json:"comment"`
}

// validate checks the input and returns it cleaned: text trimmed, tags
// de-duplicated in the list's order.
func (in Input) validate() (Input, error) {
	if !in.Level.Valid() {
		return in, apperr.Invalid("level", "请选择评价等级（1 至 5）")
	}
	in.Comment = strings.TrimSpace(in.Comment)
	if utf8.RuneCountInString(in.Comment) > MaxComment {
		return in, apperr.Invalid("comment", "评价内容不能超过500个字")
	}
	if strings.ContainsFunc(in.Comment, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\r' && r != '\t' }) {
		return in, apperr.Invalid("comment", "评价内容含有不可见字符")
	}
	allowed := in.Level.Tags()
	var tags []string
	for _, t := range allowed {
		if slices.Contains(in.Tags, t) {
			tags = append(tags, t)
		}
	}
	for _, t := range in.Tags {
		if !slices.Contains(allowed, t) {
			return in, apperr.Invalid("tags", "标签“"+t+"”不适用于“"+in.Level.Name()+"”")
		}
	}
	in.Tags = tags
	return in, nil
}

package workorder

import (
	"strconv"
	"time"
)

// FieldType is the type of a category's extra field. The names are
// Open311's attribute datatypes, so service definitions map one to one.
type FieldType string

// The field types.
const (
	FieldString   FieldType = "string"          // one line
	FieldText     FieldType = "text"            // several lines
	FieldNumber   FieldType = "number"          // a decimal number
	FieldDatetime FieldType = "datetime"        // date and time, "2006-01-02T15:04" (China time)
	FieldSingle   FieldType = "singlevaluelist" // one key of Options
	FieldMulti    FieldType = "multivaluelist"  // any keys of Options
)

var fieldTypeNames = map[FieldType]string{FieldString: "单行文本", FieldText: "多行文本", FieldNumber: "数字",
	FieldDatetime: "日期时间", FieldSingle: "单选", FieldMulti: "多选"}

// FieldTypes lists the field types in the editor's order.
var FieldTypes = []FieldType{FieldString, FieldText, FieldNumber, FieldDatetime, FieldSingle, FieldMulti}

// Name is the type's Chinese name.
func (t FieldType) Name() string { return nameOr(fieldTypeNames, t) }

// Listed reports whether values come from Options.
func (t FieldType) Listed() bool { return t == FieldSingle || t == FieldMulti }

// Field is one extra question of a category (an Open311 attribute).
type Field struct {
	Key         string    `json:"key"`
	Label       string    `json:"label"`
	Type        FieldType `json:"type"`
	Required    bool      `json:"required"`
	Description string    `json:"description,omitempty"`
	Options     []Option  `json:"options,omitempty"`
}

// Option is one value of a list field: a stable key and its name.
type Option struct {
	Key  string `json:"key"`
	Name string `json:"name"`
}

// LimitUnit says how a time limit is counted.
type LimitUnit string

// The units: wall-clock hours, or working days over the calendar.
const (
	UnitHours    LimitUnit = "hours"
	UnitWorkdays LimitUnit = "workdays"
)

// Limit is a time limit; the zero Limit means "inherit from the parent"
// (and, at the top, none).
type Limit struct {
	Value int       `json:"value"`
	Unit  LimitUnit `json:"unit"`
}

// IsZero reports whether the limit is unset.
func (l Limit) IsZero() bool { return l.Value == 0 }

// String writes the limit as staff read it: "2小时", "3个工作日", "" when unset.
func (l Limit) String() string {
	switch {
	case l.IsZero():
		return ""
	case l.Unit == UnitWorkdays:
		return strconv.Itoa(l.Value) + "个工作日"
	}
	return strconv.Itoa(l.Value) + "小时"
}

// Duration is the limit as a wall-clock duration; only for hours.
func (l Limit) Duration() time.Duration { return time.Duration(l.Value) * time.Hour }

// UrgencyOption is an urgency a category offers, with limits shorter than
// the category's own (zero limits keep the category's).
type UrgencyOption struct {
	Code       Urgency `json:"code"`
	Response   Limit   `json:"response"`
	Resolution Limit   `json:"resolution"`
}

// Category is one node of the category tree. Only leaves (nodes without
// children) are offered to requesters; a group's handler, limits,
// urgencies, verification and property flag are inherited by the nodes
// below that leave them unset.
type Category struct {
	Code        string `json:"code"`
	Parent      string `json:"parent,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Property marks the property request kinds (物业报事): the property
	// form offers the leaves below a property group.
	Property bool `json:"property,omitempty"`
	// GridClass is the GB/T 30428.2 部件/事件 class (see GridClasses), ""
	// when none applies.
	GridClass string `json:"grid_class,omitempty"`
	// Handler references the default handler rule (see HandlerRule).
	Handler    string `json:"handler,omitempty"`
	Response   Limit  `json:"response"`
	Resolution Limit  `json:"resolution"`
	// LimitSource says where the limits come from: the book's figure, or
	// "演示值" for values chosen for the demo.
	LimitSource string          `json:"limit_source,omitempty"`
	Urgencies   []UrgencyOption `json:"urgencies,omitempty"`
	// Verify asks for a verification (核查) before closure.
	Verify bool    `json:"verify,omitempty"`
	Fields []Field `json:"fields,omitempty"`
}

// Tree is one version of a district's category tree.
type Tree struct {
	District    string     `json:"district"`
	Version     int        `json:"version"`
	State       TreeState  `json:"state"`
	Note        string     `json:"note,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	Categories  []Category `json:"categories"`
}

// TreeState is the state of a tree version.
type TreeState string

// The tree states.
const (
	TreeDraft     TreeState = "draft"
	TreePublished TreeState = "published"
	TreeRetired   TreeState = "retired"
)

var treeStateNames = map[TreeState]string{TreeDraft: "草稿", TreePublished: "当前版本", TreeRetired: "历史版本"}

// Name is the state's Chinese name.
func (s TreeState) Name() string { return nameOr(treeStateNames, s) }

package workorder

import (
	"fmt"
	"regexp"
	"strconv"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// Limits of a category tree.
const (
	maxCategories   = 500
	maxDepth        = 4
	maxFields       = 20
	maxOptions      = 50
	maxNameRunes    = 30
	maxDescRunes    = 500
	maxHoursLimit   = 720 // 30 days
	maxWorkdayLimit = 60
)

var (
	categoryCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9-]{1,15}$`)
	fieldKeyRE     = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)
	optionKeyRE    = regexp.MustCompile(`^[a-z0-9][a-z0-9_]{0,31}$`)
)

// problems collects validation messages by field path
// ("categories[3].fields[1].key"), the first per path.
type problems map[string]string

func (p problems) add(path, msg string) {
	if _, ok := p[path]; !ok {
		p[path] = msg
	}
}

// err is nil when nothing was found, or an invalid error naming every path.
func (p problems) err(summary string) error {
	if len(p) == 0 {
		return nil
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: summary + "（共" + strconv.Itoa(len(p)) + "处）", Fields: p}
}

// Validate checks a tree before it is saved: codes, parents before
// children, names, limits, handlers, grid classes and fields. Every leaf
// must end up, with what it inherits, with a handler and both limits.
func (t *Tree) Validate() error {
	p := problems{}
	switch {
	case len(t.Categories) == 0:
		p.add("categories", "分类树至少要有一个分类")
	case len(t.Categories) > maxCategories:
		p.add("categories", fmt.Sprintf("分类不能超过%d个", maxCategories))
	}
	seen := map[string]int{}
	for i, c := range t.Categories {
		at := fmt.Sprintf("categories[%d]", i)
		validateNode(p, at, c)
		if _, dup := seen[c.Code]; dup && c.Code != "" {
			p.add(at+".code", "分类编码「"+c.Code+"」重复")
		}
		if _, ok := seen[c.Parent]; c.Parent != "" && !ok {
			p.add(at+".parent", "上级分类「"+c.Parent+"」不存在或排在本分类之后")
		}
		seen[c.Code] = i
		if len(t.Path(c.Code)) > maxDepth {
			p.add(at+".parent", fmt.Sprintf("分类层级不能超过%d级", maxDepth))
		}
	}
	if len(p) == 0 {
		t.validateLeaves(p)
	}
	return p.err("分类树有问题，未保存")
}

// validateLeaves checks what only the whole tree tells: groups carry no
// fields, and leaves inherit a handler and limits.
func (t *Tree) validateLeaves(p problems) {
	for i, c := range t.Categories {
		at := fmt.Sprintf("categories[%d]", i)
		if !t.IsLeaf(c.Code) {
			if len(c.Fields) > 0 {
				p.add(at+".fields", "分组分类不接收诉求，不能设置附加字段")
			}
			continue
		}
		e, _ := t.Effective(c.Code)
		if e.Handler == "" {
			p.add(at+".handler", "请为本分类或其上级设置默认处置单位")
		}
		if e.Response.IsZero() || e.Resolution.IsZero() {
			p.add(at+".response", "请为本分类或其上级设置首次响应和办结时限")
		}
	}
}

// validateNode checks one category on its own.
func validateNode(p problems, at string, c Category) {
	if !categoryCodeRE.MatchString(c.Code) {
		p.add(at+".code", "分类编码应为2到16位大写字母、数字或“-”，以字母开头")
	}
	checkRunes(p, at+".name", "分类名称", c.Name, maxNameRunes, true)
	checkRunes(p, at+".description", "分类说明", c.Description, maxDescRunes, false)
	checkRunes(p, at+".limit_source", "时限来源", c.LimitSource, 100, false)
	if c.GridClass != "" {
		if _, ok := GridClassOf(c.GridClass); !ok {
			p.add(at+".grid_class", "未知的部件/事件类别「"+c.GridClass+"」")
		}
	}
	if c.Handler != "" && !ValidHandler(c.Handler) {
		p.add(at+".handler", "默认处置单位应为 community、grid、street、property 或 dept:部门简称")
	}
	if c.Response.IsZero() != c.Resolution.IsZero() {
		p.add(at+".response", "首次响应时限和办结时限应同时设置或同时留空（继承上级）")
	}
	checkLimit(p, at+".response", c.Response)
	checkLimit(p, at+".resolution", c.Resolution)
	checkUrgencies(p, at, c.Urgencies)
	checkFields(p, at, c.Fields)
}

func checkRunes(p problems, path, label, v string, max int, required bool) {
	switch n := utf8.RuneCountInString(v); {
	case required && v == "":
		p.add(path, label+"不能为空")
	case !utf8.ValidString(v):
		p.add(path, label+"含有无效字符")
	case n > max:
		p.add(path, fmt.Sprintf("%s不能超过%d个字", label, max))
	}
}

func checkLimit(p problems, path string, l Limit) {
	if l.IsZero() {
		if l.Unit != "" && l.Unit != UnitHours && l.Unit != UnitWorkdays {
			p.add(path, "时限单位应为 hours（小时）或 workdays（工作日）")
		}
		return
	}
	switch {
	case l.Unit == UnitHours && (l.Value < 1 || l.Value > maxHoursLimit):
		p.add(path, fmt.Sprintf("按小时计的时限应在1到%d小时之间", maxHoursLimit))
	case l.Unit == UnitWorkdays && (l.Value < 1 || l.Value > maxWorkdayLimit):
		p.add(path, fmt.Sprintf("按工作日计的时限应在1到%d个工作日之间", maxWorkdayLimit))
	case l.Unit != UnitHours && l.Unit != UnitWorkdays:
		p.add(path, "时限单位应为 hours（小时）或 workdays（工作日）")
	}
}

func checkUrgencies(p problems, at string, us []UrgencyOption) {
	seen := map[Urgency]bool{}
	for j, u := range us {
		path := fmt.Sprintf("%s.urgencies[%d]", at, j)
		switch {
		case u.Code == UrgencyNormal:
			p.add(path+".code", "“一般”总是可选，无需列出")
		case !u.Code.Valid():
			p.add(path+".code", "紧急程度应为 urgent（紧急）或 critical（特急）")
		case seen[u.Code]:
			p.add(path+".code", "紧急程度重复")
		}
		seen[u.Code] = true
		checkLimit(p, path+".response", u.Response)
		checkLimit(p, path+".resolution", u.Resolution)
	}
}

func checkFields(p problems, at string, fs []Field) {
	if len(fs) > maxFields {
		p.add(at+".fields", fmt.Sprintf("附加字段不能超过%d个", maxFields))
	}
	keys := map[string]bool{}
	for j, f := range fs {
		path := fmt.Sprintf("%s.fields[%d]", at, j)
		if !fieldKeyRE.MatchString(f.Key) {
			p.add(path+".key", "字段键应为小写字母开头的小写字母、数字或下划线，最多32位")
		} else if keys[f.Key] {
			p.add(path+".key", "字段键「"+f.Key+"」重复")
		}
		keys[f.Key] = true
		checkRunes(p, path+".label", "字段名称", f.Label, maxNameRunes, true)
		checkRunes(p, path+".description", "字段说明", f.Description, 200, false)
		if _, ok := fieldTypeNames[f.Type]; !ok {
			p.add(path+".type", "字段类型应为 string、text、number、datetime、singlevaluelist 或 multivaluelist")
		}
		checkOptions(p, path, f)
	}
}

func checkOptions(p problems, path string, f Field) {
	switch {
	case f.Type.Listed() && len(f.Options) == 0:
		p.add(path+".options", "单选、多选字段至少要有一个选项")
	case !f.Type.Listed() && len(f.Options) > 0:
		p.add(path+".options", "只有单选、多选字段可以设置选项")
	case len(f.Options) > maxOptions:
		p.add(path+".options", fmt.Sprintf("选项不能超过%d个", maxOptions))
	}
	keys := map[string]bool{}
	for k, o := range f.Options {
		op := fmt.Sprintf("%s.options[%d]", path, k)
		if !optionKeyRE.MatchString(o.Key) {
			p.add(op+".key", "选项键应为小写字母、数字或下划线，最多32位")
		} else if keys[o.Key] {
			p.add(op+".key", "选项键「"+o.Key+"」重复")
		}
		keys[o.Key] = true
		checkRunes(p, op+".name", "选项名称", o.Name, maxNameRunes, true)
	}
}

package workorder

import "slices"

// Find returns the category with code.
func (t *Tree) Find(code string) (Category, bool) {
	if t == nil {
		return Category{}, false
	}
	i := slices.IndexFunc(t.Categories, func(c Category) bool { return c.Code == code })
	if i < 0 {
		return Category{}, false
	}
	return t.Categories[i], true
}

// Children lists the categories directly under code ("" for the roots), in
// tree order.
func (t *Tree) Children(code string) []Category {
	var out []Category
	for _, c := range t.Categories {
		if c.Parent == code {
			out = append(out, c)
		}
	}
	return out
}

// IsLeaf reports whether code has no children: only leaves take orders.
func (t *Tree) IsLeaf(code string) bool {
	return !slices.ContainsFunc(t.Categories, func(c Category) bool { return c.Parent == code })
}

// Leaves lists the leaves in tree order; property limits them to the
// property request kinds.
func (t *Tree) Leaves(property bool) []Category {
	var out []Category
	for _, c := range t.Categories {
		if !t.IsLeaf(c.Code) {
			continue
		}
		e, _ := t.Effective(c.Code)
		if !property || e.Property {
			out = append(out, e)
		}
	}
	return out
}

// Path returns the names from the root down to code: ["物业服务", "停车管理"].
func (t *Tree) Path(code string) []string {
	var out []string
	for seen := 0; code != "" && seen <= len(t.Categories); seen++ {
		c, ok := t.Find(code)
		if !ok {
			break
		}
		out = append([]string{c.Name}, out...)
		code = c.Parent
	}
	return out
}

// Effective returns the category with what it inherits filled in: handler,
// limits and their source, urgencies, verification and the property flag
// from the nearest ancestor that sets them.
func (t *Tree) Effective(code string) (Category, bool) {
	c, ok := t.Find(code)
	if !ok {
		return Category{}, false
	}
	out := c
	for p, seen := c.Parent, 0; p != "" && seen <= len(t.Categories); seen++ {
		a, ok := t.Find(p)
		if !ok {
			break
		}
		inherit(&out, a)
		p = a.Parent
	}
	return out, true
}

// inherit fills c's unset settings from its ancestor a.
func inherit(c *Category, a Category) {
	if c.Handler == "" {
		c.Handler = a.Handler
	}
	if c.Response.IsZero() && c.Resolution.IsZero() {
		c.Response, c.Resolution = a.Response, a.Resolution
		if c.LimitSource == "" {
			c.LimitSource = a.LimitSource
		}
	}
	if len(c.Urgencies) == 0 {
		c.Urgencies = a.Urgencies
	}
	c.Verify = c.Verify || a.Verify
	c.Property = c.Property || a.Property
}

// UrgencyChoices lists the urgencies an (effective) category offers:
// normal first, then its own.
func (c Category) UrgencyChoices() []Urgency {
	out := []Urgency{UrgencyNormal}
	for _, u := range c.Urgencies {
		out = append(out, u.Code)
	}
	return out
}

// LimitsFor returns the response and resolution limits of an (effective)
// category for an urgency: the urgency's own where it sets them.
func (c Category) LimitsFor(u Urgency) (response, resolution Limit) {
	response, resolution = c.Response, c.Resolution
	for _, o := range c.Urgencies {
		if o.Code != u {
			continue
		}
		if !o.Response.IsZero() {
			response = o.Response
		}
		if !o.Resolution.IsZero() {
			resolution = o.Resolution
		}
	}
	return response, resolution
}

// Field returns the category's field with key.
func (c Category) Field(key string) (Field, bool) {
	i := slices.IndexFunc(c.Fields, func(f Field) bool { return f.Key == key })
	if i < 0 {
		return Field{}, false
	}
	return c.Fields[i], true
}

// OptionName returns the name of an option key ("" when unknown).
func (f Field) OptionName(key string) string {
	for _, o := range f.Options {
		if o.Key == key {
			return o.Name
		}
	}
	return ""
}

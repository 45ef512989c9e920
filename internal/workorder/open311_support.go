package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
)

// PublicOrder is an order as anyone may see it (Open311's GET requests):
// never the requester, the text with its long digit runs masked (phone and
// ID numbers written into it), the place as its street and community and a
// position rounded to about a hundred metres — never the typed address,
// which may be someone's home.
type PublicOrder struct {
	Number        string
	CategoryCode  string
	CategoryName  string
	Description   string
	State         State
	Outcome       Outcome
	Lat, Lng      *float64
	Street        string // street code
	Community     string // community code
	StreetName    string
	CommunityName string
	FiledAt       time.Time
	UpdatedAt     time.Time
	ResolvedAt    *time.Time
	ClosedAt      *time.Time
	// DueAt is the deadline of a running resolution clock, nil when the
	// clock is missing, paused or stopped.
	DueAt *time.Time
}

// PublicFilter selects public orders; zero fields select everything.
type PublicFilter struct {
	Numbers    []string
	Categories []string
	States     []State
	// From and To bound the filing time, both inclusive.
	From, To time.Time
	// Limit is 1 to MaxPublicLimit (MaxPublicLimit when out of range).
	Limit  int
	Offset int
}

// MaxPublicLimit is the most orders one public page holds: Open311's
// "first 1000 requests".
const MaxPublicLimit = 1000

// publicPositionDigits rounds public positions to 0.001° (about 110 m of
// latitude, 95 m of longitude at Nanjing): enough to find a pothole, not a
// door.
const publicPositionDigits = 1000

// publicSelect reads a page of public orders: the page's ids first, from
// the indexes alone where they cover the filter (filing time, state,
// category), then those rows — so neither sorting many matches nor
// skipping to a deep page reads whole rows. %s is the filter.
const publicSelect = `SELECT w.number, w.category_code, w.category_version, w.description, w.state, w.outcome,
	w.lat, w.lng, w.street_code, w.community_code, w.filed_at, w.updated_at, w.resolved_at, w.closed_at,
	k.due_at, k.state
	FROM (SELECT w.id FROM workorders w WHERE %s ORDER BY w.filed_at DESC, w.id DESC LIMIT ? OFFSET ?) p
	JOIN workorders w ON w.id = p.id
	LEFT JOIN workorder_clocks k ON k.order_id = w.id AND k.kind = 'resolution'
	ORDER BY w.filed_at DESC, w.id DESC`

// PublicOrders lists the district's orders matching f, newest first. It
// needs no actor: what it returns holds no personal data.
func (s *Service) PublicOrders(ctx context.Context, district string, f PublicFilter) ([]PublicOrder, error) {
	where, args := f.where(district)
	if f.Limit < 1 || f.Limit > MaxPublicLimit {
		f.Limit = MaxPublicLimit
	}
	rows, err := s.DB.Query(ctx, fmt.Sprintf(publicSelect, where), append(args, f.Limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, wrap("public orders", err)
	}
	out, versions, err := scanPublicRows(rows)
	if err != nil {
		return nil, err
	}
	// Named after the rows are closed: naming may read the tree and the
	// places, and must not wait for a second connection while holding one.
	for i := range out {
		if err := s.namePublic(ctx, district, versions[i], &out[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanPublicRows reads and closes rows of publicSelect.
func scanPublicRows(rows *sql.Rows) ([]PublicOrder, []int, error) {
	defer rows.Close()
	out, versions := []PublicOrder{}, []int{}
	for rows.Next() {
		p, version, err := scanPublic(rows)
		if err != nil {
			return nil, nil, wrap("public orders", err)
		}
		out, versions = append(out, p), append(versions, version)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, wrap("public orders", err)
	}
	return out, versions, nil
}

// PublicOrder returns one order of the district by number, as PublicOrders
// shows it.
func (s *Service) PublicOrder(ctx context.Context, district, number string) (PublicOrder, error) {
	list, err := s.PublicOrders(ctx, district, PublicFilter{Numbers: []string{number}, Limit: 1})
	if err != nil {
		return PublicOrder{}, err
	}
	if len(list) == 0 {
		return PublicOrder{}, errNotFound
	}
	return list[0], nil
}

// where is the filter's condition; the district is always there.
func (f PublicFilter) where(district string) (string, []any) {
	conds, args := []string{`w.district_code = ?`}, []any{district}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		conds = append(conds, col+` IN (?`+strings.Repeat(`, ?`, len(vals)-1)+`)`)
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in(`w.number`, f.Numbers)
	in(`w.category_code`, f.Categories)
	states := make([]string, len(f.States))
	for i, st := range f.States {
		states[i] = string(st)
	}
	in(`w.state`, states)
	if !f.From.IsZero() {
		conds, args = append(conds, `w.filed_at >= ?`), append(args, f.From.UTC())
	}
	if !f.To.IsZero() {
		conds, args = append(conds, `w.filed_at <= ?`), append(args, f.To.UTC())
	}
	return strings.Join(conds, ` AND `), args
}

// scanPublic reads a row of publicSelect; the category version comes apart
// to name the category.
func scanPublic(r interface{ Scan(...any) error }) (PublicOrder, int, error) {
	var p PublicOrder
	var version int
	var lat, lng sql.NullFloat64
	var resolved, closed, due sql.NullTime
	var clock sql.NullString
	err := r.Scan(&p.Number, &p.CategoryCode, &version, &p.Description, &p.State, &p.Outcome, &lat, &lng, &p.Street,
		&p.Community, &p.FiledAt, &p.UpdatedAt, &resolved, &closed, &due, &clock)
	if err != nil {
		return p, 0, err
	}
	if lat.Valid && lng.Valid {
		p.Lat, p.Lng = roundedPtr(lat.Float64), roundedPtr(lng.Float64)
	}
	p.Description = PublicText(p.Description)
	p.FiledAt, p.UpdatedAt = p.FiledAt.UTC(), p.UpdatedAt.UTC()
	p.ResolvedAt, p.ClosedAt = utcPtr(resolved), utcPtr(closed)
	if clock.String == "running" && p.State.Open() {
		p.DueAt = utcPtr(due)
	}
	return p, version, nil
}

// namePublic fills the category's name in the version the order was filed
// under, and the street's and community's names (both cached).
func (s *Service) namePublic(ctx context.Context, district string, version int, p *PublicOrder) error {
	tree, err := s.TreeVersion(ctx, district, version)
	if err != nil {
		return fmt.Errorf("workorder: public order %s: %w", p.Number, err)
	}
	c, _ := tree.Find(p.CategoryCode)
	p.CategoryName = c.Name
	g, err := s.gazetteer(ctx, district)
	if err != nil {
		return err
	}
	if c, ok := g.byCode[p.Community]; ok {
		p.CommunityName, p.StreetName = c.Name, c.StreetName
	}
	return nil
}

func roundedPtr(f float64) *float64 {
	r := math.Round(f*publicPositionDigits) / publicPositionDigits
	return &r
}

// minMaskedDigits is the shortest digit run masked by PublicText: a
// landline without its area code has 7 digits, a mobile 11, an ID 18.
const minMaskedDigits = 7

// PublicText masks what may identify a person in a text shown publicly:
// runs of at least seven digits — phone numbers, ID numbers (with their
// final X), bank cards — written together or in groups of three or more
// digits separated by a space or a dash ("138 0000 0001"). Dates and
// house numbers ("2026-03-02", "5栋302室") stay. Names cannot be told from
// other words and are not masked: that is why the requester's name is
// never published at all.
func PublicText(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		end, digits := digitSpan(rs, i)
		switch {
		case digits >= minMaskedDigits:
			b.WriteString("****")
			i = end
		case end > i:
			b.WriteString(string(rs[i:end]))
			i = end
		default:
			b.WriteRune(rs[i])
			i++
		}
	}
	return b.String()
}

// digitSpan returns the end of the digit span starting at i (i itself when
// rs[i] is no digit) and how many digits it holds. Groups of three or more
// digits may be joined by one space or dash; an ID's final X belongs to it.
func digitSpan(rs []rune, i int) (end, digits int) {
	group := func(at int) int {
		n := 0
		for at+n < len(rs) && unicode.IsDigit(rs[at+n]) {
			n++
		}
		return n
	}
	n := group(i)
	end, digits = i+n, n
	for n >= 3 && end+1 < len(rs) && (rs[end] == ' ' || rs[end] == '-') {
		m := group(end + 1)
		if m < 3 {
			break
		}
		end, digits, n = end+1+m, digits+m, m
	}
	if digits >= 14 && end < len(rs) && (rs[end] == 'X' || rs[end] == 'x') {
		end++
	}
	return end, digits
}

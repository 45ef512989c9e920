package delivery

import (
	"context"
	"fmt"
	"strings"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/gm"
)

// maxList bounds the lists; the newest come first.
const maxList = 200

// Mine lists the actor's deliveries, the newest first.
func (s *Service) Mine(ctx context.Context, actor *authz.Actor) ([]Delivery, error) {
	if err := authz.Check(actor, actOwn, selfOf(actor)); err != nil {
		return nil, err
	}
	xs, err := list(ctx, s.DB, `applicant_id = ? AND district_code = ?`, `created_at DESC, id DESC LIMIT ?`,
		actor.AccountID, actor.District, maxList)
	if err != nil {
		return nil, err
	}
	names, err := s.pointNames(ctx, actor.District)
	if err != nil {
		return nil, err
	}
	out := make([]Delivery, 0, len(xs))
	for _, x := range xs {
		d, err := s.view(x, true, names)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// Get returns the actor's own delivery with its timeline; anyone else's
// is not found.
func (s *Service) Get(ctx context.Context, actor *authz.Actor, id int64) (Delivery, error) {
	x, err := s.ownRecord(ctx, actor, id)
	if err != nil {
		return Delivery{}, err
	}
	return s.full(ctx, x, true)
}

// full is the view of a record with its timeline.
func (s *Service) full(ctx context.Context, x record, owner bool) (Delivery, error) {
	names, err := s.pointNames(ctx, x.District)
	if err != nil {
		return Delivery{}, err
	}
	d, err := s.view(x, owner, names)
	if err != nil {
		return Delivery{}, err
	}
	d.Events, err = events(ctx, s.DB, x.ID)
	return d, err
}

// view is what a record shows: the recipient masked, the detailed
// address to the owner only, points by name.
func (s *Service) view(x record, owner bool, names map[string]string) (Delivery, error) {
	d := x.Delivery
	var err error
	if d.Recipient, err = s.recipient(x, owner); err != nil {
		return Delivery{}, err
	}
	d.PointName = names[d.Point]
	if d.PointName == "" {
		d.PointName = d.Point
	}
	return d, nil
}

// DeskDelivery is a delivery as the front desk sees it before handing it
// over: the holder's name masked and the documents to print.
type DeskDelivery struct {
	Delivery
	HolderName string     `json:"holder_name"`
	Documents  []Document `json:"documents"`
}

// ForDesk returns a delivery waiting (or handed over) at one of the
// actor's points, with the holder's masked name and the printable
// documents.
func (s *Service) ForDesk(ctx context.Context, actor *authz.Actor, id int64) (DeskDelivery, error) {
	d, err := s.deskView(ctx, actor, id)
	if err != nil {
		return DeskDelivery{}, err
	}
	out := DeskDelivery{Delivery: d, Documents: []Document{}}
	name, _, err := s.Holders.HolderID(ctx, d.ApplicationID)
	if err != nil {
		s.Log.WarnContext(ctx, "delivery: holder unavailable", "delivery", d.ID, "error", err)
	}
	out.HolderName = gm.MaskName(name)
	if s.Documents != nil {
		docs, err := s.Documents.Printable(ctx, d.ApplicationID)
		if err != nil {
			return DeskDelivery{}, fmt.Errorf("delivery: documents: %w", err)
		}
		for _, doc := range docs {
			doc.Href = fmt.Sprintf("%s/%d/documents/%d", PickupPath, d.ID, doc.ID)
			out.Documents = append(out.Documents, doc)
		}
	}
	return out, nil
}

// deskView is a delivery at the actor's desk with its timeline.
func (s *Service) deskView(ctx context.Context, actor *authz.Actor, id int64) (Delivery, error) {
	x, err := s.deskRecord(ctx, actor, id)
	if err != nil {
		return Delivery{}, err
	}
	return s.full(ctx, x, false)
}

// Waiting lists the deliveries waiting for collection at the actor's
// points, the earliest chosen first; q narrows them by application number
// or item name.
func (s *Service) Waiting(ctx context.Context, actor *authz.Actor, q string) ([]Delivery, error) {
	if err := authz.Check(actor, actHandover, authz.Scope{}); err != nil {
		return nil, err
	}
	points := deskPoints(actor)
	if len(points) == 0 {
		return []Delivery{}, nil
	}
	where := `district_code = ? AND state = ? AND point IN (?` + strings.Repeat(", ?", len(points)-1) + `)`
	args := []any{actor.District, StatePickup}
	for _, p := range points {
		args = append(args, p)
	}
	if q = strings.TrimSpace(q); q != "" {
		where += ` AND (application_no = ? OR item_name LIKE ?)`
		args = append(args, q, "%"+escapeLike(q)+"%")
	}
	xs, err := list(ctx, s.DB, where, `chosen_at, id LIMIT ?`, append(args, maxList)...)
	if err != nil {
		return nil, err
	}
	names, err := s.pointNames(ctx, actor.District)
	if err != nil {
		return nil, err
	}
	out := make([]Delivery, 0, len(xs))
	for _, x := range xs {
		d, err := s.view(x, false, names)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// escapeLike drops the LIKE wildcards from a search term.
func escapeLike(q string) string {
	return strings.NewReplacer("%", "", "_", "").Replace(q)
}

// DeskPoints lists the points where the actor hands over, by name.
func (s *Service) DeskPoints(ctx context.Context, actor *authz.Actor) ([]Point, error) {
	codes := deskPoints(actor)
	if len(codes) == 0 {
		return []Point{}, nil
	}
	ps, err := s.Points.PickupPoints(ctx, actor.District)
	if err != nil {
		return nil, fmt.Errorf("delivery: pickup points: %w", err)
	}
	out := []Point{}
	for _, c := range codes {
		p := Point{Code: c, Name: c}
		for _, q := range ps {
			if q.Code == c {
				p = q
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// pointNames maps the district's pickup points to their names.
func (s *Service) pointNames(ctx context.Context, district string) (map[string]string, error) {
	ps, err := s.Points.PickupPoints(ctx, district)
	if err != nil {
		return nil, fmt.Errorf("delivery: pickup points: %w", err)
	}
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[p.Code] = p.Name
	}
	return out, nil
}

// pointName names one point; its code when the name cannot be read.
func (s *Service) pointName(ctx context.Context, district, code string) string {
	names, err := s.pointNames(ctx, district)
	if err != nil || names[code] == "" {
		return code
	}
	return names[code]
}

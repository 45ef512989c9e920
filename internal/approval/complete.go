package approval

import (
	"context"
	"fmt"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/calendar"
)

// officeDay counts a period's last day to 24:00 (民法典 Art. 203): online
// applications are received around the clock.
var officeDay calendar.OfficeHours

// MergedForm is the one form of the filed items (一表申请): the fields of
// every item, a field named in several items asked once.
func MergedForm(items []catalog.Version) catalog.Form {
	var out catalog.Form
	seen := map[string]bool{}
	for _, v := range items {
		for _, fd := range v.Item.Form {
			if !seen[fd.Name] {
				seen[fd.Name] = true
				out = append(out, fd)
			}
		}
	}
	return out
}

// checkComplete lists everything missing or wrong in one error, so the
// applicant fixes it in one go.
func (s *Service) checkComplete(ctx context.Context, f *Filed) error {
	area, err := s.area(ctx, f.District)
	if err != nil {
		return err
	}
	problems := map[string]string{}
	for k, v := range MergedForm(f.Items).ValidateIn(f.Form, area) {
		problems["form."+k] = v
	}
	if err := s.checkMaterials(ctx, f, problems); err != nil {
		return err
	}
	if err := s.checkFormFiles(ctx, f, problems); err != nil {
		return err
	}
	checkParties(f, problems)
	if f.UseCommitment && !slices.ContainsFunc(f.Items, func(v catalog.Version) bool { return v.Item.Commitment.Allowed }) {
		problems["use_commitment"] = "该事项不适用告知承诺"
	}
	if len(problems) == 0 {
		return nil
	}
	return &apperr.Error{Code: apperr.CodeInvalid, Message: fmt.Sprintf("申请还有%d处需要补充或更正", len(problems)), Fields: problems}
}

// checkParties requires every related-person role the items name.
func checkParties(f *Filed, problems map[string]string) {
	for _, v := range f.Items {
		for _, role := range v.Item.PartyRoles {
			r := PartyRole(role)
			if !slices.ContainsFunc(f.Parties, func(p Party) bool { return p.Role == r }) {
				problems["parties."+string(role)] = "请填写" + r.Name() + "的信息"
			}
		}
	}
}

// checkMaterials requires a file for every required material the
// applicant provides.
func (s *Service) checkMaterials(ctx context.Context, f *Filed, problems map[string]string) error {
	have, err := s.providedMaterials(ctx, s.DB, f.ID)
	if err != nil {
		return err
	}
	for _, v := range f.Items {
		for i, m := range v.Item.Materials {
			if m.Source == catalog.SourceApplicant && m.Required && !have[materialKey(v.ImplCode, i)] {
				problems[materialField(v.ImplCode, i)] = "请上传" + m.Name
			}
		}
	}
	return nil
}

// materialKey identifies one material of one item.
func materialKey(item string, i int) string { return fmt.Sprintf("%s#%d", item, i) }

// materialField names a material in error fields.
func materialField(item string, i int) string { return fmt.Sprintf("materials.%s.%d", item, i) }

// area is the district an address must lie in: its name and streets.
func (s *Service) area(ctx context.Context, district string) (catalog.Area, error) {
	d, err := s.Org.GetDistrict(ctx, nil, district)
	if err != nil {
		return catalog.Area{}, fmt.Errorf("approval: district: %w", err)
	}
	streets, err := s.Org.ListStreets(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return catalog.Area{}, fmt.Errorf("approval: streets: %w", err)
	}
	a := catalog.Area{District: d.Name}
	for _, st := range streets.Items {
		a.Streets = append(a.Streets, st.Name)
	}
	return a, nil
}

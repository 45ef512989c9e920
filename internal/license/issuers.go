package license

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/org"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
)

// OrgIssuers finds an item's issuing department in the organisation: the
// department whose short name is the item's 主管部门.
type OrgIssuers struct{ Org *org.Service }

// IssuerFor returns the department issuing the item's licence.
func (o OrgIssuers) IssuerFor(ctx context.Context, district string, item catalog.Item) (Issuer, error) {
	l, err := o.Org.ListDepartments(ctx, nil, district, org.Page{Limit: org.MaxLimit})
	if err != nil {
		return Issuer{}, fmt.Errorf("license: departments: %w", err)
	}
	for _, d := range l.Items {
		if d.ShortName != item.Department && d.Name != item.Department {
			continue
		}
		if d.CreditCode == "" {
			// The identifier carries the issuer's credit code: without it no
			// licence can be issued, and guessing one would forge a code.
			return Issuer{}, apperr.Conflict("部门 " + d.Name + " 未登记统一社会信用代码，无法颁发电子证照")
		}
		return Issuer{Department: d.Code, Name: d.Name, CreditCode: d.CreditCode}, nil
	}
	return Issuer{}, apperr.NotFound("事项 " + item.ImplCode + " 的主管部门 " + item.Department + " 不存在")
}

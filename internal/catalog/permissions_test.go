package catalog

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// calls runs each guarded service method once as actor.
var calls = map[string]func(s *Service, a *authz.Actor) error{
	"catalog.item.view:History": func(s *Service, a *authz.Actor) error {
		_, err := s.History(context.Background(), a, code1)
		return err
	},
	"catalog.item.view:List": func(s *Service, a *authz.Actor) error {
		_, err := s.List(context.Background(), a, Filter{}, Page{})
		return err
	},
	"catalog.item.view:Counts": func(s *Service, a *authz.Actor) error {
		_, err := s.Counts(context.Background(), a, district)
		return err
	},
	"catalog.item.view:GetVersion(draft)": func(s *Service, a *authz.Actor) error {
		_, err := s.GetVersion(context.Background(), a, code1, 2)
		return err
	},
	"catalog.item.edit:SaveDraft": func(s *Service, a *authz.Actor) error {
		_, err := s.SaveDraft(context.Background(), a, validItem(code1))
		return err
	},
	"catalog.item.publish:Publish": func(s *Service, a *authz.Actor) error {
		_, err := s.Publish(context.Background(), a, code1, time.Time{})
		return err
	},
	"catalog.item.publish:Withdraw": func(s *Service, a *authz.Actor) error { return s.Withdraw(context.Background(), a, code1) },
	"catalog.item.publish:Seed": func(s *Service, a *authz.Actor) error {
		_, err := s.Seed(context.Background(), a, []Item{validItem("000105003000-320113")}, time.Time{})
		return err
	},
}

var allowed = map[string][]authz.Role{
	"catalog.item.view":    viewRoles,
	"catalog.item.edit":    {authz.RoleAdmin},
	"catalog.item.publish": {authz.RoleAdmin},
}

func TestPermissionsEveryActionEveryRole(t *testing.T) {
	for name, call := range calls {
		// A fresh catalogue per method: one published version and a draft
		// of the next, whatever the allowed calls before changed.
		s, _, _ := newService(t)
		mustPublish(t, s, validItem(code1))
		if _, err := s.SaveDraft(context.Background(), admin(), validItem(code1)); err != nil {
			t.Fatal(err)
		}
		action := name[:indexColon(name)]
		for _, role := range authz.AllRoles {
			a := actorWith(100, role, authz.District(district))
			if !role.IsStaff() {
				a = actorWith(100, role, authz.Self(100))
			}
			err := call(s, a)
			may := slices.Contains(allowed[action], role)
			denied := apperr.CodeOf(err) == apperr.CodeForbidden || (err != nil && name == "catalog.item.view:GetVersion(draft)" && apperr.CodeOf(err) == apperr.CodeNotFound)
			if may && denied {
				t.Errorf("%s as %s refused: %v", name, role, err)
			}
			if !may && !denied {
				t.Errorf("%s as %s allowed: %v", name, role, err)
			}
		}
	}
}

func TestPermissionsOutOfScope(t *testing.T) {
	s, _, _ := newService(t)
	mustPublish(t, s, validItem(code1))
	streetAdmin := actorWith(5, authz.RoleAdmin, authz.Scope{Kind: authz.ScopeStreet, Code: "320113001"})
	otherDistrict := actorWith(6, authz.RoleAdmin, authz.District("320102"))
	otherDistrict.District = "320102"
	for name, call := range calls {
		if name == "catalog.item.view:GetVersion(draft)" {
			continue // no draft here: version 2 does not exist
		}
		// The catalogue is the district's common reference: staff posted
		// anywhere in the district read it; only district-wide grants edit it.
		err := call(s, streetAdmin)
		if strings.HasPrefix(name, "catalog.item.view:") {
			if apperr.CodeOf(err) == apperr.CodeForbidden {
				t.Errorf("%s by a street administrator refused: %v", name, err)
			}
		} else if apperr.CodeOf(err) != apperr.CodeForbidden {
			t.Errorf("%s by a street administrator: %v", name, err)
		}
		if err := call(s, nil); apperr.CodeOf(err) != apperr.CodeUnauthorized {
			t.Errorf("%s anonymously: %v", name, err)
		}
	}
	// Another district's administrator neither sees nor changes Qixia's items.
	if _, err := s.Counts(context.Background(), otherDistrict, district); apperr.CodeOf(err) != apperr.CodeForbidden {
		t.Errorf("Counts of another district: %v", err)
	}
	if err := s.Withdraw(context.Background(), otherDistrict, code1); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("Withdraw in another district: %v", err)
	}
	if h, err := s.History(context.Background(), otherDistrict, code1); apperr.CodeOf(err) != apperr.CodeNotFound {
		t.Errorf("History in another district: %v, %v", h, err)
	}
}

func TestActionsDefined(t *testing.T) {
	for _, a := range []*authz.Action{actView, actEdit, actPublish} {
		if _, ok := allowed[a.Name]; !ok {
			t.Errorf("action %s has no permission table", a.Name)
		}
	}
}

func indexColon(s string) int {
	for i, r := range s {
		if r == ':' {
			return i
		}
	}
	return len(s)
}

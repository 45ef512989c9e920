package approval

import (
	"context"
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/check"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// Limits of what a draft may hold.
const (
	maxParties    = 50
	maxPartyName  = 60
	maxDraftBytes = 256 << 10 // the form values as JSON
)

// Draft is what an applicant edits before submitting.
type Draft struct {
	Form          map[string]any `json:"form"`
	Parties       []Party        `json:"parties"`
	UseCommitment bool           `json:"use_commitment"`
}

// CreateDraft starts an application for the item in force (and, when
// withBundle, the items the catalogue bundles with it, 证照联办). The
// application keeps these versions from now on.
func (s *Service) CreateDraft(ctx context.Context, actor *authz.Actor, itemCode string, withBundle bool) (Filed, error) {
	if err := authz.Check(actor, actApply, self(actor)); err != nil {
		return Filed{}, err
	}
	return s.createDraft(ctx, actor, nil, itemCode, withBundle)
}

// createDraft creates the draft for applicant, filed by agent when not nil.
func (s *Service) createDraft(ctx context.Context, applicant, agent *authz.Actor, itemCode string, withBundle bool) (Filed, error) {
	items, err := s.itemsInForce(ctx, itemCode, withBundle)
	if err != nil {
		return Filed{}, err
	}
	f := Filed{Items: items, Application: newApplication(applicant, items)}
	by := applicant
	if agent != nil {
		f.AgentID, by = agent.AccountID, agent
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		form, err := s.sealForm(nil)
		if err != nil {
			return err
		}
		a := &f.Application
		a.CreatedAt, a.UpdatedAt = tx.Now(), tx.Now()
		var agentID any
		if a.AgentID != 0 {
			agentID = a.AgentID
		}
		a.ID, err = tx.InsertID(ctx, `INSERT INTO applications (district, item_code, item_version, item_name, bundle,
			applicant_id, applicant_kind, agent_id, state, form, legal_days, promised_days, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, a.District, a.ItemCode, a.ItemVersion, a.ItemName,
			formatBundle(a.Bundle), a.ApplicantID, a.ApplicantKind, agentID, a.State, form, a.LegalDays, a.PromisedDays, a.CreatedAt, a.UpdatedAt)
		if err != nil {
			return fmt.Errorf("approval: create draft: %w", err)
		}
		return addEvent(ctx, tx, a, by, "create", "", "", false)
	})
	return f, err
}

// itemsInForce returns the item in force and, when asked, its bundle.
func (s *Service) itemsInForce(ctx context.Context, itemCode string, withBundle bool) ([]catalog.Version, error) {
	main, err := s.Catalog.Get(ctx, itemCode)
	if err != nil {
		return nil, err
	}
	if !main.Item.Online {
		return nil, apperr.Invalid("item", "该事项暂不支持网上申请，请到办事网点办理")
	}
	items := []catalog.Version{main}
	if withBundle {
		for _, code := range main.Item.Bundle {
			v, err := s.Catalog.Get(ctx, code)
			if err != nil {
				return nil, fmt.Errorf("approval: bundle item %s: %w", code, err)
			}
			items = append(items, v)
		}
	}
	return items, nil
}

// newApplication fills a draft from the items it is filed under: the
// longest legal and promised limits of the bundle bind it.
func newApplication(actor *authz.Actor, items []catalog.Version) Application {
	main := items[0]
	a := Application{District: main.District, ItemCode: main.ImplCode, ItemVersion: main.Number,
		ItemName: main.Item.Name, ApplicantID: actor.AccountID, ApplicantKind: ApplicantResident,
		State: StateDraft, Form: map[string]any{}, Parties: []Party{}, Revision: 1}
	if actor.Has(authz.RoleEnterprise) {
		a.ApplicantKind = ApplicantEnterprise
	}
	for i, v := range items {
		if i > 0 {
			a.Bundle = append(a.Bundle, ItemRef{Code: v.ImplCode, Version: v.Number})
			a.ItemName += "＋" + v.Item.Name
		}
		a.LegalDays = max(a.LegalDays, v.Item.LegalDays)
		a.PromisedDays = max(a.PromisedDays, v.Item.PromisedDays)
	}
	return a
}

// SaveDraft stores the applicant's edits (autosave). revision is the one
// the applicant's page read: an edit from a stale page is refused rather
// than overwriting a newer one.
func (s *Service) SaveDraft(ctx context.Context, actor *authz.Actor, id int64, revision int, d Draft) (Application, error) {
	return s.SaveDraftFiles(ctx, actor, id, revision, d, nil)
}

// ownForEdit loads, for a change in tx, an application the actor files:
// their own, or one they file as the applicant's authorised agent (代办).
// Only drafts and applications returned for correction can be edited. A
// revision of -1 skips the stale-page check (uploads, which replace one
// material only).
func (s *Service) ownForEdit(ctx context.Context, tx *db.Tx, actor *authz.Actor, id int64, revision int) (Application, error) {
	if !actor.May(actApply, self(actor)) && !actor.May(actAgent, authz.Scope{}) {
		return Application{}, authz.Check(actor, actApply, self(actor))
	}
	a, err := s.loadApp(ctx, tx, id, tx.Engine().ForUpdate())
	if err != nil {
		return Application{}, err
	}
	if ok, err := s.files(ctx, tx, actor, &a); err != nil || !ok {
		if err == nil {
			err = apperr.NotFound("办件不存在")
		}
		return Application{}, err
	}
	if a.State != StateDraft && a.State != StateReturned {
		return Application{}, apperr.Conflict("办件已" + a.State.Name() + "，不能再修改")
	}
	if revision >= 0 && revision != a.Revision {
		return Application{}, apperr.Conflict("办件已在别处更新，请刷新后重试")
	}
	return a, nil
}

// files reports whether actor files a: as its applicant, or as its agent
// under an authorisation that still stands.
func (s *Service) files(ctx context.Context, q querier, actor *authz.Actor, a *Application) (bool, error) {
	switch {
	case a.District != actor.District:
		return false, nil
	case a.ApplicantID == actor.AccountID:
		return actor.May(actApply, self(actor)), nil
	case a.AgentID == actor.AccountID && actor.May(actAgent, authz.Scope{}):
		return s.authorised(ctx, q, a.ApplicantID, actor.AccountID, a.ItemCode)
	}
	return false, nil
}

// check bounds a draft; the full check against the item's form runs at
// submission, so a half-filled draft can still be saved.
func (d Draft) check() error {
	for i := range d.Parties {
		d.Parties[i].normalize()
	}
	if len(d.Parties) > maxParties {
		return apperr.Invalid("parties", fmt.Sprintf("相关人员不能超过%d人", maxParties))
	}
	for i, p := range d.Parties {
		if err := p.check(fmt.Sprintf("parties[%d]", i)); err != nil {
			return err
		}
	}
	if raw, err := json.Marshal(d.Form); err != nil || len(raw) > maxDraftBytes {
		return apperr.Invalid("form", "填写的内容过多")
	}
	return nil
}

// normalize writes codes the way they are stored and looked up.
func (p *Party) normalize() {
	if p.SubjectKind == "entity" {
		p.Code = check.NormalizeCreditCode(p.Code)
	} else {
		p.Code = check.NormalizeIDNumber(p.Code)
	}
}

// check validates one related person where it is named.
func (p Party) check(field string) error {
	if !p.Role.Valid() || p.Role == PartyApplicant {
		return apperr.Invalid(field+".role", "请选择相关人员的身份")
	}
	if n := utf8.RuneCountInString(p.Name); n == 0 || n > maxPartyName {
		return apperr.Invalid(field+".name", "请填写姓名或名称（不超过60个字）")
	}
	switch p.SubjectKind {
	case "person":
		if err := check.IDNumber(p.Code); err != nil {
			return apperr.Invalid(field+".code", p.Role.Name()+"的公民身份号码不正确："+err.Error())
		}
	case "entity":
		if _, err := check.CreditCode(p.Code); err != nil {
			return apperr.Invalid(field+".code", p.Role.Name()+"的统一社会信用代码不正确："+err.Error())
		}
	default:
		return apperr.Invalid(field+".subject_kind", "请选择自然人或单位")
	}
	return nil
}

package credit

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// maxParties bounds the parties of one check.
const maxParties = 100

// Party is a subject in a role on an application.
type Party struct {
	Role PartyRole `json:"role"`
	// Kind may be empty: a code passing the ID number check is a person's.
	Kind SubjectKind `json:"kind,omitempty"`
	Code string      `json:"code"`
}

// Request asks for an admission check.
type Request struct {
	// District is the tenant whose registry is read.
	District string `json:"district"`
	// RuleSet names the item's rules: "market_entry", "commitment",
	// "default" (empty means default).
	RuleSet string  `json:"rule_set"`
	Parties []Party `json:"parties"`
}

// Evidence is a record, list entry or commitment a finding rests on.
type Evidence struct {
	Type    string `json:"type"` // record, list or commitment
	ID      int64  `json:"id"`
	Summary string `json:"summary"`
}

// Finding is one rule that applied to a party.
type Finding struct {
	Rule     string     `json:"rule"`
	Signal   Signal     `json:"signal"`
	Outcome  Outcome    `json:"outcome"`
	Reason   string     `json:"reason"`
	Evidence []Evidence `json:"evidence"`
}

// PartyDecision is the outcome for one party.
type PartyDecision struct {
	Role     PartyRole   `json:"role"`
	RoleName string      `json:"role_name"`
	Kind     SubjectKind `json:"kind"`
	// Code is masked for persons.
	Code     string    `json:"code"`
	Outcome  Outcome   `json:"outcome"`
	Findings []Finding `json:"findings"`
}

// Decision is the result of an admission check, stored by the caller as
// JSON on the application.
type Decision struct {
	Outcome     Outcome         `json:"outcome"`
	OutcomeName string          `json:"outcome_name"`
	RuleSet     string          `json:"rule_set"`
	RuleVersion int             `json:"rule_version"`
	Parties     []PartyDecision `json:"parties"`
	CheckedAt   time.Time       `json:"checked_at"`
	// Day is the date in China validity was judged on.
	Day string `json:"day"`
}

// Reasons lists the distinct reasons of the findings with the decision's
// outcome (for a refusal: why), each prefixed by the party's role.
func (d Decision) Reasons() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range d.Parties {
		for _, f := range p.Findings {
			msg := p.RoleName + "：" + f.Reason
			if f.Outcome == d.Outcome && !seen[msg] {
				seen[msg] = true
				out = append(out, msg)
			}
		}
	}
	return out
}

// Check runs the admission check (信用准入) of req: in one query every
// party is looked up by its code (blind index) and the records, list
// entries and broken commitments in force are gathered; the rule set maps
// them to findings.
// The outcome is the worst finding's. It reads only and needs no actor:
// the caller (the application module) checks its own permission to submit.
// A bad rule set, role or code is an invalid error naming the field.
func (s *Service) Check(ctx context.Context, req Request) (Decision, error) {
	rs, refs, err := s.validRequest(req)
	if err != nil {
		return Decision{}, err
	}
	now := s.db.Clock.Now().UTC()
	d := Decision{Outcome: Pass, RuleSet: rs.Name, RuleVersion: rs.Version, CheckedAt: now, Day: dayOf(now)}
	f, err := s.gather(ctx, req.District, d.Day, refs)
	if err != nil {
		return Decision{}, err
	}
	for i, p := range req.Parties {
		pd := judge(rs, p.Role, refs[i], f.evidence[f.ids[i]])
		d.Outcome = worse(d.Outcome, pd.Outcome)
		d.Parties = append(d.Parties, pd)
	}
	d.OutcomeName = d.Outcome.Name()
	return d, nil
}

// validRequest checks the rule set and every party.
func (s *Service) validRequest(req Request) (RuleSet, []SubjectRef, error) {
	name := req.RuleSet
	if name == "" {
		name = RuleSetDefault
	}
	rs, ok := ruleSets[name]
	if !ok {
		return RuleSet{}, nil, apperr.Invalid("rule_set", "未知的信用核查规则集“"+req.RuleSet+"”")
	}
	switch {
	case req.District == "":
		return RuleSet{}, nil, apperr.Invalid("district", "请指明区县")
	case len(req.Parties) == 0:
		return RuleSet{}, nil, apperr.Invalid("parties", "请至少列出一个核查对象")
	case len(req.Parties) > maxParties:
		return RuleSet{}, nil, apperr.Invalid("parties", fmt.Sprintf("核查对象不能超过%d个", maxParties))
	}
	refs := make([]SubjectRef, len(req.Parties))
	for i, p := range req.Parties {
		field := fmt.Sprintf("parties[%d]", i)
		if !p.Role.Valid() {
			return RuleSet{}, nil, apperr.Invalid(field+".role", "未知的角色“"+string(p.Role)+"”")
		}
		ref, err := parseSubject(field+".code", p.Kind, p.Code)
		if err != nil {
			return RuleSet{}, nil, err
		}
		refs[i] = ref
	}
	return rs, refs, nil
}

// judge applies the rule set to one party's evidence.
func judge(rs RuleSet, role PartyRole, ref SubjectRef, ev map[Signal][]Evidence) PartyDecision {
	pd := PartyDecision{Role: role, RoleName: role.Name(), Kind: ref.Kind, Code: ref.Code, Outcome: Pass,
		Findings: []Finding{}}
	if ref.Kind == Person {
		pd.Code = maskID(ref.Code)
	}
	for _, sig := range signalOrder {
		items := ev[sig]
		if len(items) == 0 {
			continue
		}
		r, ok := rs.match(sig, role)
		if !ok {
			continue
		}
		pd.Findings = append(pd.Findings, Finding{Rule: r.ID, Signal: sig, Outcome: r.Outcome, Reason: r.Reason, Evidence: items})
		pd.Outcome = worse(pd.Outcome, r.Outcome)
	}
	return pd
}

// CheckAs runs an admission check for a staff member who may query the
// registry (e.g. an approver re-checking before a decision), over the
// staff member's own district whatever req names.
func (s *Service) CheckAs(ctx context.Context, actor *authz.Actor, req Request) (Decision, error) {
	if err := authz.Check(actor, actView, authz.Scope{}); err != nil {
		return Decision{}, err
	}
	req.District = actor.District
	return s.Check(ctx, req)
}

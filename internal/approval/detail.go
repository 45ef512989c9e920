package approval

import (
	"context"
	"fmt"
	"time"

	"github.com/shanzhi-gov/shanzhi/internal/catalog"
	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/files"
)

// Detail is everything a page about one application shows: the filed
// application, its materials, tasks, notices, the credit decision and the
// clocks.
type Detail struct {
	Filed
	Materials []MaterialState `json:"materials"`
	Tasks     []Task          `json:"tasks"`
	Notices   [][]Defect      `json:"notices"`
	// CreditDecision is the credit module's decision as stored (JSON), for
	// staff; empty for the applicant, who sees the outcome and reasons on
	// the timeline.
	CreditDecision string `json:"credit_decision,omitempty"`
	Clock          Clock  `json:"clock"`
}

// MaterialState is one material of one item and what was provided for it.
type MaterialState struct {
	Item     string           `json:"item"`
	Index    int              `json:"index"`
	Material catalog.Material `json:"material"`
	File     *files.File      `json:"file,omitempty"`
	Fetched  string           `json:"fetched,omitempty"`
}

// Clock is where an application stands against its limits.
type Clock struct {
	PreReviewDue time.Time `json:"prereview_due,omitzero"` // acceptance by law (Art. 32)
	LegalDue     time.Time `json:"legal_due,omitzero"`
	PromisedDue  time.Time `json:"promised_due,omitzero"`
	DaysLeft     int       `json:"days_left"`
	Standing     Standing  `json:"standing"`
	Suspended    bool      `json:"suspended"`
}

// Detail returns an application with everything its pages show, to people
// who may read it (see Get).
func (s *Service) Detail(ctx context.Context, actor *authz.Actor, id int64) (Detail, error) {
	f, err := s.Get(ctx, actor, id)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Filed: f}
	if d.Materials, err = s.materialStates(ctx, &f); err != nil {
		return Detail{}, err
	}
	if d.Tasks, err = s.tasksOf(ctx, s.DB, id); err != nil {
		return Detail{}, err
	}
	if d.Notices, err = s.Notices(ctx, actor, id); err != nil {
		return Detail{}, err
	}
	if f.ApplicantID != actor.AccountID && f.AgentID != actor.AccountID {
		if err := s.DB.QueryRow(ctx, `SELECT credit_decision FROM applications WHERE id = ?`, id).Scan(&d.CreditDecision); err != nil {
			return Detail{}, fmt.Errorf("approval: credit decision: %w", err)
		}
	}
	d.Clock, err = s.clock(ctx, &f.Application)
	return d, err
}

// clock computes the application's limits as of now.
func (s *Service) clock(ctx context.Context, a *Application) (Clock, error) {
	now := s.DB.Clock.Now()
	c := Clock{Suspended: a.State == StateSuspended}
	switch a.State {
	case StateSubmitted:
		c.PreReviewDue = s.deemedAt(a.SubmittedAt)
		l := Limit{Days: PreReviewDays, Start: a.SubmittedAt}
		c.DaysLeft, c.Standing = l.DaysLeft(s.Calendar, now), l.Standing(s.Calendar, now)
	case StateAccepted, StateSuspended:
		legal, err := s.acceptedLimit(ctx, s.DB, a, false)
		if err != nil {
			return c, err
		}
		promised := legal
		promised.Days = a.PromisedDays
		c.LegalDue, c.PromisedDue = legal.Due(s.Calendar, now), promised.Due(s.Calendar, now)
		c.DaysLeft, c.Standing = promised.DaysLeft(s.Calendar, now), promised.Standing(s.Calendar, now)
	}
	return c, nil
}

// formFile reports whether fileID answers one of the application's form
// file fields and belongs to its side.
func (s *Service) formFile(ctx context.Context, f *Filed, fileID string) (bool, error) {
	for _, id := range formFiles(MergedForm(f.Items), f.Form) {
		if id == fileID {
			return s.ownFile(ctx, &f.Application, id)
		}
	}
	return false, nil
}

// materialStates lists every material of the filed items with its file or
// fetched reference.
func (s *Service) materialStates(ctx context.Context, f *Filed) ([]MaterialState, error) {
	rows, err := s.DB.Query(ctx, `SELECT item_code, material, COALESCE(file_id, ''), fetched_ref
		FROM application_materials WHERE application_id = ?`, f.ID)
	if err != nil {
		return nil, fmt.Errorf("approval: materials: %w", err)
	}
	type got struct{ file, ref string }
	have := map[string]got{}
	for rows.Next() {
		var item, file, ref string
		var i int
		if err := rows.Scan(&item, &i, &file, &ref); err != nil {
			rows.Close()
			return nil, err
		}
		have[materialKey(item, i)] = got{file, ref}
	}
	rows.Close()
	var out []MaterialState
	for _, v := range f.Items {
		for i, m := range v.Item.Materials {
			ms := MaterialState{Item: v.ImplCode, Index: i, Material: m, Fetched: have[materialKey(v.ImplCode, i)].ref}
			if id := have[materialKey(v.ImplCode, i)].file; id != "" {
				st, err := s.Files.Stat(ctx, id)
				if err != nil {
					return nil, err
				}
				ms.File = &st
			}
			out = append(out, ms)
		}
	}
	return out, nil
}

// OpenMaterial returns an uploaded file of an application (a material, or
// the answer to a form's file field) to people who may read it.
func (s *Service) OpenMaterial(ctx context.Context, actor *authz.Actor, id int64, fileID string) (files.File, []byte, error) {
	f, err := s.Get(ctx, actor, id)
	if err != nil {
		return files.File{}, nil, err
	}
	if ok, err := s.formFile(ctx, &f, fileID); err != nil || ok {
		if err != nil {
			return files.File{}, nil, err
		}
		return s.Files.Open(ctx, fileID)
	}
	var n int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM application_materials WHERE application_id = ? AND file_id = ?`,
		id, fileID).Scan(&n); err != nil {
		return files.File{}, nil, fmt.Errorf("approval: material: %w", err)
	}
	if n == 0 {
		return files.File{}, nil, apperr.NotFound("材料不存在")
	}
	return s.Files.Open(ctx, fileID)
}

package supervision

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// StreetStats counts one street's tasks.
type StreetStats struct {
	Code    string `json:"code"` // "" for unassigned tasks
	Name    string `json:"name"`
	Total   int    `json:"total"`
	Open    int    `json:"open"`
	Overdue int    `json:"overdue"`
	Done    int    `json:"done"`
}

// Rate is the completion rate in percent, 0 when there are no tasks.
func (s StreetStats) Rate() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Done) * 100 / float64(s.Total)
}

// Overview is the supervisor's view of the district.
type Overview struct {
	Streets []StreetStats `json:"streets"`
	Overdue []Task        `json:"overdue"` // open tasks past their due date, oldest first
	Total   StreetStats   `json:"total"`
}

// Overview counts tasks by street and lists the overdue ones: supervisors
// only.
func (s *Service) Overview(ctx context.Context, actor *authz.Actor) (Overview, error) {
	if err := authz.Check(actor, actOversee, authz.District(actor.District)); err != nil {
		return Overview{}, err
	}
	tasks, err := listTasks(ctx, s.DB, actor.District, "", nil, true)
	if err != nil {
		return Overview{}, err
	}
	sts, err := s.Directory.Streets(ctx, actor.District)
	if err != nil {
		return Overview{}, fmt.Errorf("supervision: overview: %w", err)
	}
	o := Overview{Overdue: []Task{}, Total: StreetStats{Name: "全区"}}
	idx := map[string]int{}
	for _, st := range sts {
		idx[st.Code] = len(o.Streets)
		o.Streets = append(o.Streets, StreetStats{Code: st.Code, Name: st.Name})
	}
	today := s.today()
	for _, t := range tasks {
		i, ok := idx[t.Street]
		if !ok {
			idx[t.Street], i = len(o.Streets), len(o.Streets)
			o.Streets = append(o.Streets, StreetStats{Code: t.Street, Name: "未分配街道"})
		}
		late := t.State == StateOpen && t.DueOn < today
		if late {
			t.Overdue = true
			o.Overdue = append(o.Overdue, t)
		}
		o.Streets[i].count(t, late)
		o.Total.count(t, late)
	}
	return o, nil
}

// count adds one task.
func (s *StreetStats) count(t Task, late bool) {
	s.Total++
	if t.State == StateDone {
		s.Done++
		return
	}
	s.Open++
	if late {
		s.Overdue++
	}
}

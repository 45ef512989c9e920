package supervision

import (
	"context"
	"slices"

	"github.com/shanzhi-gov/shanzhi/internal/platform/apperr"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Position is where an inspector's phone says they are; Known is false
// when the browser gave none.
type Position struct {
	Lat, Lng float64
	Known    bool
}

// MyTasks lists the open tasks an inspector may work (their streets'),
// or every street's for a supervisor: by due date, then by distance from
// pos to the task's street centre when both are known (no geocoder is
// available, see streetCentres), then by id.
func (s *Service) MyTasks(ctx context.Context, actor *authz.Actor, pos Position) ([]Task, error) {
	if err := s.checkWorker(actor); err != nil {
		return nil, err
	}
	streets, all := streetsOf(actor)
	tasks, err := listTasks(ctx, s.DB, actor.District, StateOpen, streets, all)
	if err != nil {
		return nil, err
	}
	names, err := s.streetNames(ctx, actor.District)
	if err != nil {
		return nil, err
	}
	today := s.today()
	for i := range tasks {
		tasks[i].Overdue = tasks[i].DueOn < today
		if c, ok := streetCentres[names[tasks[i].Street]]; ok && pos.Known {
			tasks[i].DistanceKM = distanceKM(point{pos.Lat, pos.Lng}, c)
		}
	}
	slices.SortStableFunc(tasks, byDueThenDistance)
	return tasks, nil
}

// byDueThenDistance orders tasks for the phone list.
func byDueThenDistance(a, b Task) int {
	if a.DueOn != b.DueOn {
		if a.DueOn < b.DueOn {
			return -1
		}
		return 1
	}
	switch {
	case a.DistanceKM >= 0 && b.DistanceKM >= 0 && a.DistanceKM != b.DistanceKM:
		if a.DistanceKM < b.DistanceKM {
			return -1
		}
		return 1
	case a.DistanceKM >= 0 && b.DistanceKM < 0:
		return -1
	case a.DistanceKM < 0 && b.DistanceKM >= 0:
		return 1
	}
	return int(a.ID - b.ID)
}

// GetTask returns one task to an inspector of its street or a supervisor;
// to anyone else it does not exist.
func (s *Service) GetTask(ctx context.Context, actor *authz.Actor, id int64) (Task, error) {
	if err := s.checkWorker(actor); err != nil {
		return Task{}, err
	}
	t, err := loadTask(ctx, s.DB, actor.District, id, "")
	if err != nil {
		return Task{}, err
	}
	if !mayWork(actor, t) {
		return Task{}, apperr.NotFound("检查任务不存在")
	}
	t.Overdue = t.State == StateOpen && t.DueOn < s.today()
	return t, nil
}

// checkWorker refuses anyone neither inspecting nor overseeing.
func (s *Service) checkWorker(actor *authz.Actor) error {
	if actor.May(actOversee, authz.Scope{}) {
		return nil
	}
	return authz.Check(actor, actInspect, authz.Scope{})
}

// mayWork reports whether the actor may see and settle the task.
func mayWork(actor *authz.Actor, t Task) bool {
	if actor.May(actOversee, authz.District(t.District)) {
		return true
	}
	return t.Street != "" && actor.May(actInspect, streetScope(t.Street))
}

// streetNames maps street codes to names.
func (s *Service) streetNames(ctx context.Context, district string) (map[string]string, error) {
	sts, err := s.Directory.Streets(ctx, district)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, st := range sts {
		out[st.Code] = st.Name
	}
	return out, nil
}

// today is the current date in China, YYYY-MM-DD.
func (s *Service) today() string { return s.DB.Clock.Now().In(chinaTime).Format("2006-01-02") }

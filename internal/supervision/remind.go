package supervision

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
	"github.com/shanzhi-gov/shanzhi/internal/platform/jobs"
)

// remindHour is when, China time, the morning reminder goes out.
const remindHour = 8

// RemindArgs is the daily reminder of due and overdue tasks.
type RemindArgs struct{}

// Kind names the job.
func (RemindArgs) Kind() string { return "supervision.remind" }

// RemindWorker sends the reminders.
type RemindWorker struct {
	river.WorkerDefaults[RemindArgs]
	s *Service
}

// Work sends today's reminders not sent yet.
func (w *RemindWorker) Work(ctx context.Context, _ *jobs.Job[RemindArgs]) error {
	_, err := w.s.Remind(ctx)
	return err
}

// dailyAt is a River schedule firing once a day at an hour, China time.
type dailyAt struct{ hour int }

// Next is the first such hour after t.
func (d dailyAt) Next(t time.Time) time.Time {
	c := t.In(chinaTime)
	next := time.Date(c.Year(), c.Month(), c.Day(), d.hour, 0, 0, 0, chinaTime)
	if !next.After(t) {
		next = next.AddDate(0, 0, 1)
	}
	return next.UTC()
}

// remindJob schedules the reminder each morning, and once at start so a
// node down at the hour still sends the day's (Remind sends each street's
// once a day; River runs periodic jobs on its leader node only).
func remindJob() *river.PeriodicJob {
	return river.NewPeriodicJob(dailyAt{remindHour},
		func() (river.JobArgs, *river.InsertOpts) { return RemindArgs{}, nil },
		&river.PeriodicJobOpts{ID: "supervision.remind", RunOnStart: true})
}

// dueCount is a street's tasks to remind of.
type dueCount struct {
	district, street string
	soon, late       int
}

// Remind tells each street's inspectors, once a working day from
// remindHour, how many open tasks are due today or on the next working day
// and how many are overdue; it returns the streets reminded now. Tasks
// with no street are the supervisors', who see them in the overview.
func (s *Service) Remind(ctx context.Context) (int, error) {
	now := s.DB.Clock.Now().In(chinaTime)
	if now.Hour() < remindHour || !s.Calendar.IsWorkday(now) {
		return 0, nil
	}
	today := now.Format(time.DateOnly)
	counts, err := s.dueCounts(ctx, today, s.Calendar.AddWorkdays(now, 1).In(chinaTime).Format(time.DateOnly))
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, c := range counts {
		ok, err := s.remindStreet(ctx, c, today)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// dueCounts counts the open tasks due by next, by street, in street order.
func (s *Service) dueCounts(ctx context.Context, today, next string) ([]dueCount, error) {
	rows, err := s.DB.Query(ctx, `SELECT district_code, street_code, due_on FROM inspection_tasks
		WHERE state = ? AND street_code <> '' AND due_on <= ?`, StateOpen, next)
	if err != nil {
		return nil, fmt.Errorf("supervision: due tasks: %w", err)
	}
	defer rows.Close()
	by := map[[2]string]*dueCount{}
	for rows.Next() {
		var district, street, due string
		if err := rows.Scan(&district, &street, &due); err != nil {
			return nil, fmt.Errorf("supervision: due tasks: %w", err)
		}
		c := by[[2]string{district, street}]
		if c == nil {
			c = &dueCount{district: district, street: street}
			by[[2]string{district, street}] = c
		}
		if due < today {
			c.late++
		} else {
			c.soon++
		}
	}
	out := make([]dueCount, 0, len(by))
	for _, c := range by {
		out = append(out, *c)
	}
	slices.SortFunc(out, func(a, b dueCount) int { return cmp.Compare(a.district+a.street, b.district+b.street) })
	return out, rows.Err()
}

// errReminded rolls back a reminder another run has sent today.
var errReminded = errors.New("supervision: reminded already")

// remindStreet notes the street's reminder of the day and notifies its
// inspectors, in one transaction; false when it was sent before.
func (s *Service) remindStreet(ctx context.Context, c dueCount, today string) (bool, error) {
	inspectors, err := s.inspectorsOf(ctx, c.street)
	if err != nil {
		return false, err
	}
	names, err := s.streetNames(ctx, c.district)
	if err != nil {
		return false, err
	}
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM supervision_reminders WHERE district_code = ?
			AND street_code = ? AND sent_on = ?`, c.district, c.street, today).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return errReminded
		}
		_, err := tx.Exec(ctx, `INSERT INTO supervision_reminders (district_code, street_code, sent_on, due_soon,
			overdue, created_at) VALUES (?, ?, ?, ?, ?, ?)`, c.district, c.street, today, c.soon, c.late, tx.Now())
		if db.IsUniqueViolation(err) {
			return errReminded // a concurrent run was first
		}
		if err != nil {
			return fmt.Errorf("supervision: reminder: %w", err)
		}
		return s.notify(ctx, tx, inspectors, reminderText(names[c.street], c.soon, c.late))
	})
	if errors.Is(err, errReminded) {
		return false, nil
	}
	return err == nil, err
}

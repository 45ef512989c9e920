package jobs

import (
	"context"
	"database/sql"
	"log/slog"

	"github.com/riverqueue/river"
)

// Events receives the outcome of every job worked on this node, e.g. to
// count them in metrics.
type Events struct {
	// OnOutcome is called with the job kind and "completed", "failed",
	// "cancelled" or "snoozed".
	OnOutcome func(kind, outcome string)
}

// follow forwards the client's job events to OnOutcome until the client stops.
func (e *Events) follow(client *river.Client[*sql.Tx]) {
	ch, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed,
		river.EventKindJobCancelled, river.EventKindJobSnoozed)
	go func() {
		defer cancel()
		for ev := range ch {
			if e.OnOutcome != nil && ev.Job != nil {
				e.OnOutcome(ev.Job.Kind, outcomeName(ev.Kind))
			}
		}
	}()
}

func outcomeName(k river.EventKind) string {
	switch k {
	case river.EventKindJobCompleted:
		return "completed"
	case river.EventKindJobFailed:
		return "failed"
	case river.EventKindJobCancelled:
		return "cancelled"
	default:
		return "snoozed"
	}
}

// levelFilter drops records below a minimum level.
type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

func (f levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{f.Handler.WithAttrs(a), f.min}
}

func (f levelFilter) WithGroup(n string) slog.Handler {
	return levelFilter{f.Handler.WithGroup(n), f.min}
}

package workorder

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// FollowUpView is one answer to a follow-up.
type FollowUpView struct {
	// For is the order whose requester answered (the order itself, or
	// one merged into it).
	For              string       `json:"for"`
	Channel          string       `json:"channel"`
	ChannelName      string       `json:"channel_name"`
	Fixed            bool         `json:"fixed"`
	Satisfaction     Satisfaction `json:"satisfaction"`
	SatisfactionName string       `json:"satisfaction_name"`
	Comment          string       `json:"comment,omitempty"`
	At               time.Time    `json:"at"`
}

var followChannelNames = map[string]string{FollowOnline: "诉求人在线评价", FollowPhone: "电话回访",
	FollowSMS: "短信回访", FollowVisit: "上门回访"}

// FollowChannelName is a follow-up channel's Chinese name.
func FollowChannelName(c string) string { return nameOr(followChannelNames, c) }

// StaffFollowChannels lists the channels staff record follow-ups through.
func StaffFollowChannels() []string { return append([]string(nil), staffChannels...) }

// followUpRow is an answer with the resolution and order it is about.
type followUpRow struct {
	FollowUpView
	seq   int
	forID int64
}

// followUpsOf reads the answers to an order's follow-ups, oldest first.
func followUpsOf(ctx context.Context, q querier, orderID int64) ([]followUpRow, error) {
	rows, err := q.Query(ctx, `SELECT f.resolved_seq, f.for_order_id, COALESCE(w.number, ''), f.channel,
		f.fixed, f.satisfaction, f.comment, f.answered_at FROM workorder_followups f
		LEFT JOIN workorders w ON w.id = f.for_order_id
		WHERE f.order_id = ? AND f.answered_at IS NOT NULL ORDER BY f.id`, orderID)
	if err != nil {
		return nil, fmt.Errorf("workorder: follow-ups: %w", err)
	}
	defer rows.Close()
	var out []followUpRow
	for rows.Next() {
		var f followUpRow
		var fixed sql.NullBool
		if err := rows.Scan(&f.seq, &f.forID, &f.For, &f.Channel, &fixed, &f.Satisfaction, &f.Comment, &f.At); err != nil {
			return nil, fmt.Errorf("workorder: follow-ups: %w", err)
		}
		f.Fixed, f.At = fixed.Bool, f.At.UTC()
		f.ChannelName, f.SatisfactionName = FollowChannelName(f.Channel), f.Satisfaction.Name()
		out = append(out, f)
	}
	return out, rows.Err()
}

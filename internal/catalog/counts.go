package catalog

import (
	"context"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
)

// Counts are the figures the catalogue reports on: items in force, by
// type, by channel and by level of service point.
type Counts struct {
	Total       int
	ByType      map[ItemType]int
	Contactless int // 不见面: no visit needed
	Agent       int // 代办
	DoorToDoor  int // 上门服务
	ByLevel     map[Level]int
}

// Counts counts the items of a district in force now.
func (s *Service) Counts(ctx context.Context, actor *authz.Actor, district string) (Counts, error) {
	if err := checkView(actor, district); err != nil {
		return Counts{}, err
	}
	now := s.db.Clock.Now().UTC()
	rows, err := s.db.Query(ctx, `SELECT v.item_type, v.levels, v.visits, v.agent, v.door_to_door
		FROM catalog_item_versions v JOIN catalog_items i ON i.id = v.item_id
		WHERE i.district = ? AND i.status = 'published' AND`+currentWhere, district, now, now)
	if err != nil {
		return Counts{}, fmt.Errorf("catalog: counts: %w", err)
	}
	defer rows.Close()
	c := Counts{ByType: map[ItemType]int{}, ByLevel: map[Level]int{}}
	for rows.Next() {
		var t ItemType
		var levels string
		var visits int
		var agent, door bool
		if err := rows.Scan(&t, &levels, &visits, &agent, &door); err != nil {
			return Counts{}, fmt.Errorf("catalog: counts: %w", err)
		}
		c.add(t, splitLevels(levels), visits == 0, agent, door)
	}
	return c, rows.Err()
}

func (c *Counts) add(t ItemType, levels []Level, contactless, agent, door bool) {
	c.Total++
	c.ByType[t]++
	for _, l := range levels {
		c.ByLevel[l]++
	}
	c.Contactless += b2i(contactless)
	c.Agent += b2i(agent)
	c.DoorToDoor += b2i(door)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

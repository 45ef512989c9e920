package workorder

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/shanzhi-gov/shanzhi/internal/audit"
	"github.com/shanzhi-gov/shanzhi/internal/platform/authz"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// demoCategories is the demo category tree (see data/demo_categories.json:
// the property request kinds, city management, public safety and
// livelihood, with the book's time limits and demo values labelled).
//
//go:embed data/demo_categories.json
var demoCategories []byte

// demoTree is the file's shape: the tree's note and its categories.
type demoTree struct {
	Note       string     `json:"note"`
	Categories []Category `json:"categories"`
}

// DemoCategories returns the demo tree's categories.
func DemoCategories() ([]Category, string, error) {
	var d demoTree
	dec := json.NewDecoder(bytes.NewReader(demoCategories))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, "", fmt.Errorf("workorder: demo categories: %w", err)
	}
	return d.Categories, d.Note, nil
}

// SeedDemo publishes the demo category tree as version 1 of a district
// that has no tree yet; it reports whether it did. It runs as the system.
func (s *Service) SeedDemo(ctx context.Context, district string) (bool, error) {
	cats, note, err := DemoCategories()
	if err != nil {
		return false, err
	}
	t := &Tree{District: district, Categories: cats}
	if err := t.Validate(); err != nil {
		return false, fmt.Errorf("workorder: demo categories: %w", err)
	}
	seeded := false
	err = s.DB.InTx(ctx, func(tx *db.Tx) error {
		var n int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM workorder_category_trees WHERE district_code = ?`,
			district).Scan(&n); err != nil || n > 0 {
			return err
		}
		row, err := newTreeVersion(ctx, tx, district, 0)
		if err != nil {
			return err
		}
		if err := replaceCategories(ctx, tx, row.id, cats); err != nil {
			return err
		}
		if err := publishTree(ctx, tx, district, row.id, note, 0, tx.Now()); err != nil {
			return err
		}
		seeded = true
		return audit.Append(ctx, tx, audit.Entry{Actor: authz.System(district), Action: "workorder.category.publish",
			ObjectType: "workorder_category_tree", ObjectID: "1"})
	})
	return seeded, err
}

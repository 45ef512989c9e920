package migrations

import (
	"slices"
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

// TestEnginesHaveIdenticalMigrationNames keeps the two schema histories in step.
func TestEnginesHaveIdenticalMigrationNames(t *testing.T) {
	lite, err := All().Names(db.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := All().Names(db.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if !slices.Equal(lite, pg) {
		t.Fatalf("migration names differ:\nsqlite:   %v\npostgres: %v", lite, pg)
	}
}

package db_test

import (
	"github.com/shanzhi-gov/shanzhi/internal/migrations"
	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

func migrationsForTest() db.Migrations { return migrations.All() }

// Package migrations embeds Shanzhi's forward-only schema migrations: one
// folder per engine, sqlite/ and postgres/, with identical file names so the
// two engines always carry the same schema history (a test checks it).
//
// Files are numbered by module: 0001 core, 0002 organisation, 0003 identity,
// 0004 audit; later modules take the next numbers.
package migrations

import (
	"embed"

	"github.com/shanzhi-gov/shanzhi/internal/platform/db"
)

//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// All returns the embedded migrations.
func All() db.Migrations { return db.Migrations{FS: files} }

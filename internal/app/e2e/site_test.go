package e2e

import (
	"testing"

	"github.com/shanzhi-gov/shanzhi/internal/app/apptest"
)

// site is a seeded demo app served over HTTP for one test.
type site = apptest.Site

// startSite opens a seeded demo app on a fresh test database and serves it.
func startSite(t *testing.T) *site { return apptest.Start(t) }

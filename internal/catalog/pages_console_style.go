package catalog

import (
	"net/http"
	"strconv"
)

// consoleCSSPath serves the console pages' own styles: the site's policy
// forbids inline styles, so they come from a file like every other sheet.
const consoleCSSPath = "/static/catalog/console.css"

const consoleCSS = `.catalog-figure { font-size: 2rem; font-weight: 600; margin: 0; color: var(--primary); }
.catalog-tally { list-style: none; padding: 0; margin: 0; }
.catalog-tally li { display: flex; justify-content: space-between; padding: .1rem 0; }
.catalog-filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.catalog-filters .field { margin-bottom: .5rem; min-width: 0; }
.catalog-filters select { max-width: 11rem; }
.catalog-q { width: 12rem; }
.catalog-flags-cell { min-width: 14em; }
.catalog-bar { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; }
.catalog-bar input[type="date"] { width: auto; }
.catalog-publish { margin: 0; }
.catalog-withdraw { margin: 0 0 0 auto; display: flex; gap: .5rem; align-items: center; }
fieldset.catalog-checks { border: 0; padding: 0; margin: 0 0 1rem; }
.catalog-checks legend { font-weight: 500; margin-bottom: .3rem; padding: 0; }
.catalog-filter-go { display: flex; gap: .5rem; }
.catalog-facts { display: grid; grid-template-columns: 9rem 1fr; gap: .35rem 1rem; margin: 0; }
.catalog-facts dt { color: var(--muted); }
.catalog-facts dd { margin: 0; }
.catalog-problems { margin: .5rem 0 0; padding-left: 1.2rem; }
.catalog-problems code, .catalog-diff code { word-break: break-all; }
.catalog-json { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem;
  min-height: 32rem; width: 100%; white-space: pre; tab-size: 2; }
.catalog-diff td { vertical-align: top; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
.catalog-diff .before { background: var(--danger-soft); }
.catalog-diff .after { background: var(--ok-soft); }
.catalog-checks { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; }
.catalog-checks label { font-weight: normal; }
.catalog-who { list-style: none; padding: 0; margin: -.5rem 0 1rem; }
.catalog-report td:nth-child(-n+3) { white-space: nowrap; }
`

// serveConsoleCSS answers the console style sheet.
func serveConsoleCSS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Length", strconv.Itoa(len(consoleCSS)))
	_, _ = w.Write([]byte(consoleCSS))
}
